// A hint that tells the operator what to paste (`git -C POOL remote add origin URL`, `accountpool
// init --git --pool POOL`, `git -C POOL checkout -- shards`, `rm POOL/.lock`) prints the pool's path
// as one shell word (src/shell-word.ts): a pool under `/srv/ops; touch PWNED 'x' $HOME/my pool`
// pastes as that very folder, and nothing of its name runs. Each printed command is run here in real
// bash, as the operator would, and must reach the right folder.
import { execFile } from 'node:child_process';
import { access, mkdir, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { gitIn, GIT_ENV, useGitEnv } from '../git/helpers.js';
import { shellWord } from '../../src/shell-word.js';

beforeAll(useGitEnv);

const run = promisify(execFile);
const exists = (path: string) => access(path).then(() => true, () => false);

/** A pool whose folders hold a blank, `;`, quotes and `$`: pasted unquoted, bash would run `touch PWNED`. */
async function awkwardPool(): Promise<{ base: string; pool: string }> {
  const base = await testdir();
  const parent = join(base, "ops; touch PWNED 'x' $HOME");
  await mkdir(parent);
  return { base, pool: join(parent, 'my pool') };
}

/** The one command between backticks after `lead` in `text`. */
function pasted(text: string, lead: string): string {
  const at = text.indexOf(lead);
  expect(at, text).toBeGreaterThanOrEqual(0);
  const match = /`([^`]+)`/.exec(text.slice(at + lead.length));
  expect(match, text).not.toBeNull();
  return match![1]!;
}

/**
 * Runs `command` in bash in `cwd`, `accountpool` standing for a function that writes its arguments
 * (NUL-separated) to a file: the words the operator's shell would hand to accountpool.
 */
async function bash(cwd: string, command: string): Promise<string[]> {
  const argsFile = join(cwd, 'accountpool-args');
  const script = `accountpool() { printf '%s\\0' "$@" > ${shellWord(argsFile)}; }\n${command}`;
  const done = run('bash', ['-c', script], { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
  done.child.stdin?.end();
  await done;
  return (await exists(argsFile)) ? (await readFile(argsFile, 'utf8')).split('\0').slice(0, -1) : [];
}

describe('a hint names the pool as one word to paste', () => {
  it('git hints: `accountpool init --git --pool POOL`, then `git -C POOL remote add origin URL`, pasted in bash, set up that pool', async () => {
    const { base, pool } = await awkwardPool();
    expect((await cli(['init', '--pool', pool])).code).toBe(0);
    const notRepo = await cli(['sync', '--pool', pool]);
    expect(notRepo.code).toBe(1);
    const init = await bash(base, pasted(notRepo.stderr, 'run '));
    expect(init).toEqual(['init', '--git', '--pool', pool]);
    expect((await cli(init)).code).toBe(0);

    const noRemote = await cli(['sync', '--pool', pool]);
    expect(noRemote.code).toBe(1);
    const remote = join(base, 'r.git');
    await gitIn(base, 'init', '--quiet', '--bare', remote);
    await bash(base, pasted(noRemote.stderr, 'add one with ').replace(/URL$/, shellWord(remote)));
    expect((await gitIn(pool, 'remote', 'get-url', 'origin')).trim()).toBe(remote);
    expect((await cli(['sync', '--pool', pool])).code).toBe(0);
    expect(await readdir(base)).not.toContain('PWNED');
  });

  it('verify --fix: `git -C POOL checkout -- shards`, pasted in bash, restores the lost shard of that pool', async () => {
    const { base, pool } = await awkwardPool();
    expect((await cli(['init', '--pool', pool, '--git', '--shards', '2'])).code).toBe(0);
    const dump = join(base, 'dump.txt');
    await run('bash', ['-c', `printf 'ash:Pikachu-1\\nmisty:Starmie-2\\nbrock:Onix-3\\n' > ${shellWord(dump)}`]);
    expect((await cli(['import', dump, '--level', '30', '--pool', pool])).code).toBe(0);
    const shards = await readdir(join(pool, 'shards'));
    const lost = shards.find((s) => s.endsWith('.yaml'))!;
    const kept = await readFile(join(pool, 'shards', lost), 'utf8');
    await rm(join(pool, 'shards', lost));

    const refused = await cli(['verify', '--fix', '--pool', pool]);
    expect(refused.code).not.toBe(0);
    // The hint says what makes the restored file private again: git restores it readable by others.
    expect(refused.stderr).toContain('then `accountpool verify --fix` again');
    await bash(base, pasted(refused.stderr, 'from git: '));
    expect(await readFile(join(pool, 'shards', lost), 'utf8')).toBe(kept);
    // git writes the file with the umask's mode (644): the verify run again fixes that, nothing lost.
    const again = await cli(['verify', '--fix', '--pool', pool]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect((await stat(join(pool, 'shards', lost))).mode & 0o777).toBe(0o600);
    expect(await readdir(base)).not.toContain('PWNED');
  });

  it('a lock that is a link: `rm POOL/.lock`, pasted in bash, removes the link and never the folder it leads to', async () => {
    const { base, pool } = await awkwardPool();
    expect((await cli(['init', '--pool', pool])).code).toBe(0);
    const elsewhere = join(base, 'elsewhere');
    await mkdir(elsewhere);
    await symlink(elsewhere, join(pool, '.lock'));
    const refused = await cli(['mark', 'ash', '--verdict', 'ok', '--pool', pool]);
    expect(refused.code).not.toBe(0);
    await bash(base, pasted(refused.stderr, 'remove the link ('));
    expect(await exists(join(pool, '.lock'))).toBe(false);
    expect(await exists(elsewhere)).toBe(true);
    expect(await readdir(base)).not.toContain('PWNED');
  });
});
