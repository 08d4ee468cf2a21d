// pogo-account-checker/PAC-Data-Converter `run.py`: Pogo-Account-Checker's per-account JSON (its
// README's example: `username`, `password`, `status` `notBanned`, `level`, `playerData`,
// `playerStats`, lists of Pokémon and items) flattened into one CSV by pandas (`to_csv`,
// index=False): the top level's scalars first, then playerData's and playerStats' (a `level` there
// overwrites the top level's in its place: dict `|`), Python's True/False, NaN as an empty cell
// for an account checked without PogoDroid's data. Fixture written by hand as that code writes it.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture } from './helpers.js';

describe("PAC-Data-Converter's accounts.csv", () => {
  it('every account with its exact password (a comma and a quote, CSV-quoted), level and the checker status', async () => {
    const r = await readDump(fixture('pac-data-converter-accounts.csv'));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [2, 'pac_ash01', 'Pika,chu!1', 30, 'ok'],
      [3, 'pac_misty02', 'W4ter"Flow', 27, 'ok'],
      // Only the checker's own fields (no PogoDroid data): `notBanned` is the verdict, the empty `banned` none.
      [4, 'pac_brock03', 'R0ck!Solid', 12, 'ok'],
    ]);
  });
});
