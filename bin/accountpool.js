#!/usr/bin/env node
// Starts the accountpool CLI from its TypeScript sources.
//
// Loading tsx's loader costs about 250 ms per command on Node 20, too much for a pre-start hook
// and for the speed targets. So the sources are bundled once with esbuild (the compiler tsx itself
// uses, already installed with it) into dist/, and bundled again whenever a source file is newer
// than the bundle. Where dist/ cannot be written (a read-only install) tsx runs the sources.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src', 'cli', 'run.ts');
const bundle = join(root, 'dist', 'accountpool.mjs');

function newestSource(dir) {
  let newest = statSync(dir).mtimeMs; // a deleted or renamed file changes its folder's time
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function build() {
  const { build } = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  const temp = `${bundle}.${process.pid}.tmp`;
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: temp, logLevel: 'error' });
  renameSync(temp, bundle); // atomic: a concurrent start sees the old bundle or the new one
}

let target = bundle;
try {
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newestSource(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs)) await build();
} catch {
  const { register } = await import('tsx/esm/api');
  register();
  target = entry;
}
await import(pathToFileURL(target).href);
