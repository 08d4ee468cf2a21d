// A command's process ends as soon as it has nothing left to do, through `process.exit()`, not
// through Node's teardown of its environment and V8's heap after the event loop drained.
//
// Why: that teardown cost an allocation at 100,000 accounts ~40-50 ms of CPU and ~0.4-0.7 s of
// wall at load ~25 (12 pairs; ~10 % of its CPU), for a process about to end anyway
// (docs/scale-log.md, stop 62 A). `beforeExit` is emitted only once the loop is empty: no timer,
// no open handle, no write still under way (a pending write to a pipe or a file keeps the loop
// alive), so nothing the command started is cut short. `process.exit()` then emits `exit` as the
// natural end does (its listeners run: the code cache saved, a lock library's cleanup) with the
// exit code the command set (`process.exitCode`).
//
// Only a process's own entries call this (run.ts, command-run.ts, merge-driver-run.ts), never
// `main`: the tests run commands inside their own worker.
export function exitWhenDone(): void {
  process.once('beforeExit', () => process.exit());
}
