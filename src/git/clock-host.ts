// Who this clone is to the other hosts, so that a host reading the shared history knows whose clock
// dated each commit: a name made once per clone (the machine's hostname and a random tag, so two
// clones on one machine, or two machines both called `localhost`, stay apart), kept in .git where
// it never travels, and written as a trailer into every commit accountpool makes.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { writeFileAtomic } from '../store/atomic-write.js';
import { gitPath } from './repo.js';

/** The trailer naming the clone that made a commit: `Accountpool-Host: east-1-3fa2c1`. */
export const HOST_TRAILER = 'Accountpool-Host';
const HOST_FILE = 'accountpool-host';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/;

const known = new Map<string, Promise<string>>();

async function readOrMake(dir: string): Promise<string> {
  const file = await gitPath(dir, HOST_FILE);
  const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (NAME.test(stored)) return stored;
  const machine = hostname().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 60) || 'host';
  const name = `${machine}-${randomBytes(3).toString('hex')}`;
  await writeFileAtomic(file, `${name}\n`, 0o600);
  return name;
}

/** Whether `name` is one a clone makes for itself (what another host's trailer must be to be believed). */
export function isHostName(name: string): boolean {
  return NAME.test(name);
}

/** This clone's name (made on first use). */
export function hostNameOf(dir: string): Promise<string> {
  let name = known.get(dir);
  if (!name) {
    name = readOrMake(dir);
    known.set(dir, name);
    name.catch(() => known.delete(dir));
  }
  return name;
}

/** This clone's name, if it ever made one (a clone that never committed cannot have been named by anyone). */
export async function knownHostName(dir: string): Promise<string | undefined> {
  if (known.has(dir)) return known.get(dir);
  const stored = (await readFile(await gitPath(dir, HOST_FILE), 'utf8').catch(() => '')).trim();
  return NAME.test(stored) ? stored : undefined;
}

/**
 * `git commit` arguments that sign the commit with this clone's name: the trailer as the message's
 * last paragraph of its own, which is where git's `%(trailers)` reads it (reshard-replay.ts writes
 * it so into `commit-tree`). Not `--trailer`: for that `git commit` starts a `git interpret-trailers`
 * process, one more for every commit the pool makes (git's builtin/commit.c, `trailer_args`).
 */
export async function hostTrailer(dir: string): Promise<string[]> {
  return ['-m', `${HOST_TRAILER}: ${await hostNameOf(dir)}`];
}
