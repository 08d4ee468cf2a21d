// This checkout as an operator gets it: packed by `npm pack` (whose prepack runs the build) and
// installed with `npm install -g` into a prefix of its own. Used by test/package/ and the bench.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './cli.js';
import { RUNNER_HOME } from './test-home.js';
import { RUNNER_CA_CERTS } from './runner-ca-certs.js';

export interface PackedFile {
  path: string;
}

/**
 * npm (or npx) with this process's npm_* variables removed, so `npm test`'s own settings do not
 * leak in, and in the runner's own HOME, not the test worker's (test-home.ts): ~/.npmrc (a
 * registry, a proxy) and npm's cache are what let the install find its dependencies offline; with
 * the runner's NODE_EXTRA_CA_CERTS, which the other processes go without (runner-ca-certs.ts).
 */
export function npm(args: string[], cwd = ROOT, program: 'npm' | 'npx' = 'npm'): Promise<string> {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) clean[key] = value;
  if (process.env[RUNNER_HOME]) clean.HOME = process.env[RUNNER_HOME];
  if (process.env[RUNNER_CA_CERTS]) clean.NODE_EXTRA_CA_CERTS = process.env[RUNNER_CA_CERTS]; // a registry behind a proxy
  return new Promise((resolve, reject) => {
    execFile(program, args, { cwd, env: clean, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * `npm pack` of this checkout into `dir`: the tarball's path and the files it holds. `dryRun`
 * lists them without writing the tarball, and without building again (`--ignore-scripts`: a pack
 * has just built dist/).
 */
export async function pack(dir: string, { dryRun = false } = {}): Promise<{ tarball: string; files: string[] }> {
  const [result] = JSON.parse(await npm(['pack', '--json', '--pack-destination', dir, ...(dryRun ? ['--dry-run', '--ignore-scripts'] : [])])) as { filename: string; files: PackedFile[] }[];
  return { tarball: join(dir, result!.filename), files: result!.files.map((f) => f.path).sort() };
}

export interface Installed {
  prefix: string;
  /** The package's folder: PREFIX/lib/node_modules/accountpool */
  root: string;
  /** PREFIX/bin/accountpool, the link npm made */
  bin: string;
}

/** `npm install -g --prefix PREFIX TARBALL`, its dependencies from npm's cache where they are (else the registry). */
export async function installGlobal(tarball: string, prefix: string): Promise<Installed> {
  await mkdir(prefix, { recursive: true });
  await npm(['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error', tarball], prefix);
  return { prefix, root: join(prefix, 'lib', 'node_modules', 'accountpool'), bin: join(prefix, 'bin', 'accountpool') };
}
