// Lists without a header whose fields are CSV-quoted (`"ptc","user","pass"`, `user,"pa,ss"`), or
// open with the provider in another separator than RocketMap's comma (`ptc:user:pass`): the
// quotes and the provider are the file's, never part of the login or the password.
// Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

async function exact(file: string) {
  const r = await readDump(fixture(file));
  return { accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.provider]), rejected: r.rejected };
}

describe('quoted fields and a provider column first', () => {
  it('QUOTE_ALL (`"ptc","user","pass"`, CRLF): quotes undone, `""` is a quote, the provider read', async () => {
    expect(await exact('accounts-quote-all.csv')).toEqual({
      accounts: [
        [1, 'tauros_bull1', 'Stomp!Horn9', 'ptc'],
        [2, 'lapras_ice2', 'Ice,Beam#2', 'ptc'],
        [3, 'ditto_mim3', 'Trans"form3', 'ptc'],
        [4, 'eevee.evolve.4@gmail.com', 'Quick*Att4ck', 'google'],
      ],
      rejected: [],
    });
  });

  it('QUOTE_MINIMAL (`user,"pa,ss"`): only the quoted fields lose their quotes', async () => {
    expect((await exact('accounts-quote-minimal.csv')).accounts).toEqual([
      [1, 'tauros_bull1', 'Stomp!Horn9', undefined],
      [2, 'lapras_ice2', 'Ice,Beam#2', undefined],
      [3, 'ditto_mim3', 'Trans"form3', undefined],
    ]);
  });

  it('`ptc:user:pass` / `google:mail:pass`: the provider is read, a password holding `:` stays whole', async () => {
    expect(await exact('provider-first-colon.txt')).toEqual({
      accounts: [
        [1, 'tauros_bull1', 'Stomp!Horn9', 'ptc'],
        [2, 'lapras_ice2', 'Ice:Beam#2', 'ptc'],
        [3, 'eevee.evolve.4@gmail.com', 'Quick*Att4ck', 'google'],
        [4, 'snorlax_zz5', 'Rest&Snore5', 'ptc'],
      ],
      rejected: [],
    });
  });

  it('`[ptc] user:pass` / `(Google) mail:pass`: a provider tag in brackets is the provider, not code, and an INI section alone stays one', async () => {
    const r = await readDump(input('list.txt', '[ptc] tauros_bull1:Stomp!Horn9\r\n[PTC] lapras_ice2:Ice:Beam#2\r\n[google] eevee.evolve.4@gmail.com:Quick*Att4ck\r\n(ptc)\tsnorlax_zz5,Rest&Snore5\r\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [1, 'tauros_bull1', 'Stomp!Horn9', 'ptc'],
      [2, 'lapras_ice2', 'Ice:Beam#2', 'ptc'],
      [3, 'eevee.evolve.4@gmail.com', 'Quick*Att4ck', 'google'],
      [4, 'snorlax_zz5', 'Rest&Snore5', 'ptc'],
    ]);
    expect(r.rejected).toEqual([]);
    const ini = await readDump(input('list.txt', '[ptc]\ntauros_bull1:Stomp!Horn9\n'));
    expect(ini.accounts.map((a) => a.username)).toEqual(['tauros_bull1']);
    expect(ini.rejected.map((j) => [j.line, j.kind])).toEqual([[1, 'config']]);
  });

  it('a password that merely holds a quote keeps it, and lines of a JSON or Python list are no accounts', async () => {
    const r = await readDump(input('list.txt', 'tauros_bull1:Pa"ss1\nlapras_ice2:Ice!Beam2\n"ditto_mim3","Trans4orm",\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['tauros_bull1', 'Pa"ss1'], ['lapras_ice2', 'Ice!Beam2']]);
  });

  it('a quoted line among bare ones is split at its quotes, and a quoted field over two lines is refused, never read half', async () => {
    // Python's csv.writer (QUOTE_MINIMAL) quotes only the password holding the separator or a
    // quote: the file's other lines are bare, so the list's separator is `,` or `;`.
    for (const sep of [',', ';']) {
      const r = await readDump(input('list.txt', `ash_x01${sep}"Pw${sep}1""q"\nash_x02${sep}Pika2x\n`));
      expect(r.accounts.map((a) => [a.username, a.password]), sep).toEqual([['ash_x01', `Pw${sep}1"q`], ['ash_x02', 'Pika2x']]);
      expect(r.rejected, sep).toEqual([]);
    }
    // The same lines in a seller's mail (mail-list.ts splits them as a list does).
    const mail = await readDump(input('order.eml', 'From: shop@x.example\nTo: me@x.example\nSubject: Your order\n\nYour accounts:\n\nash_x01,"Pw,1""q"\nash_x02,Pika2x\n'));
    expect(mail.accounts.map((a) => [a.username, a.password])).toEqual([['ash_x01', 'Pw,1"q'], ['ash_x02', 'Pika2x']]);
    // A quoted line break (csv-parse's one record) read line by line gave `ash_x01` the password `"Pw`.
    const broken = await readDump(input('stock.csv', 'Login,Password,Level,Email\nash_x01,"Pw\n1q",30,a@x.example\nash_x02,Pika2x,31,b@x.example\n'));
    expect(broken.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['ash_x02', 'Pika2x', 31]]);
    expect(broken.rejected.map((j) => j.line)).toEqual([2, 3]);
    expect(broken.rejected[0]!.reason).toMatch(/^a quoted field not closed on its line/);
    // Where no CSV writer quotes (a `:` list), a password opening with `"` is the password's own.
    const colon = await readDump(input('list.txt', 'ash_x01:"Pw1x\nash_x02:Pika2x\n'));
    expect(colon.accounts.map((a) => a.password)).toEqual(['"Pw1x', 'Pika2x']);
  });

  it('blanks around quoted fields (`"user" , "pass"`, as a hand-edited CSV has them) are layout, as around bare ones', async () => {
    const r = await readDump(input('list.csv', '"tauros_bull1" , "Pa,ss1"\n "lapras_ice2" , "Ice!Beam2"\n"ditto_mim3", "Trans4orm"\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['tauros_bull1', 'Pa,ss1'], ['lapras_ice2', 'Ice!Beam2'], ['ditto_mim3', 'Trans4orm']]);
  });
  // Stop 54: Python's csv.writer with QUOTE_ALL writes a level column quoted too. A file of one
  // such row was refused ("a tab inside the password"), and a bare row among them kept its `,30`
  // in the password.
  it('a quoted last field is a column of its own: the level, on one row as on many, any separator', async () => {
    const read = async (name: string, text: string) => {
      const r = await readDump(input(name, text));
      return [r.accounts.map((a) => [a.line, a.username, a.password, a.level]), r.rejected.map((j) => j.line)];
    };
    expect(await read('one.csv', '"tauros_bull1","Stomp!Horn9","30"\n')).toEqual([[[1, 'tauros_bull1', 'Stomp!Horn9', 30]], []]);
    expect(await read('two.csv', '"tauros_bull1";"Sto,mp9";"30"\r\n"lapras_ice2";"Ice!Beam2";"0"\r\n')).toEqual([[[1, 'tauros_bull1', 'Sto,mp9', 30], [2, 'lapras_ice2', 'Ice!Beam2', undefined]], []]);
    expect(await read('ptc.csv', '"ptc","tauros_bull1","Stomp!Horn9","31"\n')).toEqual([[[1, 'tauros_bull1', 'Stomp!Horn9', 31]], []]);
    // No trainer level, and a bare row whose `,30` no quote frames: each refused by its line, never glued to the password.
    expect(await read('odd.csv', '"tauros_bull1","Stomp!Horn9","70"\n"lapras_ice2","Ice!Beam2","31"\nditto_mim3,Trans4orm,30\n')).toEqual([[[2, 'lapras_ice2', 'Ice!Beam2', 31]], [1, 3]]);
  });
});
