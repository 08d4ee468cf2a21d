// `npm run build` (npm pack runs it through prepack): bundles src/ into dist/accountpool.mjs, the
// one file bin/accountpool.js runs, so an installed package needs neither tsx nor esbuild.
// In a checkout bin/accountpool.js calls build() itself whenever a source is newer than the bundle.
//
// Packages stay outside the bundle (`packages: 'external'`): they are installed beside it as
// dependencies, and the ones loaded on first use (yaml, the csv packages, proper-lockfile:
// src/lazy-require.ts; mailparser, htmlparser2, chokidar, ...) stay loaded on first use, which
// keeps every command's start fast.
// Plain JavaScript, so a checkout can build without tsx.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = join(ROOT, 'src', 'cli', 'run.ts');
export const BUNDLE = join(ROOT, 'dist', 'accountpool.mjs');

/** Writes the bundle to `outfile` atomically (a concurrent start sees the old bundle or the new one); returns esbuild's metafile. */
export async function build(outfile = BUNDLE) {
  const esbuild = await import('esbuild');
  mkdirSync(dirname(outfile), { recursive: true });
  const temp = `${outfile}.${process.pid}.tmp`;
  try {
    const result = await esbuild.build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: temp,
      metafile: true,
      logLevel: 'error',
    });
    renameSync(temp, outfile);
    return result.metafile;
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await build();
