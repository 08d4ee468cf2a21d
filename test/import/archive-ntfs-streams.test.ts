// NTFS alternate data streams and Windows path forms inside an archive (archive-ntfs-streams.ts,
// archive-paths.ts). Windows names a file's stream `FILE:STREAM` (Microsoft's "File Streams (Local
// File Systems)"); 7-Zip (`-sns`) and WinRAR ("save file streams") keep them as members of that
// name, and the one a seller's download carries is `Zone.Identifier` (`[ZoneTransfer]`, `ZoneId=3`).
// Archives made by the real tools: Info-ZIP's zip, 7-Zip's 7zz and GNU tar, of files whose names
// hold the colon (Linux allows it), as those archivers store the streams' names; a `::$DATA` name,
// which unrar's IsNtfsProhibitedStream refuses (no more than one colon in a stream's name), and
// drive letters (`C:\x`, `C:x`), by Python's zipfile (helpers/archives.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { accountLines, makeArchive, poolAccounts } from '../helpers/archives.js';

const ZONE = '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://shop.example/order/42\r\nHostUrl=https://cdn.shop.example/dl/stock.zip\r\n';

describe('NTFS streams and Windows paths in an archive', () => {
  it("a file's streams (Zone.Identifier, any other of a member) are passed over, named, and state nothing of the file; zip, 7z and tar alike", async () => {
    const dir = await testdir({
      'stock/level30.txt': accountLines('adsa', 2),
      'stock/level30.txt:Zone.Identifier': ZONE,
      'stock/b.txt': accountLines('adsb', 2),
      // A stream of b.txt whose name spells a level: b.txt keeps the level it has (--level 9).
      'stock/b.txt:level40': accountLines('adsc', 1),
    });
    const made: [string, string, string[]][] = [
      ['zip', 'ads.zip', ['-q', '-r']],
      ['7zz', 'ads.7z', ['a', '-bso0']],
      ['tar', 'ads.tar', ['-cf']],
    ];
    for (const [tool, file, args] of made) {
      const pool = await makePool(2);
      const archive = join(pool.base, file);
      expect(spawnSync(tool, [...args, archive, 'stock'], { cwd: dir }).status).toBe(0);
      const dry = await cli(['import', archive, '--level', '9', '--dry-run', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toContain(`passed over ${archive}!stock/level30.txt:Zone.Identifier: an NTFS alternate stream of stock/level30.txt: Windows' mark of a download, not a file`);
      expect(dry.stdout).toContain(`passed over ${archive}!stock/b.txt:level40: an NTFS alternate stream of stock/b.txt, not a file`);
      const done = await cli(['import', archive, '--level', '9', ...pool.args]);
      expect(done.code, done.stderr).toBe(0);
      expect(await poolAccounts(pool, { state: true })).toEqual(['adsa1 Pw#adsa-1 30 ptc ok', 'adsa2 Pw#adsa-2 30 ptc ok', 'adsb1 Pw#adsb-1 9 ptc ok', 'adsb2 Pw#adsb-2 9 ptc ok']);
    }
  }, 120_000);

  it('a stream named with its type (`::$DATA`, Windows writes it into the file itself) and drive letters: refused naming the member, nothing imported', async () => {
    const pool = await makePool(2);
    const cases: [string, RegExp][] = [
      ['stock/a.txt::$DATA', /x0\.zip: stock\/a\.txt::\$DATA names an NTFS stream of stock\/a\.txt with its type, which on Windows writes into stock\/a\.txt itself/],
      ['stock/a.txt:Zone.Identifier:$DATA', /x1\.zip: stock\/a\.txt:Zone\.Identifier:\$DATA names an NTFS stream of stock\/a\.txt with its type/],
      ['C:\\outside.txt', /x2\.zip: holds a member whose path leads outside it \(absolute path: C:/],
      ['C:outside.txt', /x3\.zip: holds a member whose path leads outside it \(absolute path: C:outside\.txt\)/],
    ];
    for (const [i, [name, message]] of cases.entries()) {
      const zip = makeArchive('zip', join(pool.base, `x${i}.zip`), [
        { name: 'stock/a.txt', text: accountLines(`good${i}x`, 2) },
        { name, text: accountLines(`evil${i}x`, 2) },
      ]);
      const out = await cli(['import', zip, ...pool.args]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(message);
      expect(out.stderr).toContain('nothing was imported');
    }
    expect(await poolAccounts(pool, { state: true })).toEqual([]);
  }, 120_000);
});
