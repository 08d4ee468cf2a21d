// One rule for a level cell in every reader (odd-level.ts): a plain number that is no trainer level
// (1-50, model.ts MAX_LEVEL; 40 before GO Beyond) refuses its row naming the number, never read
// as that level, dropped as an extra column, or kept in the password. RocketMap's `-ac` file
// (RocketMap/RocketMap `pogom/utils.py`: `provider,username,password`, an old fork's level first;
// sellers' level after the password, rocketmap-columns.ts), Monocle's `accounts.csv` (Noctem/Monocle
// `accounts.example.csv`, a `level` column in `scripts/export_accounts_csv.py`'s banned.csv) and
// a JSON account's `"level"` read it as the plain reader does (odd-level-lines.test.ts). `0` stays
// "no level".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const NOT_LEVEL = fc.integer({ min: 51, max: 9999 }).map(String);
const LEVEL = fc.integer({ min: 1, max: 50 });

async function read(name: string, text: string) {
  return readDump(input(name, text));
}

describe('a level cell that is no trainer level, in the tool readers', () => {
  it('RocketMap: a level column after the password refuses the row with the number, the others keep their levels', async () => {
    await fc.assert(
      fc.asyncProperty(NOT_LEVEL, LEVEL, LEVEL, async (odd, a, b) => {
        const text = `ptc,sandshrew_7q,Sand!Attack4,${a}\nptc,nidoran_f22,Poison#Sting8,${odd}\nptc,clefairy_m1,Moon$Light27,${b}\n`;
        const r = await read('accounts.csv', text);
        expect(r.format).toBe('rocketmap');
        expect(r.accounts.map((x) => [x.username, x.password, x.level])).toEqual([
          ['sandshrew_7q', 'Sand!Attack4', a],
          ['clefairy_m1', 'Moon$Light27', b],
        ]);
        expect(r.rejected).toHaveLength(1);
        expect(r.rejected[0]!.line).toBe(2);
        expect(r.rejected[0]!.reason).toContain(`(${odd}), no trainer level`);
        expect(r.rejected[0]!.reason).not.toContain('Poison#Sting8');
      }),
      { numRuns: 40 },
    );
  });

  it('RocketMap: every row `ptc,user,pass,70` is refused by its line, never read with no level', async () => {
    const text = 'ptc,sandshrew_7q,Sand!Attack4,70\nptc,nidoran_f22,Poison#Sting8,70\n';
    const error = await read('accounts.csv', text).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain("line 1: a number where the list's level goes (70), no trainer level");
    expect(message).toContain('line 2: a number');
    expect(message).not.toContain('Sand!Attack4');
  });

  it('RocketMap: a lone `pass,70` among three-field rows, a level first `70,ptc,...`, a `mail,70` are refused by their line', async () => {
    const text = [
      'ptc,sandshrew_7q,Sand!Attack4',
      'ptc,nidoran_f22,Poison#Sting8,70',
      '70,ptc,clefairy_m1,Moon$Light27',
      'ptc,vulpix_k3,Fire!Tail9,vulpix@x.example,2017',
      '30,ptc,psyduck_d4,Head@che55',
      '',
    ].join('\n');
    const r = await read('accounts.csv', text);
    expect(r.accounts.map((x) => [x.username, x.password, x.level])).toEqual([
      ['sandshrew_7q', 'Sand!Attack4', undefined],
      ['psyduck_d4', 'Head@che55', 30],
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 4]);
    expect(r.rejected[0]!.reason).toContain('no trainer level (70)');
    expect(r.rejected[1]!.reason).toContain('(70), no trainer level');
    expect(r.rejected[2]!.reason).toContain('(2017), no trainer level');
  });

  it('Monocle: a `level` cell that is no trainer level refuses its row, `0` is no level', async () => {
    await fc.assert(
      fc.asyncProperty(NOT_LEVEL, LEVEL, async (odd, a) => {
        const text = `username,password,level\nsandshrew_7q,Sand!Attack4,${a}\nnidoran_f22,Poison#Sting8,${odd}\nclefairy_m1,Moon$Light27,0\n`;
        const r = await read('accounts.csv', text);
        expect(r.format).toBe('monocle');
        expect(r.accounts.map((x) => [x.username, x.level])).toEqual([
          ['sandshrew_7q', a],
          ['clefairy_m1', undefined],
        ]);
        expect(r.rejected.map((x) => x.line)).toEqual([3]);
        expect(r.rejected[0]!.reason).toContain(`(${odd}), no trainer level`);
      }),
      { numRuns: 40 },
    );
  });

  it('JSON: `"level": 70` refuses its account, a level 1-50 is read', async () => {
    const text = JSON.stringify([
      { username: 'sandshrew_7q', password: 'Sand!Attack4', level: 31 },
      { username: 'nidoran_f22', password: 'Poison#Sting8', level: 70 },
    ]);
    const r = await read('accounts.json', text);
    expect(r.accounts.map((x) => [x.username, x.level])).toEqual([['sandshrew_7q', 31]]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reason).toContain('(70), no trainer level');
  });

  // A generator's or shop's JSON writes its level as a number, a string or a list's cell (`"lvl":
  // "30"`, pGo-create-style names: json.ts); every spelling is read by the list readers' one rule.
  it('JSON: a level as a number or text is read as a list cell is; any other number, sign or fraction refuses its account, naming it', async () => {
    const values: [unknown, number | undefined | 'refused'][] = [
      [30, 30], [30.0, 30], ['30', 30], [' 30 ', 30], ['Lv.30', 30], ['(30 lvl)', 30], [null, undefined], ['', undefined], ['0', undefined],
      [0, 0], [70, 'refused'], ['70', 'refused'], [-3, 'refused'], ['-3', 'refused'], [30.5, 'refused'], ['30.5', 'refused'], ['abc', 'refused'], [true, 'refused'],
    ];
    for (const key of ['level', 'lvl']) {
      const text = JSON.stringify(values.map(([v], i) => ({ username: `sandshrew_${i}q`, password: 'Sand!Attack4', [key]: v })), null, 1);
      const r = await read('accounts.json', text);
      const got = new Map(r.accounts.map((a) => [a.username, a.level]));
      const refused = new Set(r.rejected.map((x) => x.line));
      values.forEach(([v, want], i) => {
        const name = `sandshrew_${i}q`;
        if (want === 'refused') expect(got.has(name), `${key}: ${JSON.stringify(v)}`).toBe(false);
        else expect([got.has(name), got.get(name)], `${key}: ${JSON.stringify(v)}`).toEqual([true, want]);
      });
      expect(refused.size).toBe(values.filter(([, w]) => w === 'refused').length);
      for (const x of r.rejected) expect(x.reason).not.toContain('Sand!Attack4');
      expect(r.rejected.some((x) => x.reason.includes('(-3), no trainer level'))).toBe(true);
    }
  });
});
