// Preloaded (`node --import`) into a real accountpool process: plays the attacker who swaps a shard
// for a FIFO in the instant between a command's stat of the file and its open, at the moment no
// race could be timed from outside. The first open of FIFO_AT_OPEN_FILE (by any of fs's opens or
// whole reads) made from a function named FIFO_AT_OPEN_IN (a name on its stack) finds a FIFO
// there (FIFO_AT_OPEN_KIND=zero: a link to /dev/zero instead): the shard is moved to FILE.away first. The stack of that open is written to FILE.stack,
// for the test to see that the read it means was reached.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const target = process.env.FIFO_AT_OPEN_FILE;
const within = process.env.FIFO_AT_OPEN_IN ?? '';
let done = false;

function before(path) {
  if (target === undefined || typeof path !== 'string' || resolve(path) !== target) return;
  const stack = new Error('swapped').stack ?? '';
  if (done || !stack.split('\n').some((frame) => frame.includes(`${within} (`))) return;
  done = true;
  fs.renameSync(target, `${target}.away`);
  if (process.env.FIFO_AT_OPEN_KIND === 'zero') fs.symlinkSync('/dev/zero', target);
  else execFileSync('mkfifo', ['-m', '600', target]);
  fs.writeFileSync(`${target}.stack`, stack);
}

function wrap(owner, name) {
  const real = owner[name];
  owner[name] = function (path, ...rest) {
    before(path);
    return real.call(this, path, ...rest);
  };
}

for (const name of ['openSync', 'open', 'readFileSync', 'readFile', 'createReadStream']) wrap(fs, name);
for (const name of ['open', 'readFile']) wrap(fs.promises, name);
syncBuiltinESMExports();
