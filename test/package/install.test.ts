// The package as an operator installs it: `npm pack` (its prepack builds dist/), then
// `npm install -g` into a prefix of its own, then the commands and hooks run from there with the
// install folder read-only, far from this checkout (no tsx, no esbuild, no src/ anywhere near).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { installGlobal, npm, pack, type Installed } from '../helpers/package.js';
import { ROOT, cli } from '../helpers/cli.js';
import { docPages } from '../helpers/docs.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Result> {
  return new Promise((resolve, reject) => {
    execFile(command[0]!, command.slice(1), { ...options, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/**
 * Makes `dir` read-only for the commands run through `wrap`. Root ignores file modes, so as root
 * each command gets a mount namespace of its own (unshare) in which `dir` is a read-only bind
 * mount: nothing to undo, nothing seen by other processes. Anyone else: the write bits go.
 */
async function readOnly(dir: string): Promise<{ wrap: (command: string[]) => string[]; restore: () => Promise<void> }> {
  if (process.getuid?.() === 0) {
    const script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"';
    return { wrap: (command) => ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', dir, ...command], restore: async () => {} };
  }
  const chmod = (mode: string) => run(['chmod', '-R', mode, dir], { cwd: dir, env: process.env });
  await chmod('a-w');
  return { wrap: (command) => command, restore: async () => void (await chmod('u+w')) };
}

/** Every file and folder under `dir` with its size and modification time. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return Promise.all(entries.sort().map(async (e) => `${e} ${(await stat(join(dir, e))).size} ${(await stat(join(dir, e))).mtimeMs}`));
}

let base: string;
let tarball: string;
let packed: string[];
let dryRun: string[];

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'accountpool-package-'));
  ({ tarball, files: packed } = await pack(base));
  dryRun = (await pack(base, { dryRun: true })).files;
}, 180_000);

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships what runs, the hooks, the examples, README and the docs/ pages it links, licence and changelog: no test, fixture or source file', async () => {
    expect(packed).toEqual(dryRun);
    for (const file of dryRun) expect(file).toMatch(/^(bin\/(accountpool|out-of-files)\.js|bin\/package\.json|dist\/accountpool\.mjs|dist\/chunks\/[\w-]+\.[mc]js|hooks\/[^/]+|examples\/[^/]+|README\.md|docs\/[^/]+|CHANGELOG\.md|LICENSE|package\.json)$/);
    for (const file of dryRun) expect(file).not.toMatch(/(^|\/)(test|tests|fixtures?|src|bench|scripts|pool)\/|\.test\.|\.ts$/);
    expect(dryRun).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md', 'bin/accountpool.js', 'bin/package.json', 'dist/accountpool.mjs', 'hooks/pre-start', 'hooks/monocle-pre-start.sh', 'examples/seller-order-30218.eml']));
    expect(dryRun).toEqual(expect.arrayContaining(await docPages())); // the landing page's links work in the installed package
  });
});

describe('npm install -g of the tarball', () => {
  let installed: Installed;
  let ro: Awaited<ReturnType<typeof readOnly>>;
  let env: NodeJS.ProcessEnv;
  let work: string;

  beforeAll(async () => {
    installed = await installGlobal(tarball, join(base, 'prefix'));
    work = join(base, 'work');
    await mkdir(join(work, 'scanner'), { recursive: true });
    env = { PATH: [join(installed.prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter), HOME: work, LANG: 'C.UTF-8' };
    ro = await readOnly(installed.prefix);
  }, 180_000);

  afterAll(async () => ro?.restore());

  const accountpool = (args: string[], cwd = work) => run(ro.wrap(['accountpool', ...args]), { cwd, env });

  it('runs --version, init, import and allocate from a read-only install, without tsx, esbuild or sources', async () => {
    const before = await tree(installed.root);
    const probe = await run(ro.wrap(['sh', '-c', 'if touch "$1/probe" 2>/dev/null; then echo writable; else echo read-only; fi', 'sh', installed.root]), { cwd: work, env });
    expect(probe, 'the install folder must be read-only for this test to mean anything').toEqual({ code: 0, stdout: 'read-only\n', stderr: '' });

    for (const absent of ['src', 'node_modules/tsx', 'node_modules/esbuild', 'scripts']) expect(existsSync(join(installed.root, absent)), absent).toBe(false);
    for (const absent of ['tsx', 'esbuild']) expect(existsSync(join(installed.prefix, 'lib', 'node_modules', absent)), absent).toBe(false);

    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = await accountpool(['--version']);
    expect(v).toMatchObject({ code: 0, stdout: `accountpool ${version}\n` });

    const pool = join(work, 'pool');
    expect(await accountpool(['init', '--pool', pool])).toMatchObject({ code: 0, stdout: expect.stringContaining('created pool') });
    // The sample e-mail shipped in the package: a MIME message, so mailparser is loaded (on first use) from the install.
    const imported = await accountpool(['import', join(installed.root, 'examples', 'seller-order-30218.eml'), '--level', '30', '--pool', pool]);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining('8 added') });
    const allocated = await accountpool(['allocate', '--count', '3', '--no-check', '--accountcsv', 'accounts.csv', '--pool', pool]);
    expect(allocated, allocated.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('allocated 3 accounts') });
    expect((await readFile(join(work, 'accounts.csv'), 'utf8')).trim().split('\n')).toHaveLength(4);
    const status = JSON.parse((await accountpool(['status', '--json', '--pool', pool])).stdout) as { version: string; total: number };
    expect(status).toMatchObject({ version, total: 8 });

    expect(await tree(installed.root)).toEqual(before);
  });

  it('runs its hooks, which ask for a pool since an installed package has none of its own', async () => {
    const hook = join(installed.root, 'hooks', 'monocle-pre-start.sh');
    const pool = join(work, 'hook-pool');
    // The pool made in this process (cli(): this checkout's main, the same version): the installed
    // package's own init and import are the test above's, each start of it ~0.3-1 s of CPU.
    expect((await cli(['init', '--pool', pool])).code).toBe(0);
    const eml = join(installed.root, 'examples', 'seller-order-30218.eml');
    expect((await cli(['import', eml, '--level', '30', '--pool', pool])).code).toBe(0);

    const scanner = join(work, 'scanner');
    const noPool = await run(ro.wrap([hook, '--count', '2']), { cwd: scanner, env });
    expect(noPool.code).toBe(2);
    expect(noPool.stderr).toContain('which pool?');
    const ok = await run(ro.wrap([hook, '--count', '2']), { cwd: scanner, env: { ...env, ACCOUNTPOOL_DIR: pool } });
    expect(ok, ok.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('allocated 2 accounts') });
    expect((await readFile(join(scanner, 'accounts.csv'), 'utf8')).split('\n')[0]).toBe('username,password,provider,model,iOS,id');
  });
});

describe('npx', () => {
  it('runs accountpool straight from the tarball, as the README shows', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'accountpool-npx-'));
    const spec = `./${basename(tarball)}`;
    await copyFile(tarball, join(cwd, spec));
    await forgetNpx(spec); // an install of an older tarball by that name would be used as it is
    try {
      const out = await npm(['--yes', '--prefer-offline', spec, '--version'], cwd, 'npx');
      expect(out).toMatch(/^accountpool \d+\.\d+\.\d+/);
    } finally {
      await rm(cwd, { recursive: true, force: true });
      await forgetNpx(spec);
    }
  });
});

let npmCache: Promise<string> | undefined;

/** npx installs into a folder of npm's cache named for the package spec as typed: remove the one for `spec`. */
async function forgetNpx(spec: string): Promise<void> {
  // Asked once: an npm start is ~0.3 s of CPU.
  const cache = await (npmCache ??= npm(['config', 'get', 'cache']).then((out) => out.trim()));
  const npx = join(cache, '_npx');
  for (const entry of await readdir(npx).catch(() => [])) {
    const manifest = await readFile(join(npx, entry, 'package.json'), 'utf8').catch(() => '');
    if (manifest.includes(JSON.stringify(spec))) await rm(join(npx, entry), { recursive: true, force: true });
  }
}
