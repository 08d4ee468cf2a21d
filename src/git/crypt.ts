// Shards in a git-crypt repository. git hands a merge driver the versions as they are stored,
// which for a git-crypt file is ciphertext, and stores what the driver writes as it is. So the
// driver decrypts the three versions (`git-crypt smudge`), merges the text, and encrypts the
// result again (`git-crypt clean`, which is deterministic: the same text gives the same bytes).
// git-crypt runs through execFile like git, never a shell, with the data on its stdin.
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { childEnv } from '../child-env.js';
import { gitPath } from './repo.js';
import { git, gitTest } from './run-git.js';
import { shellWord } from '../shell-word.js';

/** What every file git-crypt encrypted starts with. */
const MAGIC = Buffer.from('\0GITCRYPT\0');

export function isEncrypted(bytes: Buffer): boolean {
  return bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

/**
 * git-crypt's key arguments for `path` when .gitattributes gives it a git-crypt filter
 * (`filter=git-crypt`, or `filter=git-crypt-NAME` for a named key); undefined when it has none.
 */
export async function gitCryptKeyFor(dir: string, path: string): Promise<string[] | undefined> {
  const out = (await gitTest(['check-attr', 'filter', '--', path], { cwd: dir }))?.stdout ?? '';
  const filter = out.trim().split(': filter: ')[1];
  if (filter === 'git-crypt') return [];
  if (filter?.startsWith('git-crypt-')) return [`--key-name=${filter.slice('git-crypt-'.length)}`];
  return undefined;
}

/**
 * Stops a commit that would store a shard in plain text in a clone that holds a git-crypt key.
 * .gitattributes, which says what git-crypt encrypts, comes with every pull: a host that can push
 * but has no key could remove the shards' `filter=git-crypt` line, and every host would then
 * commit and push each shard it changes, passwords and all, readable on the remote. The key in
 * .git/ is this host's own word that the shards are to be encrypted.
 */
export async function assertShardsEncrypted(dir: string, paths: readonly string[]): Promise<void> {
  const shards = paths.filter((p) => p.startsWith('shards/') && p.endsWith('.yaml'));
  if (shards.length === 0 || !(await access(await gitPath(dir, 'git-crypt/keys')).then(() => true, () => false))) return;
  const out = (await git(['check-attr', 'filter', '--', ...shards], { cwd: dir })).stdout;
  const plain = out.split('\n').filter((line) => line.includes(': filter: ') && !/: filter: git-crypt(-\S+)?$/.test(line)).map((line) => line.slice(0, line.indexOf(': filter: ')));
  if (plain.length > 0) {
    throw new AppError(
      `not committed: ${plain.join(', ')} would be stored unencrypted, though this clone holds a git-crypt key; .gitattributes no longer gives the shards filter=git-crypt (another host's commit may have removed it: \`git -C ${shellWord(dir)} log -p -- .gitattributes\`). Put the line back (shards/*.yaml filter=git-crypt diff=git-crypt), commit it, then run accountpool sync`,
    );
  }
}

function gitCrypt(mode: 'smudge' | 'clean', keyArgs: readonly string[], input: Buffer, cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git-crypt', [mode, ...keyArgs], { cwd, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new AppError(error.code === 'ENOENT' ? `git-crypt ${mode}: git-crypt is not installed or not on PATH, and this shard is encrypted with it` : `git-crypt ${mode}: ${error.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve(Buffer.concat(out));
      reject(new AppError(`git-crypt ${mode} failed (exit ${code})${err.trim() ? `: ${err.trim().split('\n')[0]}` : ''}; is this clone unlocked (git-crypt unlock)?`));
    });
    child.stdin.on('error', () => {}); // a git-crypt that exits early reports through its exit code
    child.stdin.end(input);
  });
}

/** The text of a stored version: decrypted when git-crypt encrypted it. */
export async function plainText(bytes: Buffer, keyArgs: readonly string[] | undefined, cwd: string): Promise<string> {
  return (isEncrypted(bytes) ? await gitCrypt('smudge', keyArgs ?? [], bytes, cwd) : bytes).toString('utf8');
}

/** The bytes to store for merged `text`: encrypted when the file is under git-crypt. */
export async function storedForm(text: string, keyArgs: readonly string[] | undefined, cwd: string): Promise<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  return keyArgs ? gitCrypt('clean', keyArgs, bytes, cwd) : bytes;
}
