// Zip members packed with Zstandard (APPNOTE 4.4.5 method 93, "zstd-wz" in 7-Zip's
// CPP/7zip/Archive/Zip/ZipHandler.cpp kMethodNames2; WinZip 24+ and minizip-ng's
// MZ_COMPRESS_METHOD_ZSTD write it), unpacked by 7-Zip 24.09 (7z-wasm) as the other methods yauzl
// lacks are (archive-zip-methods.ts); a method 7-Zip lacks too (WavPack, 97; Reduce, 2-5), refused
// naming the member and the method, and set aside in the inbox's failed/, never lost. The members'
// streams are made by the real zstd(1) (`zstd -c`, one frame, as minizip-ng's zstd codec writes one);
// the zip around them written by import's own zip writer for 7-Zip (APPNOTE 4.3.7/4.3.12/4.3.16; yauzl
// lists it independently), since no zipper installed writes
// method 93 (Info-ZIP's zip has none; 7-Zip's `-mm=` has no Zstd for zip: E_NOTIMPL).
import { spawnSync } from 'node:child_process';
import { crc32 } from 'node:zlib';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { accountLines, poolAccounts } from '../helpers/archives.js';
import { zipOfPacked } from '../../src/formats/archives/archive-zip-methods.js';
import { drop, failedNames, makeInboxPool, poolSize } from '../watch/helpers.js';

interface Member {
  name: string;
  text: string;
  /** APPNOTE 4.4.5's method; its packed bytes: zstd(1)'s frame for 93, the text itself (a wrong stream) for others. */
  method: number;
}

function zstd(bytes: Buffer): Buffer {
  const made = spawnSync('zstd', ['-q', '-c', '-19'], { input: bytes });
  expect(made.status, String(made.stderr)).toBe(0);
  return made.stdout;
}

/** A zip of `members`, UTF-8 names (bit 11), version 6.3 needed, sizes in the local headers. */
function zipOf(members: Member[]): Buffer {
  return zipOfPacked(members.map(({ name, text, method }) => {
    const data = Buffer.from(text);
    return { path: name, version: 63, flags: 0x800, method, time: 0, date: 0x21, crc32: crc32(data), size: data.length, raw: method === 93 ? zstd(data) : data };
  }));
}

const expected = (prefix: string, n: number, level: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1} Pw#${prefix}-${i + 1} ${level} ptc ok`);

describe('zip members packed with Zstandard, or a method no one here unpacks', () => {
  it('Zstandard members beside stored ones: every account exact, the folder\'s level kept', async () => {
    const pool = await makePool(2);
    const zip = join(pool.base, 'zstd.zip');
    await writeFile(zip, zipOf([
      { name: 'level30/stock.txt', text: accountLines('zsa', 200), method: 93 },
      { name: 'fresh_L2.txt', text: accountLines('zsb', 2), method: 0 },
    ]));
    const dry = await cli(['import', zip, '--dry-run', ...pool.args]);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(`would import ${zip}!level30/stock.txt: 200 added`);
    expect(dry.stdout).not.toContain('Pw#');
    const done = await cli(['import', zip, ...pool.args]);
    expect(done.stderr).toBe('');
    expect(await poolAccounts(pool, { state: true })).toEqual([...expected('zsa', 200, 30), ...expected('zsb', 2, 2)].sort());
  }, 60_000);

  it('a Zstandard member of 30 MB of zeros (zstd packs it to ~1 KB): refused for its ratio, nothing imported', async () => {
    const pool = await makePool(2);
    const zip = join(pool.base, 'zbomb.zip');
    await writeFile(zip, zipOf([{ name: 'zeros.txt', text: '\0'.repeat(30_000_000), method: 93 }]));
    const out = await cli(['import', zip, ...pool.args]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/zbomb\.zip: zeros\.txt unpacks 30000000 bytes from \d+ \(over 200 times: an archive bomb's ratio\)/);
    expect(await poolAccounts(pool, { state: true })).toEqual([]);
  }, 60_000);

  it('WavPack (97) or Reduce (2): refused naming the member and its method; in the inbox set aside in failed/, nothing imported', async () => {
    const pool = await makePool(2);
    for (const [method, name] of [
      [97, 'WavPack \\(zip method 97\\)'],
      [2, 'Reduce \\(zip method 2\\)'],
    ] as const) {
      const zip = join(pool.base, `m${method}.zip`);
      await writeFile(zip, zipOf([
        { name: 'ok.txt', text: accountLines('zok', 2), method: 93 },
        { name: 'stock/a.txt', text: accountLines('zodd', 2), method },
      ]));
      const out = await cli(['import', zip, ...pool.args]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(new RegExp(`m${method}\\.zip: stock/a\\.txt is packed with ${name}, which import does not unpack .*: extract it with the program that made it and import the files it holds; nothing was imported from it`));
    }
    expect(await poolAccounts(pool, { state: true })).toEqual([]);
    const inbox = await makeInboxPool(2);
    await drop(inbox.inbox, 'level-30/wavpack.zip', zipOf([{ name: 'stock/a.txt', text: accountLines('zw', 2), method: 97 }]));
    const r = await cli(['watch', '--once', ...inbox.args]);
    expect(r.stderr).toMatch(/failed level-30\/wavpack\.zip: stock\/a\.txt is packed with WavPack \(zip method 97\)/);
    expect(await failedNames(inbox.inbox)).toContain('wavpack.zip');
    expect(await poolSize(inbox)).toBe(0);
  }, 60_000);
});
