// The bundle bin/accountpool.js runs (scripts/build.mjs; npm pack ships it as dist/accountpool.mjs
// and its chunks, dist/chunks/): it needs only Node and the package's dependencies at run time, and
// the libraries loaded on first use and the other commands' code stay out of every command's start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { BIN, cli, ROOT } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { makePool } from '../helpers/pool.js';
import { fillPool } from '../helpers/accounts.js';
import { CODE_CACHES_KEPT } from '../../src/cli/code-cache.js';

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, { bytesInOutput: number }> }>;
}

/**
 * Loaded on first use (src/lazy-require.ts: yaml, the csv packages, proper-lockfile at the first
 * lock; the readers in src/formats/ that need them, yauzl for a zip, tar for a tar; the inbox watcher's chokidar).
 */
const LAZY = ['yaml', 'csv-parse', 'csv-stringify', 'proper-lockfile', 'mailparser', 'htmlparser2', 'pickleparser', 'py-ast', 'acorn', 'chokidar', 'yauzl', 'tar', 'sql.js'];

/** `csv-parse/sync` → `csv-parse`; `@scope/name/x` → `@scope/name`. */
const packageOf = (path: string) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');

/** `node BIN args` in `cwd`: its standard output, or an error with its standard error. */
function node(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => execFile(process.execPath, [bin, ...args], { cwd, env }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout))));
}

interface Build {
  build(outfile: string, options?: { keepOldMs?: number }): Promise<Metafile>;
  KEEP_OLD_CHUNKS_MS: number;
  WHOLE_MARK: string;
  WRAPPER_START: string;
  WRAPPER_END: string;
}

// One build for both describes below (each build of src/ is ~1 s of CPU): made as a checkout's start
// makes it, over a chunks folder that already holds an older build's chunk and a recent one.
let made: { build: Build['build']; dir: string; metafile: Metafile; whole: string; wrapper: [string, string] };

beforeAll(async () => {
  const { build, KEEP_OLD_CHUNKS_MS, WHOLE_MARK, WRAPPER_START, WRAPPER_END } = (await import(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href)) as Build;
  const dir = await mkdtemp(join(tmpdir(), 'accountpool-build-')); // a testdir is removed after each test
  const chunks = join(dir, 'chunks');
  await mkdir(chunks);
  const old = new Date(Date.now() - KEEP_OLD_CHUNKS_MS - 3_600_000);
  await writeFile(join(chunks, 'old-AAAAAAAA.mjs'), 'export {};\n');
  await utimes(join(chunks, 'old-AAAAAAAA.mjs'), old, old);
  await writeFile(join(chunks, 'recent-BBBBBBBB.mjs'), 'export {};\n');
  made = { build, dir, metafile: await build(join(dir, 'accountpool.mjs'), { keepOldMs: KEEP_OLD_CHUNKS_MS }), whole: WHOLE_MARK, wrapper: [WRAPPER_START, WRAPPER_END] };
}, 120_000);

afterAll(async () => {
  if (made) await rm(made.dir, { recursive: true, force: true });
});

describe('the build', () => {
  it('imports only Node modules and the dependencies (never tsx or esbuild), and the lazy libraries only on first use', async () => {
    const { metafile, dir: out, whole: WHOLE_MARK } = made;
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const imports = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external));
    const outputs = Object.keys(metafile.outputs).map((path) => path.split('/').slice(-2).join('/'));
    for (const { path } of imports) {
      if (path.startsWith('node:') || builtinModules.includes(path)) continue;
      // A command built as one file (scripts/build.mjs WHOLE_COMMANDS): a file the build writes, imported by its path.
      if (path.startsWith(WHOLE_MARK)) {
        expect(outputs, path).toContain(`chunks/${path.slice(WHOLE_MARK.length)}-whole.mjs`);
        continue;
      }
      expect(Object.keys(pkg.dependencies), `the bundle imports ${path}`).toContain(packageOf(path));
    }
    for (const tool of ['tsx', 'esbuild']) {
      expect(pkg.dependencies).not.toHaveProperty(tool);
      expect(pkg.devDependencies).toHaveProperty(tool);
    }
    for (const lazy of LAZY) expect(imports.filter((i) => packageOf(i.path) === lazy && i.kind === 'import-statement'), lazy).toEqual([]);
    // The files as written import the whole command by its path, which resolves to the file beside them.
    const written = Object.keys(metafile.outputs).filter((path) => path.includes('/chunks/'));
    const texts = await Promise.all(written.map((path) => readFile(join(out, 'chunks', path.split('/').pop()!), 'utf8')));
    expect(texts.some((text) => text.includes(WHOLE_MARK))).toBe(false);
    // The command list's chunk.
    expect(texts.filter((text) => text.includes('import("./allocate-whole.mjs")'))).toHaveLength(1);
    // Each whole command's program is written inside Node's CommonJS wrapper, which its loader
    // compiles as it is (src/cli/code-cache.ts: wrapped at run time it was two more copies of the
    // text a start).
    const programs = (await readdir(join(out, 'chunks'))).filter((name) => /-whole-[0-9a-f]{12}\.cjs$/.test(name));
    expect(programs.map((name) => name.replace(/-whole-.*/, '')).sort()).toEqual(['allocate', 'import', 'mark', 'release', 'status']);
    // The own entry of allocate, status, mark and release (src/cli/command-run.ts) is CommonJS and loads the programs this build wrote, not the ES module stubs.
    const entry = await readFile(join(out, 'chunks', 'command-run.cjs'), 'utf8');
    for (const command of ['allocate', 'status', 'mark', 'release']) {
      expect(entry).not.toContain(`${command}-whole.mjs`);
      expect(programs).toContain(new RegExp(`"(${command}-whole-[0-9a-f]{12}\\.cjs)"`).exec(entry)?.[1]);
    }
    // Their programs hold no reader: not the readers' registry (src/formats/index.ts) nor its chooser,
    // nor import's code. Stop 59 (A): 132 KB of allocate's code was readers; every module bundled in is
    // read at each start, and its top level run. allocate keeps the scanner files' writers and what
    // they share with their readers (~41 KB); status, whose ~45 chunks held no reader, a line limit and a type's
    // names (233 bytes); release likewise (stop 66 S3). mark since stop 67 (S2): `mark --from` reads any dump
    // the importer reads (src/usernames.ts), from the readers' part loaded only for such a file (below); it keeps
    // the decoding of a --from file (decode.ts and what it asks, ~39 KB).
    for (const command of ['allocate', 'status', 'release', 'mark']) {
      const [, program] = Object.entries(metafile.outputs).find(([path]) => new RegExp(`/${command}-whole-[0-9a-f]{12}\\.cjs$`).test(path))!;
      const inputs = Object.entries(program.inputs);
      expect(inputs.length, command).toBeGreaterThan(50);
      expect(inputs.filter(([input]) => /^src\/(import\/|formats\/(index|choose)\.ts$)/.test(input)).map(([input]) => input), command).toEqual([]);
      const formats = inputs.filter(([input]) => input.startsWith('src/formats/')).reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
      expect(formats, command).toBeLessThanOrEqual(command === 'allocate' || command === 'mark' ? 64 * 1024 : 4 * 1024);
    }
    // The readers as a part of their own (scripts/build.mjs LAZY_PARTS), which mark's program names by its file.
    const parts = (await readdir(join(out, 'chunks'))).filter((name) => /-part-[0-9a-f]{12}\.cjs$/.test(name));
    expect(parts.map((name) => name.replace(/-part-.*/, ''))).toEqual(['readers']);
    const [, readers] = Object.entries(metafile.outputs).find(([path]) => path.endsWith(`/${parts[0]}`))!;
    expect(Object.keys(readers.inputs)).toContain('src/formats/index.ts');
    const mark = programs.find((name) => name.startsWith('mark-whole-'))!;
    expect(await readFile(join(out, 'chunks', mark), 'utf8')).toContain(JSON.stringify(parts[0]));
    programs.push(...parts);
    for (const name of programs) {
      const text = await readFile(join(out, 'chunks', name), 'utf8');
      expect(text.startsWith(made.wrapper[0]) && text.endsWith(made.wrapper[1]), name).toBe(true);
      // Strict, as the ES modules it is built from: esbuild's banner stood above its "use strict",
      // which then was no directive (the program ran in sloppy mode). A strict function's `caller` throws.
      const program = new Script(text, { filename: name }).runInThisContext() as (...args: unknown[]) => void;
      expect(() => program.caller, name).toThrow(TypeError);
    }
  });
});

describe('the chunks', () => {
  // A checkout's start builds again while a watch or serve of the older build may still import its chunks.
  it('are kept while a process of an older build may still import them, and npm run build (npm pack) leaves only its own', async () => {
    const { build, dir, metafile } = made;
    const chunks = join(dir, 'chunks');
    const named = Object.keys(metafile.outputs).filter((path) => path.includes('/chunks/')).map((path) => path.split('/').pop()!);
    expect(named.length).toBeGreaterThan(10); // a chunk per command at least
    expect((await readdir(chunks)).sort()).toEqual([...named, 'recent-BBBBBBBB.mjs'].sort());
    await build(join(dir, 'accountpool.mjs'));
    expect((await readdir(chunks)).sort()).toEqual(named.sort());
  });
});

describe('a checkout', () => {
  // bin/accountpool.js walks src/ on every start to see whether the bundle is older than a source.
  // This process's ACCOUNTPOOL_FRESH_BUNDLE (test/helpers/setup.ts) names the worktree's bundle, not
  // this copy's, and the copy's starts inherit it: they must still walk their own src/.
  it('runs its sources as they are now: a source deep in src/ changed after the bundle was made, the next command makes it again (unless a test run named that bundle fresh)', async () => {
    const checkout = await testdir();
    for (const part of ['bin', 'scripts', 'src', 'package.json']) await cp(join(ROOT, part), join(checkout, part), { recursive: true });
    // A checkout that built once: the test run's own build of these same sources (global-setup.ts),
    // copied after them and so newer than every one (a first build of a clone with no dist/ is each
    // clean-clone run's global setup; one esbuild of src/ less here, 2-3 s of CI's wall). With it the
    // sources made ASCII that build kept (scripts/ascii-templates.mjs).
    await cp(join(ROOT, 'dist'), join(checkout, 'dist'), { recursive: true });
    await symlink(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
    const bin = join(checkout, 'bin', 'accountpool.js');
    const built = (await stat(join(checkout, 'dist', 'accountpool.mjs'))).mtimeMs;
    expect(await node(bin, ['--help'], checkout)).toContain('a circular pool of scanner accounts'); // its walk of src/ finds dist/ fresh
    expect((await stat(join(checkout, 'dist', 'accountpool.mjs'))).mtimeMs).toBe(built); // and builds nothing
    const main = join(checkout, 'src', 'cli', 'main.ts');
    await writeFile(main, (await readFile(main, 'utf8')).replace('a circular pool of scanner accounts', 'a changed source'));
    const later = new Date(Date.now() + 5_000); // newer than the bundle, whatever the file system's time resolution
    await utimes(main, later, later);
    // A test run vouches for its own bundle (test/helpers/global-setup.ts): named, the walk is skipped.
    const vouched = { ...process.env, ACCOUNTPOOL_FRESH_BUNDLE: join(checkout, 'dist', 'accountpool.mjs') };
    expect(await node(bin, ['--help'], checkout, vouched)).toContain('a circular pool of scanner accounts');
    expect(await node(bin, ['--help'], checkout)).toContain('a changed source');
  });
});

/** The packages (and files) a run of the CLI loads, as seen by module hooks in the same process. */
async function loadedBy(args: string[], dir: string): Promise<string[]> {
  return (await requestedBy(args, dir)).map(packageOf);
}

/** What a run of the CLI asks to load (package names, relative paths of the bundle's chunks, the programs it opens), as seen by module hooks in the same process. */
let probed = 0;
async function requestedBy(args: string[], dir: string): Promise<string[]> {
  const log = join(dir, `loaded-${args[0]}-${probed++}.log`); // a log of its own: two runs of one command in a folder
  const probe = join(dir, 'probe.mjs');
  // CommonJS (yaml through createRequire, mailparser) goes through Module._load; ES modules through a resolve hook;
  // a program or part compiled with its code cache (src/cli/code-cache.ts) is opened by fs.openSync.
  await writeFile(
    probe,
    `import Module, { register } from 'node:module';
import fs, { appendFileSync } from 'node:fs';
const open = fs.openSync;
fs.openSync = function (path, ...rest) { if (String(path).endsWith('.cjs')) appendFileSync(${JSON.stringify(log)}, path + '\\n'); return open.call(this, path, ...rest); };
const load = Module._load;
Module._load = function (request, ...rest) { appendFileSync(${JSON.stringify(log)}, request + '\\n'); return load.call(this, request, ...rest); };
register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) { appendFileSync(${JSON.stringify(log)}, specifier + '\\\\n'); return next(specifier, context); }\`));
`,
  );
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, ['--import', probe, BIN, ...args], { cwd: dir }, (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve())),
  );
  return (await readFile(log, 'utf8')).split('\n');
}

describe('a command from the bundle', () => {
  it('starts without any of the lazy libraries, and loads them when it needs them', async () => {
    const pool = await makePool(4);
    const eml = join(ROOT, 'examples', 'seller-order-30218.eml');
    await cli(['status', ...pool.args]); // the first read of a new config may need yaml (its cache written here, one node start less)
    const status = await loadedBy(['status', ...pool.args], pool.base);
    for (const lazy of LAZY) expect(status).not.toContain(lazy);
    const imported = await loadedBy(['import', eml, '--level', '30', ...pool.args], pool.base);
    expect(imported).toContain('mailparser');
    // It writes the pool (under the lock: the run failed otherwise), the lock library from import's own
    // file (scripts/build.mjs WHOLE_PACKAGES), not from node_modules.
    for (const name of ['proper-lockfile', 'graceful-fs', 'retry', 'signal-exit']) expect(imported).not.toContain(name);
    // The git code (and node:child_process with it) only for a pool that commits to git or is shared through it.
    for (const run of [status, imported]) expect(run).not.toContain('node:child_process');
    await fillPool(await pool.open(), 1);
    expect(await loadedBy(['show', 'user000000', ...pool.args], pool.base)).toContain('yaml'); // it prints YAML
  });

  // allocate and status run from a file of their own (scripts/build.mjs WHOLE_COMMANDS) with their own copy of src/errors.ts.
  it('ends allocate and status run from their own file with their own exit code and message', async () => {
    const pool = await makePool(4);
    await fillPool(await pool.open(), 1);
    const run = (args: string[]) =>
      new Promise<{ code: number; stderr: string }>((resolve) => execFile(process.execPath, [BIN, 'allocate', ...args, '--accountcsv', join(pool.base, 'a.csv'), ...pool.args], { cwd: pool.base }, (error, _stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr })));
    expect(await run(['--count', 'x'])).toEqual({ code: 2, stderr: 'accountpool allocate: --count must be a whole number from 1 to 1000000, not "x"\n' });
    const short = await run(['--count', '5', '--no-check']);
    expect(short.code).toBe(3);
    expect(short.stderr).toMatch(/^accountpool allocate: only 1 of 5 accounts could be allocated/);
    // status answers as the CLI's entry does in process (main.ts): its count, its usage error, its help, a missing pool.
    const status = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => execFile(process.execPath, [BIN, 'status', ...args], { cwd: pool.base }, (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })));
    for (const args of [pool.args, ['--bogus', ...pool.args], ['--help'], ['--pool', join(pool.base, 'none')]]) {
      const inProcess = await cli(['status', ...args], { cwd: pool.base });
      expect(await status(args), args.join(' ')).toEqual({ code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr });
    }
    expect((await status(pool.args)).stdout).toMatch(/: 1 account in 4 shards\n/);
  });

  // mark and release (a scanner's hooks run them after each verdict and at each stop) from the same
  // entry: their work as in process (their usage errors take the path status's --bogus took above).
  // Names from a seller's e-mail: read by the readers mark's program holds, loaded only for such a file.
  it('ends mark and release run from their own file with their own output and exit code', async () => {
    const pool = await makePool(4);
    await fillPool(await pool.open(), 1);
    const own = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => execFile(process.execPath, [BIN, ...args], { cwd: pool.base }, (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })));
    const marked = ['mark', 'user000000', '--from', join(ROOT, 'examples', 'seller-order-30218.eml'), '--verdict', 'ok', ...pool.args];
    const released = ['release', '--instance', 'gone', ...pool.args];
    const markRun = await own(marked);
    const releaseRun = await own(released);
    expect([markRun.code, markRun.stdout, markRun.stderr]).toEqual([0, 'marked 1 account ok\n', expect.stringMatching(/^not in the pool \(8\): GlimmerFox3081, /)]);
    expect(releaseRun).toEqual({ code: 0, stdout: 'released 0 accounts held by gone\n', stderr: '' });
    // The same words in process; a verdict of ok marks the same way twice.
    for (const [args, run] of [[marked, markRun], [released, releaseRun]] as const) {
      const inProcess = await cli(args, { cwd: pool.base });
      expect(run, args.join(' ')).toEqual({ code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr });
    }
  });

  // allocate's and import's programs are compiled with V8's code cache (src/cli/code-cache.ts): a
  // run makes it, the next uses it, and a cache that is not a good one (bytes flipped on disk, which
  // crashed Node 20's V8; another user's file) is passed over and made again, the command's work the
  // same. Writing one prunes the folder: the newest caches of each command (CODE_CACHES_KEPT), other
  // builds' beyond them gone (a developer's rebuilds left one each), and a day-old temp file.
  it("keeps allocate's code cache in the user's cache folder, the newest few a command, and a corrupt one changes nothing but the cache", async () => {
    const pool = await makePool(4);
    await fillPool(await pool.open(), 2);
    const cacheHome = await testdir();
    const folder = join(cacheHome, 'accountpool', 'code');
    const built = (command: string, n: number) => `${command}-whole-${String(n).padStart(12, '0')}.cjs.${process.version}-${process.arch}.v8`;
    // allocate's of n days ago for n = 1..CODE_CACHES_KEPT: the oldest goes when this build's is written.
    const older = Array.from({ length: CODE_CACHES_KEPT }, (_, i) => built('allocate', i + 1));
    const daysAgo: Record<string, number> = { ...Object.fromEntries(older.map((file, i) => [file, i + 1])), [built('import', 1)]: 400, 'left.123.tmp': 2, 'writing.456.tmp': 0 };
    await mkdir(folder, { recursive: true, mode: 0o700 });
    for (const [name, days] of Object.entries(daysAgo)) {
      await writeFile(join(folder, name), 'older build', { mode: 0o600 });
      const when = new Date(Date.now() - days * 86_400_000);
      await utimes(join(folder, name), when, when);
    }
    const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
    const csv = join(pool.base, 'a.csv');
    const allocate = async () => {
      const stdout = await node(BIN, ['allocate', '--count', '2', '--no-check', '--accountcsv', csv, '--json', ...pool.args], pool.base, env);
      const { accounts } = JSON.parse(stdout) as { accounts: unknown[] };
      return { accounts, csv: await readFile(csv, 'utf8') };
    };
    const first = await allocate();
    const [name, ...others] = (await readdir(folder)).filter((file) => !(file in daysAgo));
    expect(others).toEqual([]);
    expect((await readdir(folder)).filter((file) => file !== name)).toEqual([...older.slice(0, -1), built('import', 1), 'writing.456.tmp']);
    expect(name).toMatch(new RegExp(`^allocate-whole-[0-9a-f]{12}\\.cjs\\.${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`));
    const cache = join(folder, name!);
    const made = await stat(cache);
    expect(made.mode & 0o077).toBe(0);
    // Used as it is: not written again. (Each allocation gives the instance's accounts back and takes them again.)
    expect(await allocate()).toEqual(first);
    expect((await stat(cache)).mtimeMs).toBe(made.mtimeMs);
    const bytes = await readFile(cache);
    for (let i = 0; i < 64; i++) bytes[(bytes.length >> 1) + i]! ^= 0x5a;
    await writeFile(cache, bytes);
    const flipped = (await stat(cache)).mtimeMs;
    expect(await allocate()).toEqual(first);
    const remade = await readFile(cache);
    expect((await stat(cache)).mtimeMs).not.toBe(flipped);
    expect(remade.equals(bytes)).toBe(false);
    // Turned off: no cache read or written.
    await rm(folder, { recursive: true });
    await node(BIN, ['allocate', '--count', '2', '--no-check', '--accountcsv', csv, ...pool.args], pool.base, { ...env, ACCOUNTPOOL_CODE_CACHE: 'off' });
    expect(await readdir(join(cacheHome, 'accountpool'))).toEqual([]);
  });

  // git starts the driver once per file changed on both sides (src/cli/merge-driver-run.ts): the old
  // command line registered in existing repositories (`node bin/accountpool.js merge-driver %O %A %B %P`)
  // runs its one file, which answers as the CLI's entry does.
  it('runs the merge driver from its own file, no chunk and no command list, with the same answers as the CLI', async () => {
    const pool = await makePool(4);
    await fillPool(await pool.open(), 1);
    const shard = join(pool.dir, 'shards', '0.yaml');
    const [base, ours, theirs] = ['base', 'ours', 'theirs'].map((side) => join(pool.base, side)) as [string, string, string];
    for (const file of [base, ours, theirs]) await cp(shard, file);
    const requested = await requestedBy(['merge-driver', base, ours, theirs], pool.base); // no PATH: no git asked (not a repository)
    expect(requested.filter((r) => /(^|\/)merge-driver-run\.mjs$/.test(r))).toHaveLength(1);
    expect(requested.filter((r) => /accountpool\.mjs$|chunk-[A-Z0-9]{8}\.mjs$|merge-driver-[A-Z0-9]{8}\.mjs$/.test(r))).toEqual([]);
    expect(await readFile(ours, 'utf8')).toBe(await readFile(shard, 'utf8'));
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => execFile(process.execPath, [BIN, 'merge-driver', ...args], { cwd: pool.base }, (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })));
    const inProcess = (args: string[]) => cli(['merge-driver', ...args], { cwd: pool.base });
    for (const args of [['a', 'b'], ['--help'], [base, join(pool.base, 'missing'), theirs]]) expect(await run(args), args.join(' ')).toEqual(await inProcess(args));
  });

  it("loads its own command's code and no other command's: allocate, status, mark and release from their own CommonJS entry, no ES module", async () => {
    const pool = await makePool(4);
    await fillPool(await pool.open(), 1);
    await cli(['status', ...pool.args]); // the first read of a new config may need yaml (its cache written here, one node start less)
    // Its chunk, or its one file (scripts/build.mjs WHOLE_COMMANDS: `chunks/allocate-whole.mjs`).
    const chunkOf = (command: string) => new RegExp(`(^|/)${command}-([A-Z0-9]{8}|whole)\\.mjs$`);
    const runs = [
      [['status', ...pool.args], 'status'],
      [['allocate', '--count', '1', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args], 'allocate'],
      [['mark', 'user000000', '--verdict', 'ok', ...pool.args], 'mark'],
      [['mark', '--from', join(ROOT, 'examples', 'seller-order-30218.eml'), '--verdict', 'ok', ...pool.args], 'mark'],
      [['release', '--instance', 'gone', ...pool.args], 'release'],
      [['show', 'user000000', ...pool.args], 'show'],
    ] as const;
    for (const [args, own] of runs) {
      const requested = await requestedBy([...args], pool.base);
      if (own !== 'show') {
        // Run from their own entry (src/cli/command-run.ts), CommonJS, which loads the command's
        // program (with its code cache): no ES module at all (the bin is CommonJS too), so no chunk
        // of the CLI's entry and no ES module loader; Node's assert not loaded by the lock library
        // (scripts/signal-exit-assert.cjs). status compiled ~45 chunks afresh each start before (stop 66 S),
        // mark 34 and release 32 (stop 66 S3).
        expect(requested.filter((r) => /(^|\/)command-run\.cjs$/.test(r)), own).toHaveLength(1);
        expect(requested.filter((r) => r.endsWith('.mjs')), own).toEqual([]);
        expect(requested, own).not.toContain('assert');
        // The readers (scripts/build.mjs LAZY_PARTS) only for a --from file that is not a plain list:
        // a scanner's `mark USER --verdict V` after each verdict reads 0.53 MB, not 1.51 (stop 67 S2).
        expect(requested.filter((r) => /(^|\/)readers-part-[0-9a-f]{12}\.cjs$/.test(r)), args.join(' ')).toHaveLength(args.includes('--from') ? 1 : 0);
        expect(requested.filter((r) => new RegExp(`(^|/)${own}-whole-[0-9a-f]{12}\\.cjs$`).test(r)), own).toHaveLength(1);
      } else {
        expect(requested.some((r) => chunkOf(own).test(r)), own).toBe(true);
      }
      for (const other of ['init', 'import', 'allocate', 'status', 'mark', 'release', 'serve', 'watch', 'dashboard', 'verify', 'merge-driver', 'completion', 'show']) {
        if (other !== own) expect(requested.filter((r) => chunkOf(other).test(r)), `${own} loads ${other}`).toEqual([]);
      }
    }
  });

});
