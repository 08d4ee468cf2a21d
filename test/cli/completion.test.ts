// `accountpool completion bash|zsh|fish` loaded into the real shells and asked, as Tab would ask,
// what they offer for a command line, against a real pool. Expected values come from the code's
// own lists (formats, checkers, states, each command's flag table) and from the pool.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BIN, cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { loadAll } from '../../src/commands/index.js';
import { COMMON_OPTIONS } from '../../src/cli/args.js';
import { WRITERS } from '../../src/formats/index.js';
import { CHECKER_NAMES } from '../../src/checker/index.js';
import { STATES } from '../../src/model.js';
import { reservationOf } from '../../src/model.js';

const HOSTILE = '$(touch${IFS}pwned)`touch${IFS}pwned2`';
const USERNAMES = ['ash_ketchum', 'ash_red', 'brock', HOSTILE];
const VISIBLE = (await loadAll()).filter((c) => !c.hidden);

interface Setup {
  pool: TestPool;
  /** A folder whose PATH entry runs this checkout's CLI as `accountpool`, the pool's parent as cwd. */
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A pool with a few accounts, two held by instances (one mid-check), and `accountpool` on PATH. */
async function setup(): Promise<Setup> {
  const pool = await makePool(4);
  const store = await pool.open();
  const until = new Date(Date.now() + 3_600_000).toISOString();
  await store.transaction((tx) => {
    USERNAMES.forEach((username, i) => tx.put(makeAccount(i, { username })));
    tx.put(makeAccount(10, { username: 'misty', holder: 'monocle east', held_until: until, allocated_at: new Date().toISOString() }));
    tx.put(makeAccount(11, { username: 'gary', holder: reservationOf('rm-west'), held_until: until, allocated_at: new Date().toISOString() }));
  });
  const bin = join(pool.base, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'accountpool'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  await chmod(join(bin, 'accountpool'), 0o755);
  await writeFile(join(pool.base, 'dump one.txt'), 'a:b\n');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, HOME: pool.base };
  delete env.ACCOUNTPOOL_DIR;
  return { pool, env, cwd: pool.base };
}

function run(file: string, args: string[], s: Setup, env: NodeJS.ProcessEnv = {}, cwd = s.cwd): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env: { ...s.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

const sq = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** What bash's registered completion function puts in COMPREPLY for each command line (words; the last one is being typed). */
async function bashOffers(s: Setup, lines: string[][], env: NodeJS.ProcessEnv = {}, cwd = s.cwd): Promise<{ registration: string; offers: string[][] }> {
  const script = [
    'source <(accountpool completion bash) || exit 1',
    'complete -p accountpool',
    'fn=$(complete -p accountpool | sed -n "s/.*-F \\([^ ]*\\) .*/\\1/p")',
    'offer() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); "$fn" accountpool "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; printf "%s\\x1f" "${COMPREPLY[@]}"; printf "\\n"; }',
    ...lines.map((words) => `offer ${words.map(sq).join(' ')}`),
  ].join('\n');
  const out = await run('bash', ['--norc', '--noprofile', '-c', script], s, env, cwd);
  const [registration, ...rest] = out.split('\n');
  return { registration: registration!, offers: rest.slice(0, lines.length).map((l) => l.split('\x1f').filter((w) => w !== '')) };
}

/** The first bash test's command lines and what each must offer, for the pool at `dir`. */
function nameLines(dir: string): [string[], string[] | ((offered: string[]) => void)][] {
  return [
    [['accountpool', ''], VISIBLE.map((c) => c.name)],
    [['accountpool', 'al'], ['allocate']],
    [['accountpool', '-'], ['--help', '--version']],
    [['accountpool', 'allocate', '--format', ''], Object.keys(WRITERS)],
    [['accountpool', 'allocate', '--format', '=', 'r'], ['rocketmap', 'rdm']],
    [['accountpool', 'export', '--format', '='], Object.keys(WRITERS)],
    [['accountpool', 'allocate', '--checker', ''], [...CHECKER_NAMES]],
    [['accountpool', 'mark', '--verdict', 't'], STATES.filter((v) => v.startsWith('t'))],
    [['accountpool', 'export', '--state', ''], [...STATES]],
    [['accountpool', 'allocate', '--acc'], ['--accountcsv']],
    [['accountpool', 'allocate', '--count', ''], []],
    [['accountpool', 'completion', ''], ['bash', 'zsh', 'fish']],
    [['accountpool', 'show', '--pool', dir, ''], ['\\$\\(touch\\$\\{IFS\\}pwned\\)\\`touch\\$\\{IFS\\}pwned2\\`', 'ash_ketchum', 'ash_red', 'brock', 'gary', 'misty']],
    [['accountpool', 'mark', 'brock', '--pool', '=', dir, 'ash'], ['ash_ketchum', 'ash_red']],
    [['accountpool', 'release', '--pool', dir, '--instance', ''], ['monocle\\ east', 'rm-west']],
    [['accountpool', 'show', 'b'], ['brock']], // ./pool, as the command itself would read
    [['accountpool', 'import', 'dump'], ['dump one.txt']],
    [['accountpool', 'import', '--pool', ''], (offered) => expect(offered).toContain('pool')],
  ];
}

/**
 * Both first bash tests' lines asked of one bash, after one `accountpool completion bash` (a node
 * start) over one pool: the second's lines (every command's `--`) read no pool. Each test checks
 * its own lines' offers; made by whichever of them runs first.
 */
let session: Promise<{ s: Setup; registration: string; offers: string[][] }> | undefined;
const bashSession = () =>
  (session ??= (async () => {
    const s = await setup();
    const { registration, offers } = await bashOffers(s, [...nameLines(s.pool.dir).map(([words]) => words), ...VISIBLE.map((c) => ['accountpool', c.name, '--'])]);
    return { s, registration, offers };
  })());

describe('completion bash', () => {
  it('registers for accountpool and offers commands, flags, values, files and names from the pool, never running a name', async () => {
    const { s, registration, offers } = await bashSession();
    const lines = nameLines(s.pool.dir);
    expect(registration).toMatch(/^complete -F \S+ accountpool$/);
    lines.forEach(([words, expected], i) => {
      if (typeof expected === 'function') expected(offers[i]!);
      else expect(offers[i], words.join(' ')).toEqual(expected);
    });
    expect(existsSync(join(s.cwd, 'pwned')) || existsSync(join(s.cwd, 'pwned2'))).toBe(false);
  });

  it('offers every flag of every command, from its own flag table', async () => {
    const { s, offers } = await bashSession();
    const from = nameLines(s.pool.dir).length;
    VISIBLE.forEach((c, i) => expect(offers[from + i], c.name).toEqual(Object.keys({ ...c.flags, ...COMMON_OPTIONS }).map((f) => `--${f}`)));
  });

  it('reads the pool of $ACCOUNTPOOL_DIR when the command line names none', async () => {
    const s = await setup();
    const elsewhere = join(s.pool.base, 'bin'); // no ./pool there
    const { offers } = await bashOffers(s, [['accountpool', 'show', 'ash']], { ACCOUNTPOOL_DIR: s.pool.dir }, elsewhere);
    expect(offers[0]).toEqual(['ash_ketchum', 'ash_red']);
  });
});

describe('accountpool __complete (what the scripts run)', () => {
  it('prints names only, never a password, and changes nothing in the pool', async () => {
    const s = await setup();
    const before = await poolFiles(s.pool.dir);
    const users = await cli(['__complete', '--pool', s.pool.dir, '--', 'usernames', '']);
    const instances = await cli(['__complete', '--pool', s.pool.dir, '--', 'instances', 'r']);
    expect(users.stdout.split('\n').filter(Boolean)).toEqual([...USERNAMES, 'gary', 'misty'].sort());
    expect(instances.stdout).toBe('rm-west\n');
    expect(users.stdout + users.stderr + instances.stdout).not.toContain('pw-');
    expect(await poolFiles(s.pool.dir)).toEqual(before);
  });

  it('refuses an unknown kind as a usage error', async () => {
    const s = await setup();
    const result = await cli(['__complete', '--pool', s.pool.dir, '--', 'passwords']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usernames or instances');
  });
});

/** Every file of the pool but its caches (derived, and written by any read), with its bytes. */
async function poolFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !path.includes(`${dir}/.cache`)) files[path] = await readFile(path, 'utf8');
  }
  return files;
}

describe('completion', () => {
  it('names the shells it knows when given another', async () => {
    const result = await cli(['completion', 'tcsh']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bash, zsh, fish');
  });
});

const hasShell = (name: string) => ['/usr/bin', '/bin', '/usr/local/bin'].some((d) => existsSync(join(d, name)));

describe.skipIf(!hasShell('fish'))('completion fish', () => {
  it('offers commands, values, files and names from the pool', async () => {
    const s = await setup();
    const ask = (line: string) => `complete -C ${sq(line)}; echo '\x1d'`;
    const lines = ['accountpool al', 'accountpool allocate --format ', `accountpool show --pool ${s.pool.dir} ash`, `accountpool release --pool=${s.pool.dir} --instance `, 'accountpool import dump', `accountpool allocate --pool ${s.pool.dir} --instance=r`];
    const out = await run('fish', ['--no-config', '-c', ['accountpool completion fish | source', ...lines.map(ask)].join('; ')], s);
    const offers = out.split('\x1d\n').map((block) => block.split('\n').filter(Boolean).map((l) => l.split('\t')[0]));
    expect(offers[0]).toEqual(['allocate']);
    expect(offers[1]!.sort()).toEqual(Object.keys(WRITERS).sort());
    expect(offers[2]).toEqual(['ash_ketchum', 'ash_red']);
    expect(offers[3]!.sort()).toEqual(['monocle east', 'rm-west']);
    expect(offers[4]).toEqual(['dump one.txt']);
    expect(offers[5]).toEqual(['--instance=rm-west']);
  });
});

describe.skipIf(!hasShell('zsh'))('completion zsh', () => {
  it('offers commands, values and names from the pool through compinit, sourced as the README says', async () => {
    const s = await setup();
    const script = join(s.cwd, '_accountpool');
    await writeFile(script, (await cli(['completion', 'zsh'])).stdout);
    const harness = join(import.meta.dirname, 'zsh-complete.zsh');
    const lines = ['accountpool al', 'accountpool allocate --format ', `accountpool mark --pool ${s.pool.dir} ash`, `accountpool release --pool=${s.pool.dir} --instance `];
    const out = await run('zsh', ['-f', harness, script, ...lines], s);
    const offers = out.split('\nEND\n').map((block) => [...block.matchAll(/\x1e([^\x1f]*)\x1f/g)].map((m) => m[1]!).sort());
    expect(offers[0]).toEqual(['allocate']);
    expect(offers[1]).toEqual(Object.keys(WRITERS).sort());
    expect(offers[2]).toEqual(['ash_ketchum', 'ash_red']);
    expect(offers[3]).toEqual(['monocle east', 'rm-west']);
  });
});
