// Lists as sellers typed them by hand: a level, a provider or a status word after the password
// with only a blank before it (`user:pass 30`, `user:pass banned`), counters after each account
// (`user;pass (1)`). The blank ends the password in a list whose separator is no blank; each reads
// exact. Each fixture's source is named in test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

describe('lists typed by hand', () => {
  it('a level, provider or status word after a blank (`user:pass 30`, `lvl31`, `L29`, `(lv 30)`, `banned`, `OK`, `30 temp banned`) is the account\'s, never the password\'s', async () => {
    const r = await readDump(fixture('seller-level-blank.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.provider, a.state])).toEqual([
      [3, 'snubbull_t01', 'Gr4nbull!01', 30, undefined, undefined],
      [4, 'teddiursa_t02', 'Urs4ring#02', 31, undefined, undefined],
      [5, 'slugma_t03', 'Magc4rgo$03', 29, undefined, undefined],
      [6, 'swinub_t04', 'Pilo5wine&04', 30, undefined, undefined],
      [7, 'corsola_t05', 'C0ral!Reef05', 32, 'ptc', undefined],
      [8, 'remoraid_t06', 'Octill3ry#06', undefined, undefined, 'perm_banned'],
      [9, 'delibird_t07', 'Pr3sent$07', undefined, undefined, 'ok'],
      [10, 'mantine_t08', 'Sk4rmory&08', 30, undefined, 'temp_banned'],
      [11, 'skarmory_t09', 'Steel!Wing09', 27, undefined, undefined],
      [12, 'houndour_t10', 'Hound00m#10', 31, 'google', undefined],
    ]);
    expect(r.rejected).toEqual([]);
    // The same in a plain list of each separator, and a lone line.
    for (const sep of [':', ';', ',', '|']) {
      const list = await readDump(input('l.txt', `ash_k01${sep}Pika!2017 30\nmisty_w02${sep}Star#mie9 31\n`));
      expect(list.accounts.map((a) => [a.username, a.password, a.level]), sep).toEqual([
        ['ash_k01', 'Pika!2017', 30],
        ['misty_w02', 'Star#mie9', 31],
      ]);
    }
    // A lone line: no other line shows a note after a blank, so `30` may be the password's end (trailing-numbers.test.ts).
    await expect(readDump(input('one.txt', 'ash_k01:Pika!2017 30\n'))).rejects.toThrow(/a number alone after a blank closing the password/);
    expect((await readDump(input('one.txt', 'ash_k01:Pika!2017 lvl 30\n'))).accounts.map((a) => [a.password, a.level])).toEqual([['Pika!2017', 30]]);
    // A login and a level with no password (`<31>` as `(31)`): a statistic, never the password `<31>`.
    await expect(readDump(input('levels.txt', 'mon_ash01 <31>\n'))).rejects.toThrow(/no accounts found/);
  });

  it('a password holding blanks keeps its last word (`user:Blaze Tail 4`); a number that is no level stays where it was written', async () => {
    const r = await readDump(input('l.txt', 'charmander_r5:Blaze Tail 4\nsquirtle_t8:Torrent!9 L30\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['charmander_r5', 'Blaze Tail 4', undefined],
      ['squirtle_t8', 'Torrent!9', 30],
    ]);
    // A bare `30` there: the other line's password holds blanks, so it may be this one's end: refused.
    const bare = await readDump(input('l.txt', 'charmander_r5:Blaze Tail 4\nsquirtle_t8:Torrent!9 30\n'));
    expect(bare.accounts.map((a) => a.username)).toEqual(['charmander_r5']);
    expect(bare.rejected.map((j) => j.line)).toEqual([2]);
    const big = await readDump(input('l.txt', 'ash_k01:Pika 2017\nmisty_w02:Star 9999\n'));
    expect(big.accounts.map((a) => [a.password, a.level])).toEqual([
      ['Pika 2017', undefined],
      ['Star 9999', undefined],
    ]);
  });

  it('counters after the accounts (`(1)`, `(2)`, ... or `1`, `2`, ...) are neither levels nor part of the password', async () => {
    const r = await readExact('seller-counters.txt');
    expect(r.accounts).toEqual([
      [1, 'ledian_c1', 'Bug!Bite61', undefined, undefined],
      [2, 'ariados_c2', 'Sp1der#Web62', undefined, undefined],
      [3, 'crobat_c3', 'Cr0ss$Poison3', undefined, undefined],
      [4, 'chinchou_c4', 'Lant3rn&64', undefined, undefined],
    ]);
    const bare = await readDump(input('l.txt', 'Hi,\nhere they are:\nash_k01:Pika!2017 1\nmisty_w02:Star#mie9 2\nbrock_r3:Onix$77 3\nThanks!\n'));
    expect(bare.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['ash_k01', 'Pika!2017', undefined],
      ['misty_w02', 'Star#mie9', undefined],
      ['brock_r3', 'Onix$77', undefined],
    ]);
    // Levels that do not count up from 1 are levels.
    const levels = await readDump(input('l.txt', 'ash_k01:Pika!2017 (30)\nmisty_w02:Star#mie9 (30)\nbrock_r3:Onix$77 (2)\n'));
    expect(levels.accounts.map((a) => a.level)).toEqual([30, 30, 2]);
  });
});

describe('separators typed by hand', () => {
  it('runs of dashes (`user----pass----mail`, the Chinese shops\' delivery) part the columns; a shorter run inside a password stays', async () => {
    const r = await readExact('seller-dash-runs.txt');
    expect(r.accounts).toEqual([
      [1, 'phanpy_d01', 'Rollout!D01', undefined, undefined],
      [2, 'donphan_d02', 'Tusk--Rush02', undefined, undefined],
      [3, 'stantler_d03', 'Ant1er$Eye3', undefined, undefined],
      [4, 'smeargle_d04', 'Sketch#Tail4', undefined, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a run of four dashes with no e-mail after it is the password\'s own (`Aaa0----A----0_^0`): never a tab inside the password', async () => {
    // (seen in the property test of non-account text: the run became a tab, and the tab stayed in the password.)
    const r = await readDump(input('stock.txt', 'Aaa0----A----0_^0\n2017/1/1\nbob_d05----Pass----05----bob@mail.example----Mail!05\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'Aaa0', 'A----0_^0'],
      [3, 'bob_d05', 'Pass----05'],
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([2]);
  });

  it('`user/pass`: the first slash ends the login; a line whose password holds another slash is refused, not split', async () => {
    const r = await readExact('seller-slash.txt');
    expect(r.accounts).toEqual([
      [1, 'tyrogue_s1', 'Low!Kick01', undefined, undefined],
      [2, 'hitmontop_s2', 'Triple#Spin2', undefined, undefined],
      [4, 'magby_s4', 'Ember&Fire44', undefined, undefined],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([3]);
    // Said as seen: two slashes, unsure which ends the login (not "an API key" it resembles), never the password.
    expect(r.rejected[0]!.reason).toMatch(/^2 `\/` and no other separator: unsure which `\/` ends the login/);
    expect(r.rejected[0]!.reason).not.toMatch(/Thunder|Punch/);
  });

  it('arrows and `=` between blanks or none (`=>`, `->`, `-->`, `>>`, ` = `), in a forum post\'s BBCode `[code]` and `[spoiler]` blocks', async () => {
    const r = await readExact('seller-forum-post.txt');
    expect(r.accounts).toEqual([
      [6, 'miltank_f1', 'Milk!Drink01', 30, undefined],
      [7, 'blissey_f2', 'Soft#Boiled2', 30, undefined],
      [8, 'raikou_f3', 'Thunder->Fang3', 30, undefined],
      [11, 'entei_f4', 'Sacred$Fire4', 30, undefined],
    ]);
    for (const mark of [' => ', ' -> ', ' --> ', ' >> ', ' = ', '=>', '->', '>>', '----']) {
      const list = await readDump(input('l.txt', `ash_k01${mark}Pika!2017\nmisty_w02${mark}Star#mie9\n`));
      expect(list.accounts.map((a) => [a.username, a.password]), mark).toEqual([
        ['ash_k01', 'Pika!2017'],
        ['misty_w02', 'Star#mie9'],
      ]);
    }
    // Settings with ` = ` stay settings.
    await expect(readDump(input('c.txt', "SPEED_LIMIT = 19.5\nGOOGLE_MAPS_KEY = 's3cr3t'\nworkers = 40\n"))).rejects.toThrow(/no accounts found/);
  });

  it('a Markdown table drawn without blanks (`|user|pass|30|`), its rule row part of the header; a password holding `|` kept whole', async () => {
    const r = await readExact('seller-markdown-tight.md');
    expect(r.accounts).toEqual([
      [5, 'larvitar_m1', 'Rock!Slide01', 30, undefined],
      [6, 'pupitar_m2', 'Sand#Storm02', 31, undefined],
      [7, 'tyranitar_m3', 'Crunch|Bite3', 27, undefined],
    ]);
    expect(r.rejected).toEqual([]);
    const rows = await readDump(input('l.txt', '|ash_k01|Pika!2017|\n|misty_w02|Star#mie9|\n'));
    expect(rows.accounts.map((a) => [a.username, a.password])).toEqual([
      ['ash_k01', 'Pika!2017'],
      ['misty_w02', 'Star#mie9'],
    ]);
  });

  it('a whole line in quotes (`"user:pass"`, LibreOffice\'s "quote all text cells"): the quotes are no part of the account', async () => {
    const r = await readExact('seller-quoted-lines.csv');
    expect(r.accounts).toEqual([
      [1, 'lugia_q1', 'Aero!Blast01', undefined, undefined],
      [2, 'hooh_q2', 'Sacred#Fire2', undefined, undefined],
      [3, 'celebi_q3', 'Leaf:Storm3', undefined, undefined],
    ]);
  });
});

describe('what pastes bring along', () => {
  it('a heading per level (`=== Level 30 ===`, `Level 25:`, `[Lvl 20]`, `**30 lvl accounts**`) gives the accounts under it their level; an account\'s own level wins', async () => {
    const r = await readExact('seller-level-headings.txt');
    expect(r.accounts).toEqual([
      [4, 'gligar_h1', 'Wing!Attack01', 30, undefined],
      [5, 'steelix_h2', 'Iron#Tail02', 30, undefined],
      [6, 'snubbull_h3', 'Charm$Face3', 31, undefined],
      [9, 'qwilfish_h4', 'Spikes&Ball4', 25, undefined],
      [10, 'scizor_h5', 'Bullet*Punch5', 25, undefined],
      [13, 'shuckle_h6', 'Wrap!Shell06', 20, undefined],
    ]);
    // In a mail too; the account right under `Level 30:` is not taken for that label's value.
    const mail = await readDump(input('m.txt', 'Hi Bob,\nhere is your mixed order.\n\nLevel 30:\nash_k01:Pika!2017\nmisty_w02:Star#mie9\n\n**25 lvl accounts**\nbrock_r3:Onix$77\n\nThanks!\n'));
    expect(mail.accounts.map((a) => [a.line, a.username, a.level])).toEqual([
      [5, 'ash_k01', 30],
      [6, 'misty_w02', 30],
      [9, 'brock_r3', 25],
    ]);
  });

  it('zero-width spaces and the direction marks of a right-to-left chat are no part of a login or a password', async () => {
    const r = await readExact('seller-invisible-marks.txt');
    expect(r.accounts).toEqual([
      [1, 'sudowoodo_z1', 'Mimic!Tree01', undefined, undefined],
      [2, 'jumpluff_z2', 'Cotton#Spore2', undefined, undefined],
      [3, 'aipom_z3', 'Double$Hit3', undefined, undefined],
    ]);
  });

  it('a forum\'s `[code]` block or a Markdown fence around a stock in a mail is layout, not noise', async () => {
    for (const [open, close] of [['[code]', '[/code]'], ['```', '```'], ['[spoiler=stock]', '[/spoiler]']]) {
      // One account between two tag lines: the tags are no "lines of another kind" that outnumber it.
      const r = await readDump(input('m.txt', `Here you go:\n${open}\nash_k01:Pika!2017\n${close}\nThanks\n`));
      expect(r.accounts.map((a) => [a.line, a.username, a.password]), open).toEqual([[3, 'ash_k01', 'Pika!2017']]);
    }
  });

  it('a chat without accounts is refused as a chat, not as code', async () => {
    await expect(readDump(fixture('skype-chat-no-accounts.txt'))).rejects.toThrow(/no accounts found.*it looks like a chat without accounts \(4 of 4 lines/);
    await expect(readDump(input('wa.txt', '14/11/2017, 19:02 - Bob: hi\n14/11/2017, 19:03 - Shop: sold out, sorry\n'))).rejects.toThrow(/it looks like a chat/);
  });
});

describe('notes after a blank-separated pair', () => {
  it('`user pass - note`, `user pass | note`: the note is read past, a level in it read', async () => {
    const r = await readExact('seller-spaced-notes.txt');
    expect(r.format).toBe('plain');
    expect(r.accounts).toEqual([
      [1, 'wobbuffet_n1', 'Mirror!Coat01', undefined, undefined],
      [2, 'girafarig_n2', 'Psy#Beam02', undefined, undefined],
      [3, 'pineco_n3', 'Self$Destruct3', undefined, undefined],
      [4, 'dunsparce_n4', 'Glare&Bite04', undefined, undefined],
      [5, 'gligar_n5', 'Sand!Attack05', 27, undefined],
    ]);
    expect(r.rejected).toEqual([]);
    // `user - pass` stays a spaced separator, and phrases with a dash stay phrases.
    const spaced = await readDump(input('l.txt', 'ash_k01 - Pika!2017\nmisty_w02 - Star#mie9\n'));
    expect(spaced.accounts.map((a) => [a.username, a.password])).toEqual([
      ['ash_k01', 'Pika!2017'],
      ['misty_w02', 'Star#mie9'],
    ]);
    await expect(readDump(input('p.txt', 'Hello there - how are you\nThanks 2017 - see you\n'))).rejects.toThrow(/no accounts found/);
  });
});

describe('the same lines inside a mail', () => {
  it('`user----pass`, `user/pass`, `user:pass 30`, `user:pass banned` between a greeting and a signature', async () => {
    const r = await readDump(input('m.txt', 'Hi Bob,\nthanks for your order.\nash_k01----Pika!2017\nmisty_w02/Star#mie9\nbrock_r3:Onix$777 lvl30\ngary_o4:Eevee%44 banned\nRegards\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [3, 'ash_k01', 'Pika!2017', undefined, undefined],
      [4, 'misty_w02', 'Star#mie9', undefined, undefined],
      [5, 'brock_r3', 'Onix$777', 30, undefined],
      [6, 'gary_o4', 'Eevee%44', undefined, 'perm_banned'],
    ]);
  });

  it('`user -> #pw` under a config line: the `#` opens the password (line-comments.ts), never a note leaving the arrow as the password', async () => {
    const arrows = input('arrows.txt', 'auth-service: [ptc, google]\nash_k01 -> #0Pika!2017\nmisty_w02 -> #Star9mie\n');
    const r = await readDump(arrows, { format: 'plain' });
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [2, 'ash_k01', '#0Pika!2017'],
      [3, 'misty_w02', '#Star9mie'],
    ]);
  });
});
