// Dumps that arrive through a browser, a download tool or a desktop: what the inbox finds while a
// download runs, and what an operating system or office program leaves in any folder. None of it
// is a dump to import or to set aside with an error: the download's file is taken once whole.
// Names as each tool writes them (src/watch/ignore.ts DOWNLOADING and SYSTEM_NAMES): Firefox's
// `.part` beside an empty placeholder of the name (mozilla DownloadsCommon.jsm kPartialDownloadSuffix),
// Chrome's `.crdownload`, old Edge's `.partial`, Opera's `.opdownload`, Safari's `NAME.download`
// folder, qBittorrent's `.!qB` (its Web API's `incomplete_files_ext`), aria2's `NAME.aria2` beside
// the `NAME` it writes in place, Office's `~$NAME` owner file, Explorer's `Thumbs.db` and `desktop.ini`.
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { allImported, dumpText, failedNames, importedNames, makeInboxPool, poolSize, startWatching, waitForLines } from './helpers.js';

describe('downloads in progress and desktop files in the inbox', () => {
  it('watch --once imports only the whole dump; a download in progress waits (exit 1), the rest is left alone', async () => {
    const pool = await makeInboxPool(4);
    const dir = join(pool.inbox, 'level-30');
    await mkdir(join(dir, 'safari.txt.download'), { recursive: true });
    const files: Record<string, string> = {
      'whole.txt': dumpText('whole', 3),
      'firefox.txt': '', // the placeholder Firefox makes, written never
      'firefox.txt.part': dumpText('fox', 2).slice(0, 12),
      'aria.txt': dumpText('aria', 4).slice(0, 20), // written in place while aria.txt.aria2 is there
      'aria.txt.aria2': '\u0000\u0001binary control file',
      'chrome.txt.crdownload': dumpText('chrome', 2),
      'edge.txt.partial': dumpText('edge', 2),
      'opera.txt.opdownload': dumpText('opera', 2),
      'safari.txt.download/safari.txt': dumpText('safari', 2),
      'torrent.txt.!qB': dumpText('torrent', 2),
      '~$accounts.xlsx': 'Operator Name',
      'Thumbs.db': '\u00d0\u00cf\u0011\u00e0',
      'desktop.ini': '[.ShellClassInfo]\r\nIconResource=x.ico\r\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const run = await cli(['watch', '--once', ...pool.args]);
    expect(run.stdout).toBe('imported level-30/whole.txt: 3 added, 0 updated, 0 rejected\n');
    expect(run.stderr).toContain('waiting for level-30/firefox.txt: firefox.txt.part beside it is still being downloaded');
    expect(run.stderr).toContain('waiting for level-30/aria.txt: aria.txt.aria2 beside it is still being downloaded');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(2);
    expect(run.code).toBe(1);
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(await poolSize(pool)).toBe(3);
    const left = (await readdir(dir, { recursive: true })).sort();
    expect(left).toEqual(Object.keys(files).filter((n) => n !== 'whole.txt').concat('safari.txt.download').sort());
  });

  it("a live watcher takes Firefox's download once its .part is renamed over the placeholder", async () => {
    const pool = await makeInboxPool(4);
    const dir = join(pool.inbox, 'level-30');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'stock.txt'), '');
    await writeFile(join(dir, 'stock.txt.part'), dumpText('stock', 5).slice(0, 30));
    const w = await startWatching(pool, { settleMs: 200 });
    try {
      await waitFor(() => w.stderr().includes('waiting for level-30/stock.txt: stock.txt.part beside it'), { what: 'the placeholder seen waiting' });
      await writeFile(join(dir, 'stock.txt.part'), dumpText('stock', 5));
      await rename(join(dir, 'stock.txt.part'), join(dir, 'stock.txt'));
      await allImported(pool, 1);
      await waitForLines(w.stdout, 1);
      expect(w.stdout()).toBe('imported level-30/stock.txt: 5 added, 0 updated, 0 rejected\n');
      expect(w.stderr().match(/waiting for/g)).toHaveLength(1); // said once, not at every look
      expect(await failedNames(pool.inbox)).toEqual([]);
      expect(await importedNames(pool.inbox)).toEqual(['stock.txt']);
    } finally {
      await w.stop();
    }
  });
});
