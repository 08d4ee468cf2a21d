// Lines made of `label:value` items among a list's accounts (`user:Pac, km:12`, `city:Paris | km:12`,
// `user:ash01, pass:Pw, lvl:30`): for random labels that name no login and password (distances,
// places, teams, Pokémon stats, a lone `user` or `pass` beside them), joined by `,` `;` a bar or
// blanks, no account is invented from a label; where the labels are a username's and a password's,
// exactly that account comes out (with the level a `lvl` label states), and every other account
// of the list stays exact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';
import { SERVICES } from '../../src/formats/other-services.js';

const username = fc.stringMatching(/^[a-z]{3,8}_[a-z0-9]{1,4}[0-9]$/);
const password = fc.stringMatching(/^[A-Z][a-z]{2,8}[!#$%&][a-z0-9]{0,4}[0-9]$/);
/** Labels of notes and statistics, and their values: none names an account's login and password together. */
const noteItem = fc.oneof(
  fc.tuple(fc.constantFrom('km', 'cp', 'age', 'qty', 'speed', 'dist', 'xp', 'stardust'), fc.integer({ min: 0, max: 9999 }).map(String)),
  fc.tuple(fc.constantFrom('city', 'team', 'pokemon', 'name', 'country', 'note', 'item', 'region'), fc.constantFrom('Paris', 'Mystic', 'Pikachu', 'Bob', 'DE', 'fresh', 'Potion', 'EU')),
);
const join = fc.constantFrom(', ', ',', '; ', ' | ', ' ');
/** What the list's other lines are: a plain account, or a line of label:value items. */
const line = fc.oneof(
  fc.record({ kind: fc.constant('account' as const), username, password }),
  // `user:Pac, km:12`: a login's label and notes, no password label. Two items at least: one
  // alone (`city:Paris`) is a `login:password` line's shape, which no reader can tell from one.
  fc.record({ kind: fc.constant('notes' as const), items: fc.array(noteItem, { minLength: 2, maxLength: 3 }), lead: fc.constantFrom('user', 'login', 'pass', ''), value: fc.constantFrom('Pac', 'Ash', 'Misty'), join }),
  // `user:ash01, pass:Pw, lvl:30`, notes maybe after it.
  fc.record({ kind: fc.constant('labelled' as const), username, password, level: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), items: fc.array(noteItem, { maxLength: 2 }), join }),
);

describe('label:value item lines among accounts (property)', () => {
  it('no account from a line whose labels name no login and password; each labelled account exact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 8 }), async (lines) => {
        const expected: [number, string, string, number | null][] = [];
        const text = lines.map((l, i) => {
          if (l.kind === 'account') {
            expected.push([i + 1, l.username, l.password, null]);
            return `${l.username}:${l.password}`;
          }
          if (l.kind === 'notes') return [...(l.lead ? [[l.lead, l.value]] : []), ...l.items].map(([k, v]) => `${k}:${v}`).join(l.join);
          expected.push([i + 1, l.username, l.password, l.level ?? null]);
          const items = [['user', l.username], ['pass', l.password], ...(l.level ? [['lvl', String(l.level)]] : []), ...l.items];
          return items.map(([k, v]) => `${k}:${v}`).join(l.join);
        });
        let r;
        try {
          r = await readDump(input('stock.txt', `${text.join('\n')}\n`));
        } catch {
          // Refusing the whole file (unsure which reader) invents nothing either.
          return;
        }
        const got = r.accounts.map((a) => [a.line, a.username, a.password, a.level ?? null]);
        // Every account written comes out exact, and none from a notes line.
        expect(got, text.join('\n')).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('`user:Pac, km:12` and the like: never an account, refused or read past naming the line', async () => {
    for (const l of ['user:Pac, km:12', 'city:Paris, km:12', 'km:12, city:Paris', 'team:Mystic, lvl:30', 'pokemon:Pikachu, cp:512', 'city:Paris | km:12', 'city:Paris km:12', 'Pedido 12 | ciudad: Madrid | km: 12', 'MySQL | user: root | pass: Db$ecret9',
      // Another product's logins after a lead cell (stop 55's review: each was read as a game account).
      'Steam | Login: gaben01 | Password: Valve!123', 'Netflix Premium | Email: aa@bb.com | Password: Netfl1x!', 'Socks5 | Login: pxuser | Password: Xk29fLq', 'HTTP | User: pxuser2 | Pass: Xk29fLr',
      // A label naming the other service among the items (read as accounts before stop 55's review).
      'proxy: 1.2.3.4:8080 | user: pxu | pass: Pq1!x', 'FTP: files.example.org, login: ftpu, pass: Ft!p99']) {
      const r = await readDump(input('stock.txt', `bulba_22:Xy!9876a\n${l}\nsquirt_33:Ab#4567z\n`));
      expect(r.accounts.map((a) => [a.line, a.username, a.password]), l).toEqual([
        [1, 'bulba_22', 'Xy!9876a'],
        [3, 'squirt_33', 'Ab#4567z'],
      ]);
      expect([...r.rejected.map((x) => x.line), ...(r.skipped ?? []).map((x) => x.line)], l).toContain(2);
    }
  });

  // One list of another service's words (other-services.ts), each word in each place it is used:
  // a seller's record's lead cell (labelled-items.ts) and a YAML block's key above a login
  // (email-text's headings, mail/site-logins.ts). Stop 56: `steam:` above a login was imported,
  // and labelled-items.ts kept its own words beside the list. Words that lead real shop stock
  // (`basic`, `manager`, `sender`, `web`) name no service in a cell, nor those words in a heading.
  it('each word of the other services\' list, in a record\'s lead cell and as a YAML block above a login: never a game account where it names a service', async () => {
    for (const { word, heading, cell } of SERVICES) {
      const shown = word[0]!.toUpperCase() + word.slice(1);
      const record = await readDump(input('stock.txt', `bulba_22:Xy!9876a\nPTC nivel 30 ${shown} | Usuario: kanto_q7 | Contraseña: Qw!7erty\n`)).catch(() => undefined);
      const read = (record?.accounts ?? []).some((a) => a.username === 'kanto_q7');
      expect(read, `cell ${word}`).toBe(cell === null);
      if (heading === null) continue;
      // `wp` is a key's word (`wp_user`); its heading is `wp-admin`.
      const key = word === 'wp' ? 'wp-admin' : word;
      const block = await readDump(input('config.yml', `ptc:\n  username: kanto_p1\n  password: Pika1!xy\n${key}:\n  username: kanto_r8\n  password: Rr!8tyui\n`)).catch(() => undefined);
      // Refused whole as unsure, or read with the `ptc:` block's login alone: the block's never.
      expect(block?.accounts.map((a) => a.username) ?? [], `heading ${word}`).not.toContain('kanto_r8');
    }
  });

  it('`user:ash_01, pass:Pw12345!, lvl:30` among plain accounts: that account, its level, no comma in the password', async () => {
    for (const l of ['user:ash_01, pass:Pw12345!, lvl:30', 'login:ash_01; password:Pw12345!; lvl:30', 'user:ash_01 | pass:Pw12345! | lvl:30', 'username:ash_01 password:Pw12345! lvl:30']) {
      const r = await readDump(input('stock.txt', `bulba_22:Xy!9876a\n${l}\n`));
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level ?? null]), l).toEqual([
        [1, 'bulba_22', 'Xy!9876a', null],
        [2, 'ash_01', 'Pw12345!', 30],
      ]);
    }
  });
});
