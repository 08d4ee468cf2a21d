// Where proper-lockfile comes from: installed beside the bundle, loaded from node_modules on the
// first lock (src/lazy-require.ts). The files of allocate and import (scripts/build.mjs
// WHOLE_COMMANDS) put it, and graceful-fs, retry and signal-exit, in their own file instead: this
// module is replaced there by a `require` the bundler follows, still run only on the first lock.
// Loaded from node_modules, its 13 CommonJS files took ~12 ms of CPU (median, load ~19) to find, read
// and compile in every allocation; from the file, with its code cache, ~4 ms (docs/scale-log.md, stop 59 A).
import type * as Lockfile from 'proper-lockfile';
import { lazily } from '../lazy-require.js';

/** proper-lockfile's module, loaded on the first call. */
export const loadLockfile: () => typeof Lockfile = lazily<typeof Lockfile>('proper-lockfile');
