// Real archives for tests, made by Python's own zipfile, gzip and tarfile (make_archive.py): never
// an archive's bytes written by hand.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, expect } from 'vitest';
import { cli } from './cli.js';
import { makePool, type TestPool } from './pool.js';
import { pythonPath, STDLIB_ONLY } from './python.js';

export interface Member {
  name: string;
  text?: string;
  b64?: string;
  /** A Unix symbolic link to this target (Info-ZIP's way: the mode in the external attributes). */
  symlink?: string;
  /** The name in CP437 without the UTF-8 flag, as zippers on Windows wrote it. */
  cp437?: boolean;
  /** The name in this code page (a Python codec: `cp866`, `cp1251`, `shift_jis`, `gbk`) without the UTF-8 flag, made on Windows (host 0). */
  codepage?: string;
  /** Stored, not deflated. */
  stored?: boolean;
  /** Packed with zipfile's bzip2 (zip method 12) or LZMA (14) instead of deflated. */
  method?: 'bzip2' | 'lzma';
  /** A tar entry of another type than a file: a hard link (to `link`), a device, a FIFO, a folder. */
  tar_type?: 'link' | 'chr' | 'blk' | 'fifo' | 'dir';
  link?: string;
  /** The name stored in CP437 as this legacy name, the real one in Info-ZIP's Unicode Path field (0x7075). */
  unicode_path?: string;
}

const MAKER = new URL('./make_archive.py', import.meta.url).pathname;

/** A real archive at `out`; `extra` is passed to make_archive.py (`gzip_name`, `tar_format`). */
export function makeArchive(kind: 'zip' | 'gzip' | 'tar', out: string, members: Member[], extra: Record<string, unknown> = {}): string {
  makeArchives([{ kind, out, members, ...extra }]);
  return out;
}

export interface ArchiveSpec {
  kind: 'zip' | 'gzip' | 'tar';
  out: string;
  members: Member[];
  [extra: string]: unknown;
}

/** Real archives, made in order by one Python (a start is ~0.1 s of CPU, seconds of wall at load 20). */
export function makeArchives(specs: ArchiveSpec[]): void {
  const run = spawnSync(pythonPath(), [...STDLIB_ONLY, MAKER], { input: JSON.stringify(specs), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`make_archive.py: ${run.stderr}`);
}

/** Every account of the pool as `username password level provider` (and ` state`), sorted. */
export async function poolAccounts(pool: TestPool, { state = false } = {}): Promise<string[]> {
  const out = await cli(['export', '--format', 'json', ...pool.args]);
  expect(out.code).toBe(0);
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, string>)
    .map((a) => `${a.username} ${a.password} ${a.level} ${a.provider}${state ? ` ${a.state}` : ''}`)
    .sort();
}

/** The pools refusedWhole gave their one account: a refusal leaves a pool as it was (each call checks), so once is enough. */
const seeded = new WeakSet<TestPool>();

/**
 * `file` imported into `pool`, which first takes one account of its own (at the first refusal
 * into it): refused whole (exit 1, `message`, "nothing was imported"), no password of the
 * archive's in the words (`secrets`), the pool as it was. Its stderr, for what a case checks beyond that.
 */
export async function refusedWhole(pool: TestPool, file: string, message: RegExp, secrets: RegExp = /Pw#/): Promise<string> {
  if (!seeded.has(pool)) {
    await writeFile(join(pool.base, 'before.txt'), 'keptuser:Kept#pw1\n');
    expect((await cli(['import', join(pool.base, 'before.txt'), '--level', '9', ...pool.args])).code).toBe(0);
    seeded.add(pool);
  }
  const out = await cli(['import', file, '--level', '9', ...pool.args]);
  expect(out.code).toBe(1);
  expect(out.stderr).toMatch(message);
  expect(out.stderr).toContain('nothing was imported');
  expect(out.stderr).not.toMatch(secrets);
  expect(await poolAccounts(pool)).toEqual(['keptuser Kept#pw1 9 ptc']);
  return out.stderr;
}

/**
 * One pool for each test's refusals, made at its first (its folder lives as long as the test): a
 * refused archive leaves the pool as it was, which refusedWhole checks, so one serves them all
 * (a pool and its first import each, not each refusal's). Called at a file's or describe's top level.
 */
export function refusalPoolPerTest(): () => Promise<TestPool> {
  let pool: Promise<TestPool> | undefined;
  beforeEach(() => {
    pool = undefined;
  });
  return () => (pool ??= makePool(2));
}

/** `n` list lines `PREFIXi:Pw#PREFIX-i`. */
export const accountLines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}:Pw#${prefix}-${i + 1}`).join('\n') + '\n';
