// `city:Paris`, `team:Mystic`, `note:fresh` among a seller's accounts: a label and its value that
// split like `user:pass`. PTC's sign-up form asked for numbers in every password
// (sebastienvercammen/ptc-acc-gen `index.js`, `randomPassword()`'s comment), so in a list whose
// every account has a digit, a word over a digit-less value is refused by its line, never
// imported as an account named `city`; the other accounts are read exact.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';
import fc from 'fast-check';
import { FORCE_PLAIN, LABEL_LINES_REASON, WORD_PAIR_REASON, randomLetters } from '../../src/formats/lists/word-pairs.js';

const STRAY = ['city:Paris', 'team:Mystic', 'note:fresh', 'color:blue', 'Stadt:München', 'ville:Lyon', 'город:Москва', 'region:EU', 'server:Europe'];

describe('a stray `label:value` line among accounts', () => {
  it('is refused by its line wherever it stands; the accounts are read exact', async () => {
    for (const stray of STRAY) {
      for (const at of [0, 1, 2]) {
        const lines = ['sandshrew_7q:Sand!Attack4', 'nidoran_f22:Poison#Sting8'];
        lines.splice(at, 0, stray);
        const r = await readDump(input('stock.txt', lines.join('\n') + '\n'));
        const what = `${stray} at ${at}`;
        expect(r.accounts.map((a) => [a.username, a.password]), what).toEqual([['sandshrew_7q', 'Sand!Attack4'], ['nidoran_f22', 'Poison#Sting8']]);
        expect(r.rejected.map((x) => x.line), what).toEqual([at + 1]);
        expect(r.rejected[0]!.reason, what).toMatch(/label|config|prose|statistic/);
      }
    }
  });

  it('a long list taken in one scan refuses it too', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `trainer_${i}:Pika!${i}x`);
    lines.splice(200, 0, 'city:Paris');
    const r = await readDump(input('stock.txt', lines.join('\n') + '\n'), { columnsFrom: 100 });
    expect(r.accounts.length + (r.columns?.length ?? 0)).toBe(400);
    expect(r.rejected.map((x) => x.line)).toEqual([201]);
  });

  it('`label:value` lines that are most of a list are refused by their line, a digit on one line (`level:30`, an account) changes nothing', async () => {
    const labels = await readDump(input('profile.txt', 'city:Paris\nteam:Mystic\nlevel:30\n')).catch((e: Error) => e);
    expect(labels).toBeInstanceOf(Error);
    expect((labels as Error).message).toMatch(/it looks like `label:value` lines \(2 of them/);
    const hand = await readDump(input('stock.txt', 'brock:Onix\nmisty:Starmie\nash_k1:Pika!1\n'));
    expect(hand.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika!1']]);
    expect(hand.rejected.map((x) => [x.line, x.reason])).toEqual([[1, LABEL_LINES_REASON + FORCE_PLAIN], [2, LABEL_LINES_REASON + FORCE_PLAIN]]);
  });

  it('--format plain means what it says for every such file: the operator\'s lines are read as accounts, with a digit elsewhere in the file or not', async () => {
    for (const text of ['brock:Onix\nmisty:Starmie\nash_k1:Pika!1\n', 'city:Paris\nsandshrew_7q:Sand!Attack4\nnidoran_f22:Poison#Sting8\n', 'brock:Onix\nmisty:Starmie\n']) {
      const forced = await readDump(input('stock.txt', text), { format: 'plain' });
      const lines = text.trim().split('\n').map((l) => l.split(':'));
      expect(forced.accounts.map((a) => [a.username, a.password]), text).toEqual(lines);
      expect(forced.rejected, text).toEqual([]);
    }
    // Still no line that does not split, or whose password's end is unsure, is read for the operator.
    const unsure = await readDump(input('stock.txt', 'brock:Onix\nsandshrew_7q:Sand!Attack4(30)\n'), { format: 'plain' });
    expect(unsure.accounts.map((a) => a.username)).toEqual(['brock']);
    expect(unsure.rejected.map((x) => x.line)).toEqual([2]);
  });

  it('the class: most lines labels, each refused by its line; a list of digit passwords with one odd line keeps every account', async () => {
    const word = fc.stringMatching(/^[a-z]{2,8}$/);
    const label = fc.oneof(fc.tuple(word, fc.stringMatching(/^[A-Z][a-z]{2,8}$/)), fc.tuple(word, fc.integer({ min: 1, max: 9999 }).map(String)));
    const account = fc.tuple(fc.stringMatching(/^[a-z]{3,8}_[0-9]{1,3}$/), fc.stringMatching(/^[A-Z][a-z]{3,6}[!#$][0-9]{1,3}$/));
    await fc.assert(
      fc.asyncProperty(fc.array(label, { minLength: 2, maxLength: 6 }), fc.array(account, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 12 }), async (ls, as, seed) => {
        // Labels the majority, the accounts mixed in among them.
        const mostLabels = ls.slice(0, Math.max(ls.length, as.length + 1));
        const rows = [...mostLabels.map((p) => ({ p, label: true })), ...as.slice(0, mostLabels.length - 1).map((p) => ({ p, label: false }))];
        rows.sort((x, y) => ((x.p[0].length * 7 + seed) % 5) - ((y.p[0].length * 7 + seed) % 5));
        if (!rows.some((r) => !r.label)) rows.push({ p: as[0]!, label: false });
        if (rows.filter((r) => r.label).length * 2 <= rows.length) return;
        const text = rows.map((r) => r.p.join(':')).join('\n') + '\n';
        const r = await readDump(input('stock.txt', text)).catch((e: Error) => e);
        // Refused whole (a file of statistics, say) or the accounts alone: never a label read as one.
        if (!(r instanceof Error)) expect(r.accounts.map((a) => a.username), text).toEqual(rows.filter((x) => !x.label).map((x) => x.p[0]));
        // A real list, one odd line among its accounts: every account read.
        const real = [...as, ls[0]!].map((p) => p.join(':')).join('\n') + '\n';
        const kept = await readDump(input('stock.txt', real));
        for (const [u, p] of as) expect(kept.accounts.map((a) => [a.username, a.password]), real).toContainEqual([u, p]);
      }),
      { numRuns: 60 },
    );
  });

  it('a file of nothing but `label:value` lines, no digit anywhere, is refused whole, saying what it looks like', async () => {
    for (const text of ['city:Paris\n', 'city:Paris\nteam:Mystic\n', 'city:Paris\r\nteam:Mystic\r\nnote:fresh\r\n', 'brock:Onix\nmisty:Starmie\n', '\ufeffStadt:München\nгород:Москва\n']) {
      const r = readDump(input('profile.txt', text));
      await expect(r, JSON.stringify(text)).rejects.toThrow(/no accounts found.*it looks like `label:value` lines \(\d of them.*no digit in the file.*PTC's sign-up form.*--format plain/);
    }
    // The operator's word: forced, the lines are read as written.
    const forced = await readDump(input('profile.txt', 'brock:Onix\nmisty:Starmie\n'), { format: 'plain' });
    expect(forced.accounts.map((a) => [a.username, a.password])).toEqual([['brock', 'Onix'], ['misty', 'Starmie']]);
    // A digit in the file (a line refused for its charset, a value with a mark) is no profile of words.
    const marked = await readDump(input('stock.txt', 'zed:pw-z\nalpha:pw-a\n'));
    expect(marked.accounts.map((a) => a.username)).toEqual(['zed', 'alpha']);
  });

  it('in a mail the same: `misty:thanks!` among its `user:pass` lines is refused by its line, as the list reader refuses it', async () => {
    const stock = ['sandshrew_7q:Sand!Attack4', 'misty:thanks!', 'nidoran_f22:Poison#Sting8'];
    const mail = ['Hello,', 'here are your accounts:', '', ...stock, '', 'Best regards', 'Shop'].join('\n') + '\n';
    for (const [name, text, at] of [['mail.eml', `From: shop@mail.example\nTo: buyer@mail.example\nSubject: Your order\n\n${mail}`, 9], ['stock.txt', stock.join('\n') + '\n', 2]] as const) {
      const r = await readDump(input(name, text));
      expect(r.accounts.map((a) => [a.username, a.password]), name).toEqual([['sandshrew_7q', 'Sand!Attack4'], ['nidoran_f22', 'Poison#Sting8']]);
      expect(r.rejected.map((x) => [x.line, x.reason]), name).toEqual([[at, name === 'stock.txt' ? WORD_PAIR_REASON + FORCE_PLAIN : WORD_PAIR_REASON]]);
    }
  });

  it("in a mail, its labelled accounts count with its list lines: a lone `misty:thanks!` under them is refused", async () => {
    const text = 'Hello,\n\nLogin: sandshrew_7q\nPassword: Sand!Attack4\n\nLogin: nidoran_f22\nPassword: Poison#Sting8\n\nmisty:thanks!\n\nBest regards\n';
    const r = await readDump(input('mail.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['sandshrew_7q', 'Sand!Attack4'], ['nidoran_f22', 'Poison#Sting8']]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[9, WORD_PAIR_REASON]]);
  });
});

describe('a generator\'s random letters, no digit in the file', () => {
  // A Ruby PTC creator (code corpus file 8905691776, `create_account`) draws username and password
  // each as 12 letters from a-z and A-Z and appends `username:password` to accounts.txt: no digit
  // anywhere, yet no `label:value` line either, since no label or profile value has such case.
  it('reads its accounts.txt exact', async () => {
    const r = await readDump(fixture('ruby-ptc-creator-accounts.txt'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual(fixture('ruby-ptc-creator-accounts.txt').text.trim().split('\n').map((l) => l.split(':')));
    expect(r.rejected).toEqual([]);
  });

  it('the class: any run of such pairs is read whole; labels and words of any case are still refused', async () => {
    const letters = fc.stringMatching(/^[a-zA-Z]{12}$/);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(letters, letters), { minLength: 1, maxLength: 8 }), async (pairs) => {
        const text = pairs.map((p) => p.join(':')).join('\n') + '\n';
        const random = pairs.filter(([u, p]) => randomLetters(u) && randomLetters(p)).length;
        const r = await readDump(input('accounts.txt', text)).catch((e: Error) => e);
        // Most pairs random on both sides: every line an account; else the file may be a profile's, refused whole.
        if (random * 2 > pairs.length) expect(r instanceof Error ? r.message : r.accounts.length, text).toBe(pairs.length);
        else expect(r, text).toBeInstanceOf(Error);
      }),
      { numRuns: 60 },
    );
    for (const text of ['city:Paris\nteam:Mystic\n', 'City:Paris\nTEAM:MYSTIC\nname:McDonald\ndevice:iPhone\n', 'firstName:LeBron\nlastName:James\n']) {
      await expect(readDump(input('profile.txt', text)), text).rejects.toThrow(/label:value/);
    }
  });
});
