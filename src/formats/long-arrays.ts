// Arrays as long as a dump makes them. A spread into a call's arguments, `out.push(...items)` or
// `Math.min(...values)`, puts every item on the stack, and V8 throws `RangeError: Maximum call
// stack size exceeded` at about 120,000 of them (Node 20): one RocketMap config line of 1.2 MB,
// `username: [u, u, ...]`, or 140,000 `-u NAME` on a start script's line, made a reader fail naming
// neither file nor line. Readers append and compare such arrays with these loops instead.

/** Appends every item of `items` to `target` (what `target.push(...items)` does, at any length). */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The smallest of `values` (Infinity for none, as `Math.min()` gives). */
export function minOf(values: Iterable<number>): number {
  let least = Infinity;
  for (const v of values) if (v < least || Number.isNaN(v)) least = v;
  return least;
}

/** The largest of `values` (-Infinity for none, as `Math.max()` gives). */
export function maxOf(values: Iterable<number>): number {
  let most = -Infinity;
  for (const v of values) if (v > most || Number.isNaN(v)) most = v;
  return most;
}
