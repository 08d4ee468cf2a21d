// A real full disk at every point of a command (stop 65 X): the sweep of test/store/full-disk-points.test.ts
// and test/git/full-disk-commit.test.ts. A small tmpfs (tmpfs.ts) filled to the last page, then given
// room back one step at a time, each step from the same pool. See sweep().
import { expect } from 'vitest';
import { cp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { cli, type CliResult } from './cli.js';
import { testdir } from './testdir.js';
import { makeAccount } from './accounts.js';
import { fillUp, smallDisk } from './tmpfs.js';

export interface Stage {
  disk: string;
  dir: string;
  file: string;
  args: string[];
}

/** Each account's holder, level and password, in key order: what a failed command must leave as it was. */
export async function holdings(dir: string): Promise<string> {
  const snap = await (await Pool.open(dir)).read();
  return [...snap.accounts()].map((a) => `${a.username} ${a.holder ?? '-'} ${a.level} ${a.password}`).sort().join('\n');
}

export const fileText = (path: string) => readFile(path, 'utf8').catch(() => '(none)');
const exists = (path: string) => stat(path).then(() => true, () => false);
/** The usernames an accounts file lists. */
export const listed = async (path: string) => (await fileText(path)).split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]).sort();

/** Room given back at each step, KiB (whole pages): none, then enough for the lock, the journal, ... */
const STEPS = Array.from({ length: 40 }, (_, i) => i * 4);

/**
 * Runs `run` on a fresh copy of the stage's pool at each step of room; `whole` checks a pool the
 * command changed (it succeeded, or failed past its commit point). Returns each step's error line.
 */
export async function sweep(stage: Stage, run: () => Promise<CliResult>, whole: () => Promise<void>): Promise<string[]> {
  const kept = join(await testdir(), 'kept');
  await cp(stage.disk, kept, { recursive: true });
  const restore = async () => {
    await rm(stage.dir, { recursive: true, force: true });
    await rm(stage.file, { force: true });
    await cp(kept, stage.disk, { recursive: true });
  };
  const before = `${await holdings(stage.dir)}\n${await fileText(stage.file)}`;
  const seen: string[] = [];
  const rerun = new Set<string>();
  for (const step of STEPS) {
    await restore();
    const free = await fillUp(stage.disk, step);
    let result: CliResult;
    try {
      result = await run();
    } finally {
      await free();
    }
    expect(result.stdout + result.stderr).not.toMatch(/pw-\d/);
    if (result.code === 0) {
      seen.push(`${step}: ok`);
      await whole();
      return seen;
    }
    const error = result.stderr.trim();
    seen.push(`${step}: ${error.replace(stage.disk, 'DISK')}`);
    expect(result.code, error).toBe(1);
    expect(error).toMatch(/could not write \/\S+: ENOSPC/);
    expect(await exists(join(stage.dir, '.lock')), error).toBe(false);
    if (/the transaction is committed/.test(error)) await whole();
    else expect(`${await holdings(stage.dir)}\n${await fileText(stage.file)}`, `${step} KiB: ${error}`).toBe(before);
    // With room, the same command again: as if the failed run never were (once for each file named, one for all shards: a run is not cheap).
    const named = /could not write (\S+):/.exec(error)![1]!.replace(/\d+\.yaml$/, 'N.yaml');
    if (!rerun.has(named)) {
      rerun.add(named);
      const again = await run();
      expect(again.code, again.stderr).toBe(0);
      await whole();
    }
  }
  throw new Error(`never succeeded: ${seen.join('\n')}`);
}

export async function stage(accounts: number, initArgs: string[] = []): Promise<Stage> {
  const disk = await smallDisk(1024);
  const dir = join(disk, 'pool');
  expect((await cli(['init', '--pool', dir, '--shards', '4', ...initArgs])).code).toBe(0);
  // Put through the store, not an import: no reader is loaded for it (seconds, in a cold worker).
  await (await Pool.open(dir)).transaction((tx) => {
    for (let i = 0; i < accounts; i++) tx.put(makeAccount(i));
  });
  return { disk, dir, file: join(disk, 'east.csv'), args: ['--pool', dir] };
}

export async function verified(dir: string): Promise<void> {
  const v = await cli(['verify', '--pool', dir]);
  expect(v.code, v.stdout + v.stderr).toBe(0);
}
