// Where this installation lives and which version it is. The running code is src/ in a checkout
// (or through tsx) and the bundle in an installed package (dist/accountpool.mjs and the chunks in
// dist/chunks/, this module in one of them), so the folder is found by walking up to the one
// holding bin/accountpool.js, not by a fixed depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;
let version: string | undefined;

/** This installation's folder (the one holding bin/accountpool.js and package.json). */
export function installRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bin', 'accountpool.js')) && existsSync(join(dir, 'package.json'))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find bin/accountpool.js above the running code');
    dir = parent;
  }
}

/** The version in this installation's package.json: the one `npm install` and `npm pack` saw. */
export function packageVersion(): string {
  return (version ??= (JSON.parse(readFileSync(join(installRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}
