// What signal-exit (the lock library's, bundled into allocate's and import's programs: build.mjs
// WHOLE_PACKAGES) gets for `require('assert')`: its one use, `assert.equal(typeof cb, 'function',
// message)` on the callback proper-lockfile hands it. Node's own assert module, loaded for that
// alone at every first lock, loads its colour support, which makes Node's stderr stream (for a
// pipe, node:net and its stream classes): ~4-8 ms of CPU an allocation at load ~19, for a
// process that never writes to its stderr (docs/scale-log.md, stop 63 S2).
'use strict';

/** assert.equal's check (`==`), failing with the message as assert's would. */
exports.equal = function equal(actual, expected, message) {
  // eslint-disable-next-line eqeqeq -- assert.equal is loose equality
  if (actual != expected) throw new Error(message);
};
