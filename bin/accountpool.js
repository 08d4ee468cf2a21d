#!/usr/bin/env node
// Starts the accountpool CLI.
//
// It always runs dist/accountpool.mjs, src/ bundled by scripts/build.mjs (with one chunk per
// command in dist/chunks/, loaded when the command runs): loading
// tsx's loader would cost about 250 ms per command on Node 20, too much for a pre-start hook.
// - An installed package (npm pack runs the build; no src/ is shipped) runs the bundle it came
//   with and never writes into its own folder, which may be read-only.
// - A checkout runs from source as before: the bundle is made again whenever a source file or
//   package.json is newer than it, with esbuild from the devDependencies. Where that cannot be
//   done (dist/ not writable, no devDependencies) tsx runs the sources, if it is there.
//
// This file is CommonJS (bin/package.json), not an ES module: Node 20 starts its ES module loader
// for an ES module entry (~20 more of its own modules, ~5 ms of CPU quiet), and `allocate` then
// runs from a CommonJS entry of its own without that loader at all (docs/scale-log.md, stop 63 S2).
// The other commands import the ES module bundle, which starts the loader then.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { outOfFilesWords, reportedFilesLimit } = require('./out-of-files.js');

const root = join(__dirname, '..');
const sources = join(root, 'src');
const entry = join(sources, 'cli', 'run.ts');
const bundle = join(root, 'dist', 'accountpool.mjs');
/** The one file outside src/ that the bundle holds (src/open-files-limit.ts imports it). */
const besideSources = join(root, 'bin', 'out-of-files.js');

// Every start in a checkout walks src/ (~200 files): the paths are put together by hand, not by
// path.join, whose normalising of each path cost ~10 ms of CPU over the walk (most of its cost).
function newestSource(dir) {
  let newest = statSync(dir).mtimeMs; // a deleted or renamed file changes its folder's time
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${item.name}`;
    const mtime = item.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

// A test run (test/helpers/global-setup.ts) makes this bundle fresh once, before its first test, and
// names it here: its thousands of starts then skip the walk (~20-40 ms of CPU each). Only this
// exact bundle: a copy of the checkout elsewhere (test/package/build.test.ts) still walks its src/.
const vouched = process.env.ACCOUNTPOOL_FRESH_BUNDLE === bundle && existsSync(bundle);

// git runs `accountpool merge-driver` once per file changed on both sides of each replayed commit:
// it gets the driver's own one-file entry (scripts/build.mjs DRIVER_FILE), not the CLI's, which
// answers the same at ~50 ms more CPU a start. `allocate`, `status`, `mark` and `release` get one too (COMMAND_FILE,
// src/cli/command-run.ts), the chunks of the CLI's entry skipped (stop 59 A), CommonJS and so loaded
// by `require` (stop 63 S2; status since stop 66 S, mark and release since S3). A dist/ without it (built before it existed)
// runs the CLI's.
const ownEntries = { 'merge-driver': 'merge-driver-run.mjs', allocate: 'command-run.cjs', status: 'command-run.cjs', mark: 'command-run.cjs', release: 'command-run.cjs' };

// Node's loader opens a module's imports many at once (the entry's chunks, and what a command loads
// on first use): under a low limit on open files (`ulimit -n 30`, a service's LimitNOFILE=) that ran
// out before any of accountpool's code could say so, and Node printed its raw EMFILE stack (stop 56).
// The words are src/open-files-limit.ts's, which says them once the CLI's code runs (./out-of-files.js).
function couldNotLoad(error, target) {
  if (error?.code !== 'EMFILE' && error?.code !== 'ENFILE') throw error;
  console.error(`accountpool: could not load its own code (${error.path ?? target}): ${outOfFilesWords(error.code, reportedFilesLimit())}`);
  process.exitCode = 1;
}

async function start() {
  let target = bundle;
  if (existsSync(sources) && !vouched) {
    try {
      if (!existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newestSource(sources), statSync(join(root, 'package.json')).mtimeMs, statSync(besideSources).mtimeMs)) {
        const { build, KEEP_OLD_CHUNKS_MS } = await import('../scripts/build.mjs');
        await build(bundle, { keepOldMs: KEEP_OLD_CHUNKS_MS });
      }
    } catch (error) {
      const tsx = await import('tsx/esm/api').catch(() => {
        throw new Error(`accountpool: cannot build ${bundle} from ${sources} (${error.message}); run \`npm ci\` in ${root}`);
      });
      tsx.register();
      target = entry;
    }
  } else if (!existsSync(bundle)) {
    console.error(`accountpool: ${bundle} is missing: this package was packed without its build (npm pack runs it)`);
    process.exit(1);
  }
  const own = Object.hasOwn(ownEntries, process.argv[2] ?? '') ? join(root, 'dist', 'chunks', ownEntries[process.argv[2]]) : undefined;
  if (target === bundle && own && existsSync(own)) target = own;
  try {
    // A CommonJS entry runs here and now, as the file's top level: the command goes on by itself (its promise).
    if (target.endsWith('.cjs')) require(target);
    else await import(pathToFileURL(target).href);
  } catch (error) {
    couldNotLoad(error, target);
  }
}

// What `start` throws (a checkout that can neither build nor run its sources) is an unhandled
// rejection, which Node raises as an uncaught error: its stack on stderr and exit code 1, as the
// same throw at an ES module's top level did.
void start();
