// `npm run demo`: a new user's first look at accountpool, on a throwaway pool, in a few seconds,
// without network. It runs the real CLI (bin/accountpool.js as child processes), so what it
// shows is what a user gets:
//   1. a fresh pool under demo/ (git-ignored; wiped at every run), or under $DEMO_DIR;
//   2. the sample dumps from examples/ copied into the pool's inbox (the plain list into
//      inbox/level-1/, the rest into inbox/level-30/: the folder names the accounts' level);
//   3. `watch --once` imports them;
//   4. allocate for a Monocle instance (level 30 and up) and a RocketMap instance (below 30), both
//      with the `simulated` checker (made-up verdicts, never a real login);
//   5. the status table and the head of each accounts.csv written, passwords masked.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'accountpool.js');
const EXAMPLES = join(ROOT, 'examples');
const DEMO = resolve(process.env.DEMO_DIR ?? join(ROOT, 'demo'));
/** A folder with this file in it was made by the demo and may be wiped by it. */
const MARKER = '.accountpool-demo';

/** Which inbox folder (and so which level) each sample dump goes to. */
const DROPS: Record<string, string> = {
  'seller-order-30218.eml': 'level-30',
  'monocle-accounts.csv': 'level-30',
  'rocketmap-accounts.csv': 'level-30',
  'plain-list.txt': 'level-1',
};

const INSTANCES = [
  {
    title: 'Monocle',
    file: 'monocle/accounts.csv',
    args: ['--format', 'monocle', '--count', '20', '--min-level', '30', '--max-level', '50', '--instance', 'monocle-demo'],
  },
  {
    title: 'RocketMap',
    file: 'rocketmap/accounts.csv',
    args: ['--format', 'rocketmap', '--count', '15', '--max-level', '29', '--instance', 'rocketmap-demo'],
  },
] as const;

const HEAD = 5;

class DemoError extends Error {}

function heading(text: string): void {
  console.log(`\n== ${text}`);
}

/** Runs `accountpool ...args` in the demo folder, shows the command and what it printed. */
function accountpool(args: string[], { okCodes = [0] } = {}): Promise<{ code: number; stdout: string }> {
  console.log(`$ accountpool ${args.join(' ')}`);
  return new Promise((done, fail) => {
    // The demo's own pool only, whatever the user's shell says.
    const env = { ...process.env, ACCOUNTPOOL_DIR: join(DEMO, 'pool') };
    execFile(process.execPath, [BIN, ...args], { cwd: DEMO, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      if (stdout) process.stdout.write(indent(stdout));
      if (stderr) process.stdout.write(indent(stderr));
      if (!okCodes.includes(code)) fail(new DemoError(`accountpool ${args[0]} exited with code ${code}`));
      else done({ code, stdout });
    });
  });
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ').replace(/\n?$/, '\n');
}

/** Wipes the demo folder, refusing to touch a folder the demo did not make. */
async function freshDemoFolder(): Promise<void> {
  const existing = await readdir(DEMO).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing && existing.length > 0 && !existing.includes(MARKER)) {
    throw new DemoError(`${DEMO} exists and was not made by the demo (no ${MARKER} in it); remove it or set DEMO_DIR`);
  }
  await rm(DEMO, { recursive: true, force: true });
  await mkdir(DEMO, { recursive: true });
  await writeFile(join(DEMO, MARKER), 'made by `npm run demo`; wiped at every run\n');
}

/** The first lines of an accounts file with every password replaced by ********. */
async function maskedHead(file: string, format: 'monocle' | 'rocketmap'): Promise<{ text: string; total: number }> {
  const rows = parse(await readFile(file, 'utf8'), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  const header = format === 'monocle' ? rows.shift() : undefined;
  // Monocle names its columns; RocketMap lines are provider,username,password (or username,password).
  const column = header ? header.indexOf('password') : -1;
  if (header && column < 0) throw new DemoError(`${file} has no password column`);
  const masked = rows.slice(0, HEAD).map((row) => row.map((value, i) => (i === (header ? column : row.length - 1) ? '********' : value)));
  const text = stringify(header ? [header, ...masked] : masked);
  return { text: rows.length > HEAD ? `${text}... (${rows.length - HEAD} more)\n` : text, total: rows.length };
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log('accountpool demo: a throwaway pool, the bundled sample dumps, two scanners, no network');
  console.log(`demo folder: ${relative(process.cwd(), DEMO) || '.'} (wiped at every run)`);
  await freshDemoFolder();

  heading('1. a new pool (the inbox is made beside it)');
  await accountpool(['init', '--pool', 'pool']);

  heading('2. sample dumps dropped into the inbox (the folder name gives their level)');
  for (const [name, folder] of Object.entries(DROPS)) {
    await mkdir(join(DEMO, 'inbox', folder), { recursive: true });
    await copyFile(join(EXAMPLES, name), join(DEMO, 'inbox', folder, name));
    console.log(`  inbox/${folder}/${name}  (${(await stat(join(EXAMPLES, name))).size} bytes)`);
  }

  heading('3. import what is waiting in the inbox');
  await accountpool(['watch', '--once', '--pool', 'pool']);

  heading('4. allocate for two scanners, checked by the simulated checker (made-up verdicts)');
  for (const instance of INSTANCES) {
    await mkdir(join(DEMO, instance.file, '..'), { recursive: true });
    await accountpool(['allocate', ...instance.args, '--accountcsv', instance.file, '--checker', 'simulated', '--pool', 'pool']);
  }

  heading('5. the pool now');
  await accountpool(['status', '--pool', 'pool']);

  for (const instance of INSTANCES) {
    const format = instance.args[1] as 'monocle' | 'rocketmap';
    const { text, total } = await maskedHead(join(DEMO, instance.file), format);
    heading(`${instance.title}: ${relative(process.cwd(), join(DEMO, instance.file))} (${total} accounts, passwords masked)`);
    process.stdout.write(indent(text));
  }

  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s. Try: node bin/accountpool.js status --pool ${relative(process.cwd(), join(DEMO, 'pool')) || '.'}`);
  console.log('Wire a scanner: ACCOUNTPOOL_COUNT=400 hooks/monocle-pre-start.sh && python3 scan.py (see hooks/ and docs/scanners.md)');
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof DemoError ? error.message : (error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
