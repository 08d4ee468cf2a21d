// A delivery forwarded and pasted as text: the forwarded mail's header lines (`From:`, `Date:`,
// `Subject:`, `To:`) and the shop's signature (`-- `, its link, `Discord: Shop#1234`) are the
// mail's, read past as prose, not settings that make the reader unsure. Source: Gmail's
// "---------- Forwarded message ---------" block and RFC 3676's signature separator, see
// test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture } from './helpers.js';

describe('a forwarded delivery pasted as text', () => {
  it('gives its accounts with the level its subject states, and skips the headers and signature', async () => {
    const r = await readDump(fixture('seller-forwarded.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [10, 'omanyte_sp9', 'Spiral#Shell9', 30],
      [11, 'kabuto_dm4', 'D0me!Fossil', 30],
    ]);
    expect(r.rejected).toEqual([]);
  });
});
