// A zip member's name without zip's UTF-8 flag (APPNOTE 4.4.4 bit 11 clear) that no code page
// reads with confidence (archive-zip-names.ts: PAGES, then CP437's Latin words): CP437 is what
// APPNOTE says it is, so the name is shown as CP437 reads it, marked "(name's code page unsure)",
// and states no level or verdict. A Japanese Windows's name with a character outside what the
// Shift_JIS page reads (`①`, NEC's row 13, 0x87 0x40 in CP932) is such a name: `①ネ30.txt`
// (0x87 0x40 0x83 0x6C ...) read as CP437 is `ç@âl30.txt`, whose `l30` was taken as level 30.
// Zips made by Python's zipfile with the names' bytes raw (test/helpers/make_archive.py `codepage`).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { accountLines, makeArchive, poolAccounts } from '../helpers/archives.js';

describe("a zip name no code page reads", () => {
  it('is shown as CP437 reads it, marked unsure, and gives no level: --level does', async () => {
    const pool = await makePool(2);
    const zip = makeArchive('zip', join(pool.base, 'jp.zip'), [{ name: '①ネ30.txt', codepage: 'cp932', text: accountLines('unsl', 2) }]);
    const dry = await cli(['import', zip, '--dry-run', '--level', '12', ...pool.args]);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(`would import ${zip}!ç@âl30.txt (name's code page unsure): 2 added`);
    expect(dry.stdout).toContain(`${zip}!ç@âl30.txt (name's code page unsure): no level or verdict read from its name`);
    expect((await cli(['import', zip, '--level', '12', ...pool.args])).code).toBe(0);
    expect(await poolAccounts(pool)).toEqual(['unsl1 Pw#unsl-1 12 ptc', 'unsl2 Pw#unsl-2 12 ptc']);
  }, 60_000);

  it('without --level the import is refused, never at the level the garbled name spells', async () => {
    const pool = await makePool(2);
    const zip = makeArchive('zip', join(pool.base, 'jp.zip'), [{ name: '①ネ30.txt', codepage: 'cp932', text: accountLines('unsn', 1) }]);
    const r = await cli(['import', zip, ...pool.args]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no level known');
    expect(r.stderr).toContain(`${zip}!ç@âl30.txt (name's code page unsure): no level or verdict was read from its name`);
    expect(await poolAccounts(pool)).toEqual([]);
  }, 60_000);

  it("states no verdict by an unsure own name (`ソ`'s 0x5C is no folder), but does by an ASCII one under an unsure folder", async () => {
    const pool = await makePool(2);
    // `x①ソbanned.txt` is `x` 0x87 0x40 0x83 0x5C `banned.txt`: CP437 and yauzl's backslash rule
    // make it `xç@â/banned.txt`, Pogo-Account-Checker's banned.txt by its last part, by chance.
    const zip = makeArchive('zip', join(pool.base, 'mix.zip'), [
      { name: 'x①ソbanned.txt', codepage: 'cp932', text: accountLines('unsv', 1) },
      // Without the `x` CP866 read it as the words `З@Г\banned.txt` and its verdict stood; a
      // Cyrillic letter against a trail byte's `@` is no word (archive-zip-names.ts, cyrillicWords).
      { name: '①ソbanned.txt', codepage: 'cp932', text: accountLines('unsw', 1) },
      // The own name after the last `/` (never a trail byte) is ASCII: Pogo-Account-Checker's
      // banned.txt (perm_banned) as written; its folder `①ネ30/` states no level.
      { name: '①ネ30/banned.txt', codepage: 'cp932', text: accountLines('unsf', 1) },
    ]);
    const dry = await cli(['import', zip, '--dry-run', '--level', '7', ...pool.args]);
    expect(dry.stdout).toContain(`would import ${zip}!xç@â/banned.txt (name's code page unsure): 1 added`);
    expect(dry.stdout).toContain(`would import ${zip}!ç@âl30/banned.txt (name's code page unsure): 1 added`);
    expect(dry.stdout).toContain(`would import ${zip}!ç@â/banned.txt (name's code page unsure): 1 added`);
    expect((await cli(['import', zip, '--level', '7', ...pool.args])).code).toBe(0);
    expect(await poolAccounts(pool, { state: true })).toEqual(['unsf1 Pw#unsf-1 7 ptc perm_banned', 'unsv1 Pw#unsv-1 7 ptc ok', 'unsw1 Pw#unsw-1 7 ptc ok']);
  }, 60_000);

  it('a name CP437 reads as Latin words (`Größe`) or a page reads (`уровень30`) is sure: unmarked, its level read', async () => {
    const pool = await makePool(2);
    const zip = makeArchive('zip', join(pool.base, 'sure.zip'), [
      { name: 'Größe_L24.txt', cp437: true, text: accountLines('unss', 1) },
    ]);
    const ru = makeArchive('zip', join(pool.base, 'ru.zip'), [{ name: 'уровень30/акк.txt', codepage: 'cp866', text: accountLines('unsr', 1) }]);
    for (const z of [zip, ru]) {
      const dry = await cli(['import', z, '--dry-run', ...pool.args]);
      expect(dry.stdout).not.toContain('unsure');
      expect((await cli(['import', z, ...pool.args])).code).toBe(0);
    }
    expect(await poolAccounts(pool)).toEqual(['unsr1 Pw#unsr-1 30 ptc', 'unss1 Pw#unss-1 24 ptc']);
  }, 60_000);
});
