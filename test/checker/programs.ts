// Helpers for the command checker tests: real checker programs written as .mjs files into a
// real temp folder and run with this very node binary, so no test depends on a shell or PATH.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckRequest } from '../../src/checker/types.js';

export interface ProgramDir {
  dir: string;
  /** Writes `source` as `<name>.mjs` and returns the argv that runs it. */
  program(name: string, source: string, ...args: string[]): Promise<string[]>;
  remove(): Promise<void>;
}

export async function programDir(): Promise<ProgramDir> {
  const dir = await mkdtemp(path.join(tmpdir(), 'accountpool-checker-'));
  return {
    dir,
    async program(name, source, ...args) {
      const file = path.join(dir, `${name}.mjs`);
      await writeFile(file, source);
      return [process.execPath, file, ...args];
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The opening every test program shares: read all requests from stdin, then call `main(requests)`. */
export const READ_ALL = `
import { createInterface } from 'node:readline';
const requests = [];
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => { if (line.trim()) requests.push(JSON.parse(line)); });
await new Promise((resolve) => rl.on('close', resolve));
const say = (obj) => process.stdout.write(JSON.stringify(obj) + '\\n');
`;

/** Every test password contains this, so a leak is easy to spot in any text. */
export const PASSWORD_MARKER = 'Sekr3t-pw-';

export function passwordOf(i: number): string {
  return `${PASSWORD_MARKER}${i}-zz`;
}

export function makeRequests(usernames: string[]): CheckRequest[] {
  return usernames.map((username, i) => ({ username, password: passwordOf(i), provider: 'ptc', level: 30 }));
}

export function numbered(count: number, prefix = 'user'): CheckRequest[] {
  return makeRequests(Array.from({ length: count }, (_, i) => `${prefix}${i}`));
}

/** Alive, and not a zombie: an orphan reaped late by a container's init still counts as dead. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** Polls (no fixed sleep) until `condition` holds or `ms` pass; returns whether it held. */
export async function eventually(condition: () => boolean | Promise<boolean>, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function readPids(file: string): Promise<number[]> {
  try {
    return (await readFile(file, 'utf8')).split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
