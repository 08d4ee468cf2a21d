// proper-lockfile, loaded when a command first takes the lock: with graceful-fs, retry and
// signal-exit it costs ~30 ms of every start (docs/design-scale.md §3.11), and a command that
// takes no lock (status, show, export, --help) never needs it.
//
// Loading it loads signal-exit, which at once listens to SIGTERM, SIGINT, SIGHUP, ... and, when a
// signal comes and it finds itself the only listener left, re-raises the signal to end the
// process. Our own handlers (watch, serve, dashboard, allocate) take themselves off when they run,
// so that a second signal ends the process the default way: run before signal-exit's listener,
// one of them would leave it alone and the first SIGTERM would kill the process it was meant to
// stop gently. Loaded at start, signal-exit's listeners came before ours; loaded later, they are
// moved in front of the listeners already there, so the order stays what it was.
import type * as Lockfile from 'proper-lockfile';
import { loadLockfile as load } from './lockfile-package.js';

export function properLockfile(): typeof Lockfile {
  const before = new Map(process.eventNames().map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const lockfile = load();
  for (const [event, earlier] of before) {
    if (typeof event !== 'string' || !event.startsWith('SIG') || earlier.length === 0) continue;
    const signal = event as NodeJS.Signals;
    const added = process.listeners(signal).filter((listener) => !earlier.includes(listener));
    // Taken off and put back in front; never the last listener of the signal, so Node keeps catching it meanwhile.
    for (const listener of added) process.off(signal, listener);
    for (const listener of added.reverse()) process.prependListener(signal, listener);
  }
  return lockfile;
}
