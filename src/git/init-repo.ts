// `accountpool init --git`: the pool folder becomes a git repository of its own.
//
// Its own `.git` (rather than a folder inside some outer repository) keeps the passwords out of
// any other history: an outer repository sees the pool as a nested repository and leaves its
// files alone. Everything here is idempotent, and it is also how a clone on another host joins:
// git config (the merge driver) is never cloned, so every clone runs `init --git` once.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { yaml } from '../yaml-lazy.js';
import type { PoolLayout } from '../store/layout.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { loadConfig, parseConfig } from '../config-file.js';
import { git, gitTest } from './run-git.js';
import { DRIVER, GIT_FILE_MAX, HISTORY_ATTRIBUTE, isOwnRepo, MANIFEST_ATTRIBUTE } from './repo.js';
import { readOwnFile } from '../store/own-file.js';
import { tightenModes } from './pool-lock.js';
import { changedUnder } from './commit.js';
import { assertShardsEncrypted } from './crypt.js';
import { cliCommand } from './cli-command.js';
import { installHooks } from './git-hooks.js';
import { plainLineEnds } from './line-ends.js';

const ATTRIBUTES = [
  '# accountpool: shard files are merged account by account, their record and history files line by line (accountpool merge-driver)',
  `shards/*.yaml merge=${DRIVER}`,
  MANIFEST_ATTRIBUTE,
  HISTORY_ATTRIBUTE,
  // `-text`: git writes these files exactly as committed, whatever a clone's core.autocrlf or
  // core.eol says (gitattributes(5), "text": unset, no end-of-line conversion on checkout or
  // commit). A clone made with core.autocrlf=true (Git for Windows' default, a copied ~/.gitconfig)
  // had every shard, the record and the history checked out with CR LF line ends: every command
  // refused the record as unreadable and advised `verify --fix --accept-loss`.
  '# accountpool: and written by git exactly as committed, never with CR LF line ends (core.autocrlf)',
  'shards/*.yaml -text',
  'shards/.manifest -text',
  'history/*.txt -text',
];
const IGNORED = ['# accountpool: lock, journal, change log, cache, inbox receipts and temp files belong to one host, never to history', '.lock*', '.journal.json', '.changes.log', '.changes.old.log', '.cache/', '.inbox-receipts/', '*.tmp'];

/** Adds the lines `file` lacks (comments only with the first line added), keeping what the user wrote. */
async function ensureLines(file: string, lines: readonly string[]): Promise<boolean> {
  // A link or a FIFO there (git reads neither as .gitattributes/.gitignore) reads as no lines and
  // is replaced by a regular file: following it hung init for ever.
  const text = (await readOwnFile(file, GIT_FILE_MAX)) ?? '';
  const present = new Set(text.split('\n').map((l) => l.trim()));
  const missing = lines.filter((l) => !l.startsWith('#') && !present.has(l));
  if (missing.length === 0) return false;
  const comment = lines.filter((l) => l.startsWith('#') && !present.has(l));
  const start = text.length === 0 || text.endsWith('\n') ? text : `${text}\n`;
  await writeFileAtomic(file, `${start}${[...comment, ...missing].join('\n')}\n`, 0o644);
  return true;
}


/** What git runs for a shard changed on both sides. */
export function driverCommand(): string {
  return `${cliCommand()} merge-driver %O %A %B %P`;
}

/** `git.commit: true` in accountpool.yaml, keeping its comments. False when it already was. */
async function turnOnCommits(configFile: string): Promise<boolean> {
  const text = await readFile(configFile, 'utf8');
  if (parseConfig(configFile, text).git.commit) return false;
  // The file init wrote: change the one word. A file edited beyond recognition: through the YAML document.
  let next = text.replace(/^(git:[^\n]*\n(?:(?:[ \t][^\n]*)?\n)*?[ \t]+commit:[ \t]*)false\b/m, '$1true');
  if (next === text) {
    const doc = yaml().parseDocument(text);
    doc.setIn(['git', 'commit'], true);
    next = doc.toString();
  }
  if (!parseConfig(configFile, next).git.commit) throw new Error(`could not set git.commit: true in ${configFile}; set it by hand`);
  await writeFileAtomic(configFile, next, 0o600);
  return true;
}

/** Someone to sign the commits: the user's git identity, else (a scanner host often has none) `accountpool@HOST`. */
async function ensureIdentity(dir: string): Promise<boolean> {
  if (process.env.GIT_COMMITTER_EMAIL || process.env.EMAIL) return false;
  if (await gitTest(['config', '--get', 'user.email'], { cwd: dir })) return false;
  await git(['config', 'user.name', 'accountpool'], { cwd: dir });
  await git(['config', 'user.email', `accountpool@${hostname()}`], { cwd: dir });
  return true;
}

/** Sets everything up; returns what it did, in words, one item each. */
export async function initGitRepo(layout: PoolLayout): Promise<string[]> {
  const dir = layout.dir;
  const done: string[] = [];
  if (!(await isOwnRepo(dir))) {
    await git(['init', '--quiet'], { cwd: dir });
    done.push('made it a git repository of its own');
  }
  if (await ensureLines(join(dir, '.gitattributes'), ATTRIBUTES)) done.push('wrote .gitattributes');
  const plain = await plainLineEnds(layout, (await loadConfig(layout.config)).lock_wait);
  if (plain > 0) done.push(`wrote ${plain} pool files back with LF line ends (git had checked them out with CR LF: core.autocrlf)`);
  if (await ensureLines(join(dir, '.gitignore'), IGNORED)) done.push('wrote .gitignore');
  await git(['config', `merge.${DRIVER}.name`, 'accountpool: merge shard files account by account'], { cwd: dir });
  await git(['config', `merge.${DRIVER}.driver`, driverCommand()], { cwd: dir });
  done.push('registered the merge driver for shard files');
  done.push(...(await installHooks(dir, cliCommand())));
  if (await ensureIdentity(dir)) done.push('set the commit author to accountpool (no git identity was configured)');
  if (await turnOnCommits(layout.config)) done.push('turned on git.commit in accountpool.yaml');
  await tightenModes(dir);
  // The history folder exists once the pool has recorded an event: `git add` refuses a path that is not there.
  const paths = ['.gitattributes', '.gitignore', 'accountpool.yaml', 'shards', ...(existsSync(join(dir, 'history')) ? ['history'] : [])];
  // Shard changes a refused commit left (see crypt.ts) must not slip in here in plain text either.
  await assertShardsEncrypted(dir, await changedUnder(dir, ['shards']));
  await git(['add', '--all', '--', ...paths], { cwd: dir });
  const hasHead = Boolean(await gitTest(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir }));
  const staged = !(await gitTest(['diff', '--cached', '--quiet', '--', '.'], { cwd: dir }));
  if (staged || !hasHead) {
    await git(['commit', '--quiet', '--allow-empty', '-m', hasHead ? 'accountpool init --git' : 'accountpool init --git: the pool, versioned', '--', ...paths], { cwd: dir });
    done.push(hasHead ? 'committed the set-up' : 'made the first commit');
  }
  return done;
}
