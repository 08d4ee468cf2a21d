// Stopping a real process at a chosen instant. kill(SIGSTOP) returns before the process stands
// still: a thread inside a system call (a rename on libuv's thread pool, on the other core)
// finishes that call first, and only then stops (signal(7): a stop takes effect on the way back
// to user space). A test that looks at the files right after kill() can see the state before a
// rename the process then completes; it must wait until every thread reads as stopped.
import { readFileSync, readdirSync } from 'node:fs';

/** The state letter of one thread, from /proc/PID/task/TID/stat (after the parenthesised name). */
function threadState(pid: number, tid: string): string {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/**
 * Sends SIGSTOP and returns once every thread of `pid` is stopped ('T'), so no system call of it
 * is still under way. Synchronous, for use inside an fs.watch callback at the instant it fires.
 */
export function stopWholly(pid: number, timeoutMs = 10_000): void {
  process.kill(pid, 'SIGSTOP');
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const states = readdirSync(`/proc/${pid}/task`).map((tid) => {
      try {
        return threadState(pid, tid);
      } catch {
        return 'T'; // a thread that ended while we looked
      }
    });
    if (states.every((s) => s === 'T' || s === 't')) return;
    if (Date.now() > deadline) throw new Error(`pid ${pid} not stopped after ${timeoutMs} ms: thread states ${states.join('')}`);
    Atomics.wait(pause, 0, 0, 1);
  }
}
