// Folders nested deeper than the watcher looks (8 below the inbox: scan.ts's MAX_DEPTH, chokidar's
// depth): their files are not imported, and the watcher says so once per folder, naming it, so a
// dump dropped there is not silently left behind. `--once` exits 1, as for a file that had to stay.
import { afterEach, describe, expect, it } from 'vitest';
import { chmod, mkdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, ROOT_AS_ANY_USER, runCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { MAX_FOLDERS, scanInbox } from '../../src/watch/scan.js';
import { ignoreRule } from '../../src/watch/ignore.js';
import { allImported, drop, dumpText, makeInboxPool, poolSize, startWatching, waiting, type Watching } from './helpers.js';

const EIGHT = 'level-30/a/b/c/d/e/f/g'; // 8 folders: its files are looked at
const NINE = `${EIGHT}/h`; // 9: not

const running: Watching[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

const count = (text: string, part: string) => text.split(part).length - 1;

describe('folders deeper than the watcher looks', () => {
  it('--once imports 8 folders deep, names the 9th folder once, leaves its file and exits 1', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, `${EIGHT}/ok.txt`, dumpText('ok', 2));
    await drop(pool.inbox, `${NINE}/deep.txt`, dumpText('deep', 2));
    await drop(pool.inbox, `${NINE}/i/deeper.txt`, dumpText('deeper', 2));
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.stdout).toBe(`imported ${EIGHT}/ok.txt: 2 added, 0 updated, 0 rejected\n`);
    expect(result.stderr).toBe(`not looking into ${NINE}: the watcher looks 8 folders deep into the inbox, no deeper; move its files higher up to have them imported\n`);
    expect(result.code).toBe(1);
    expect(await poolSize(pool)).toBe(2); // ok0 and ok1 only
  });

  // A folder the watcher may not list (mode 000, another user's 0700): until stop 57 it failed the
  // whole scan, `accountpool watch: EACCES: permission denied, open '.../level-30/d'`, nothing
  // imported, and a live watcher did not start. Root lists any folder: as root (CI) the watcher runs
  // without root's capabilities, a real process (cli.ts ROOT_AS_ANY_USER).
  it('--once: a folder it may not list is named once, the rest of the inbox imported, exit 1', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/closed/in.txt', dumpText('closed', 2));
    await drop(pool.inbox, 'level-30/ok.txt', dumpText('ok', 2));
    await chmod(join(pool.inbox, 'level-30', 'closed'), 0);
    try {
      const args = ['watch', '--once', ...pool.args];
      const result = ROOT_AS_ANY_USER ? await runCli(args, { under: ROOT_AS_ANY_USER }) : await cli(args);
      expect(result.stdout).toBe('imported level-30/ok.txt: 2 added, 0 updated, 0 rejected\n');
      expect(result.stderr).toMatch(/^not looking into level-30\/closed: the watcher \(uid \d+\) may not open or list it \(EACCES\); give it read and search permission/);
      expect(count(result.stderr, 'not looking into')).toBe(1);
      expect(result.code).toBe(1);
    } finally {
      await chmod(join(pool.inbox, 'level-30', 'closed'), 0o700);
    }
    expect(await poolSize(pool)).toBe(2);
  });

  it('while watching: says it once per folder, however often the inbox is looked at again', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, `${NINE}/deep.txt`, dumpText('deep', 1));
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await waitFor(() => w.stderr().includes(`not looking into ${NINE}:`), { what: 'the deep folder named' });
    await drop(pool.inbox, 'level-30/x/y/z/q/r/s/t/u/other.txt', dumpText('other', 1)); // 9 deep too, made while watching
    await drop(pool.inbox, 'level-30/now.txt', dumpText('now', 1));
    await waitFor(() => w.stderr().includes('not looking into level-30/x/y/z/q/r/s/t/u:'), { what: 'the second deep folder named' });
    await allImported(pool, 1);
    expect(count(w.stderr(), `not looking into ${NINE}:`)).toBe(1);
    expect(count(w.stderr(), 'not looking into level-30/x/y/z/q/r/s/t/u:')).toBe(1);
    expect(await waiting(pool.inbox)).toEqual([]); // what the scan sees: the deep files are not in it
  });

  // A local user who may write the inbox made 20,000 empty folders with one `mkdir -p`: every
  // rescan (10 s) opened and listed them all and chokidar watched each (a fifth of a core and
  // 345 MB for as long as they stayed, stop 51). Past MAX_FOLDERS none is looked into, said once.
  it('looks into no more than MAX_FOLDERS folders, says how many it left, and still imports the files it sees', async () => {
    const pool = await makeInboxPool();
    await pool.configure({ default_level: '30' });
    for (let i = 0; i < MAX_FOLDERS + 5; i++) await mkdir(join(pool.inbox, 'junk', String(i)), { recursive: true });
    await drop(pool.inbox, 'top.txt', dumpText('top', 2));
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.stdout).toBe('imported top.txt: 2 added, 0 updated, 0 rejected\n');
    // junk/ and 999 of its folders walked: 6 left.
    expect(result.stderr).toMatch(new RegExp(`^not looking into 6 folders of the inbox, junk/\\d+ the first: the watcher looks into ${MAX_FOLDERS} folders, no more; remove those nobody uses \\(\`find .*inbox -mindepth 1 -type d -empty\` lists the empty ones\\) to have the rest imported\n$`));
    expect(result.code).toBe(1);
    expect(await poolSize(pool)).toBe(2);
  });

  // The disk lists folders in its own order (ext4: by hash), so with the cap reached a real
  // dump's folder could be one of those left: the folders that matter are entered first
  // (folders-first.ts), and a folder's children before any grandchildren. Names chosen so that
  // by name alone the real ones would come last.
  it('past MAX_FOLDERS, enters level folders, folders that held files and shallow ones before junk', async () => {
    const pool = await makeInboxPool();
    const junk = Array.from({ length: MAX_FOLDERS + 5 }, (_, i) => `a${String(i).padStart(4, '0')}`);
    await Promise.all(junk.map((name) => mkdir(join(pool.inbox, name))));
    await Promise.all(junk.slice(0, 5).map((name) => mkdir(join(pool.inbox, 'a0000', `${name}-deep`))));
    await drop(pool.inbox, 'level-30/dump.txt', dumpText('lv', 1));
    await drop(pool.inbox, 'zz-seller/dump.txt', dumpText('zz', 1));
    // A seller's folder gets its dumps after it was made: here within the same clock tick, so its
    // mtime is set a second on, as a dump written a second later leaves it.
    const made = await stat(join(pool.inbox, 'zz-seller'));
    await utimes(join(pool.inbox, 'zz-seller'), made.atime, new Date(made.mtimeMs + 1000));
    const left: [string, number][] = [];
    const found = await scanInbox(pool.inbox, ignoreRule(pool.inbox), { tooMany: (first, n) => left.push([first.slice(pool.inbox.length + 1), n]) });
    expect(found.map((p) => p.slice(pool.inbox.length + 1)).sort()).toEqual(['level-30/dump.txt', 'zz-seller/dump.txt']);
    // 1,007 top folders: level-30, zz-seller, a0000 (changed: its folders were made in it) and
    // 997 other junk folders entered; 10 left, and a0000's own 5, as none of the cap was left for them.
    expect(left).toEqual([[expect.stringMatching(/^a\d{4}$/), 7 + 5]]);
  });

  // By name within a rank, whoever could write the inbox outranked a real level-30/ with 1,001
  // folders named as levels that sort first (`00000`...`01004`), and a seller's folder with folders
  // touched once. Within a rank the folder made first goes first (birth time, which `touch` cannot set).
  // The one folder of a level is the first made whatever its mtime: level-30/ here was unpacked
  // (tar and unzip give a folder the archive's older mtime, so it reads as never changed), and a
  // later `30`-named folder touched once took level 30's place, leaving level-30/ behind the flood.
  it('past MAX_FOLDERS, a flood of level-named or touched folders made later never outranks the real ones', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/dump.txt', dumpText('lv', 1));
    await utimes(join(pool.inbox, 'level-30'), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    await drop(pool.inbox, 'zz-seller/dump.txt', dumpText('zz', 1));
    const real = await stat(join(pool.inbox, 'zz-seller'), { bigint: true });
    await utimes(join(pool.inbox, 'zz-seller'), real.atime, new Date(Number(real.mtimeMs) + 1000));
    // The flood comes later: its first folder born after the real ones (file times step by a clock tick).
    await waitFor(async () => {
      await rm(join(pool.inbox, '00000'), { recursive: true, force: true });
      await mkdir(join(pool.inbox, '00000'));
      return (await stat(join(pool.inbox, '00000'), { bigint: true })).birthtimeNs > real.birthtimeNs;
    }, { what: 'a folder born after the real ones' });
    const levels = Array.from({ length: MAX_FOLDERS + 5 }, (_, i) => String(i).padStart(5, '0'));
    const touched = Array.from({ length: 20 }, (_, i) => `a${i}`);
    await Promise.all([...levels, ...touched].map((name) => mkdir(join(pool.inbox, name), { recursive: true })));
    await Promise.all([...levels, ...touched].map((name) => utimes(join(pool.inbox, name), new Date(), new Date(Date.now() + 60_000))));
    const left: [string, number][] = [];
    const found = await scanInbox(pool.inbox, ignoreRule(pool.inbox), { tooMany: (first, n) => left.push([first.slice(pool.inbox.length + 1), n]) });
    expect(found.map((p) => p.slice(pool.inbox.length + 1)).sort()).toEqual(['level-30/dump.txt', 'zz-seller/dump.txt']);
    expect(left).toEqual([[expect.any(String), MAX_FOLDERS + 5 + 20 + 2 - MAX_FOLDERS]]);
  });

  // chokidar's side of the cap: each folder it watches is an inotify watch of the user's and
  // ~8 KB. Past MAX_FOLDERS (the inbox itself besides) it is told to leave folders alone.
  it('while watching: chokidar watches no more than MAX_FOLDERS folders and the inbox', async () => {
    const pool = await makeInboxPool();
    await Promise.all(Array.from({ length: MAX_FOLDERS + 5 }, (_, i) => mkdir(join(pool.inbox, 'junk', String(i)), { recursive: true })));
    const w = await startWatching(pool, { rescanMs: 0, settleMs: 50 });
    running.push(w);
    expect(w.watchedFolders()).toHaveLength(MAX_FOLDERS + 1);
    expect(w.watchedFolders()).toContain(pool.inbox);
  });
});
