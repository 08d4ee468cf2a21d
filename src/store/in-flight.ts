// At most a few of a list's asynchronous steps at once. Each shard read opens its file: reading
// every shard with one Promise.all opened them all at once, one descriptor a shard, and a 64-shard
// pool under `ulimit -n 80` (Node keeps ~20 open of its own) ran out (EMFILE) in every command
// that reads the pool whole, as did a pool of 1,024 shards or more under the common limit of 1,024
// (stop 56). The reads are CPU-bound past their open: a few in flight lose nothing.

/** `step` of each item, at most `limit` running at once; the results in the items' order. */
export async function mapInFlight<T, R>(items: readonly T[], limit: number, step: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await step(items[i]!);
      } catch (error) {
        failed = true; // no further step begun; the ones running finish before the error is thrown
        throw error;
      }
    }
  };
  const done = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = done.find((d) => d.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return results;
}
