// The items of a list smallest first, sorted only as far as they are taken.
//
// Why: allocate takes 400 accounts off the front of the circle, which at 100,000 accounts holds
// most of the pool; sorting all of it (~1.7 million comparisons) cost more than reading the pool.
// A binary heap built in place takes ~2n comparisons, then ~log n per item taken, and the caller
// may still go on as far as it needs (accounts the file cannot carry are passed over).

/** Yields `items` in `compare`'s order; reorders `items` in place (it becomes the heap). */
export function* ascending<T>(items: T[], compare: (a: T, b: T) => number): Generator<T> {
  const heap = items;
  let size = heap.length;
  const siftDown = (from: number) => {
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < size && compare(heap[l]!, heap[least]!) < 0) least = l;
      if (r < size && compare(heap[r]!, heap[least]!) < 0) least = r;
      if (least === i) return;
      const t = heap[i]!;
      heap[i] = heap[least]!;
      heap[least] = t;
      i = least;
    }
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  while (size > 0) {
    const least = heap[0]!;
    heap[0] = heap[--size]!;
    siftDown(0);
    yield least;
  }
}
