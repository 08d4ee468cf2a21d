// The pending-records file's bytes (src/store/pending-records-file.ts): what is written reads back
// exactly, and bytes that do not add up read as no file (status then reads the log), never as
// other rows. Its use by status (made, extended, refused when edited) is pending-records.test.ts.
import { describe, expect, it } from 'vitest';
import { decodeSaved, encodeSaved, type Saved } from '../../src/store/pending-records-file.js';
import { sealBytes, unsealBytes } from '../../src/cache-seal.js';

function saved(rows: number): Saved {
  return {
    version: 3,
    names: ['0', '1', '2', '3'],
    segments: [null, { inode: '12', length: 400, sha256: 'ab'.repeat(32), stamp: '12:400:1:1', clock: undefined }],
    currentStart: 0,
    nextPosition: 2 * rows + 1,
    // Non-ASCII keys (UTF-8 in the keys' text) and a position past 2^31 (float64, not int32).
    keys: Array.from({ length: rows }, (_, r) => (r % 3 === 0 ? `ñandú${r}` : `user${r}`)),
    positions: Array.from({ length: rows }, (_, r) => (r === 1 ? 2 ** 40 + r : r * 2)),
    homes: Array.from({ length: rows }, (_, r) => r % 4),
    standings: Array.from({ length: rows }, (_, r) => r % 2),
    tuples: [
      [1, 30, 'ok', '', 'east', '2026-01-01T00:00:00.000Z'],
      [1, 31, 'warned', '2026-02-01T00:00:00.000Z', '', ''],
    ],
    bases: Array.from({ length: rows }, (_, r) => (r % 5 === 0 ? '' : r.toString(16).padStart(16, '0'))),
    judged: Array.from({ length: rows }, (_, r) => (r % 7) - 2),
    judgedIn: Array.from({ length: rows }, (_, r) => (r % 2 === 0 ? -1 : 0)),
    shas: ['cd'.repeat(20)],
  };
}

describe('pending-records file bytes', () => {
  it('read back exactly as written, sealed, with no rows, one row and many', () => {
    for (const rows of [0, 1, 2, 1000]) {
      const written = saved(rows);
      const body = unsealBytes(Buffer.concat(sealBytes(encodeSaved(written)!)));
      expect(body, `${rows} rows`).toBeDefined();
      expect(decodeSaved(body!), `${rows} rows`).toEqual(JSON.parse(JSON.stringify(written)));
    }
  });

  it('a key holding a line break is not written (its rows could not be told apart)', () => {
    const written = saved(3);
    written.keys[1] = 'two\nlines';
    expect(encodeSaved(written)).toBeUndefined();
  });

  it('cut short, grown, its head garbled or its counts edited: no file', () => {
    const body = encodeSaved(saved(50))!;
    expect(decodeSaved(body.subarray(0, body.length - 1))).toBeUndefined();
    expect(decodeSaved(Buffer.concat([body, Buffer.from('x')]))).toBeUndefined();
    expect(decodeSaved(Buffer.from(body.toString('latin1').replace('{', '['), 'latin1'))).toBeUndefined();
    // One row fewer claimed, the same byte lengths: the texts' lines no longer add up.
    const fewer = Buffer.from(body.toString('latin1').replace('"rows":50', '"rows":49'), 'latin1');
    expect(fewer.length).toBe(body.length);
    expect(decodeSaved(fewer)).toBeUndefined();
  });

  it('a byte of the rows changed after sealing: the seal refuses it', () => {
    const sealed = Buffer.concat(sealBytes(encodeSaved(saved(50))!));
    const edited = Buffer.from(sealed);
    edited[edited.length - 20]! ^= 1;
    expect(unsealBytes(sealed)).toBeDefined();
    expect(unsealBytes(edited)).toBeUndefined();
  });
});
