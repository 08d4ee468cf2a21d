// A seller's delivery written by a person, as a bare `.txt` or pasted from a mail: a greeting, an
// order's title, a sentence or two, the accounts in one block or several (each under its own
// heading), a sign-off. The letter's shape follows shop delivery mails as shops' own templates
// write them (extremeframework/extremeframework admin/templates/.email.jvzoo.first-purchase.tpl:
// `Hello NAME,` / `Thanks for your purchase of PRODUCT.` / the access lines / `We hope you enjoy
// the service!` / `Support Team`; tahir-salim/pttr_load_board resources/views/emails/send-user-info.blade.php:
// `Below are your credentials ...`, `Warm regards,`) and the order lines sellers head their stock
// with (`5x Level 30`, stated-level.ts; `Order 4821`, `Invoice #12`). The words around the accounts
// split on ` - `, ` -> ` and `: ` as accounts do (`Account 2 - fresh`, `password -> are regards`).
// Issue 14: nothing that is not an account enters, every account comes out exact.
import fc from 'fast-check';

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const lower = fc.stringMatching(/^[a-z]{3,9}$/);
const digits = fc.stringMatching(/^[0-9]{1,4}$/);
/** Usernames as generators and sellers make them: letters and digits, maybe an underscore; PTC's are 6 to 15 characters. */
const username = fc
  .oneof(
    fc.tuple(lower, digits).map(([a, b]) => a + b),
    fc.tuple(lower, lower, digits).map(([a, b, c]) => `${a}_${b}${c}`),
  )
  .filter((u) => u.length >= 6 && u.length <= 15);
/**
 * Passwords as generators and sellers make them (PTC's rule: 6 to 15 characters, a letter and a
 * digit): a word, digits and maybe a mark (`Pika2017x`, `Star99fish!`), or random letters and digits
 * with a symbol or two, as the creators' `randomPassword()` gives (ptc-acc-gen index.js).
 */
const password = fc.oneof(
  fc.tuple(lower, fc.stringMatching(/^[0-9]{1,4}$/), fc.constantFrom('', '!', '#', '$', '.', '_', 'x')).map(([w, d, m]) => `${cap(w)}${d}${m}`),
  fc.stringMatching(/^[A-Za-z0-9]{6,12}[!#$%&*+?@^_-]{0,2}$/).filter((p) => /[A-Za-z]/.test(p) && /\d/.test(p)),
).filter((p) => p.length >= 6 && p.length <= 15); // `Put8.` was made too, which PTC never accepted
const name = fc.constantFrom('John', 'Mike', 'Anna', 'Sam', 'Kevin', 'Lisa');
const word = fc.constantFrom('the', 'accounts', 'are', 'ready', 'thanks', 'for', 'your', 'order', 'please', 'change', 'password', 'new', 'we', 'will', 'send', 'more', 'soon', 'fresh', 'and', 'hello', 'best', 'regards', 'team', 'login', 'after', 'first', 'all', 'working', 'enjoy');
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));

const greeting = fc.oneof(
  name.map((n) => `Hi ${n},`),
  name.map((n) => `Hello ${n},`),
  fc.constantFrom('Hello!', 'Hi,', 'Hi!', 'Hey,', 'Hello,', 'Dear customer,', 'Good day,'),
);
const signOff = fc.oneof(
  fc.constantFrom(['Thanks'], ['Thanks!'], ['Thank you!'], ['Cheers'], ['Enjoy!'], ['Support Team'], ['We hope you enjoy the service!']),
  // A shop's team under its thanks (wp-premium/memberpress-business app/views/emails/user_product_welcome.php:
  // `Cheers!` / `The {$blog_name} Team`; extremeframework's `We hope you enjoy the service!` / `Support Team`).
  fc.constantFrom(['Cheers!', 'The PokeShop Team'], ['Thanks again!'], ['PokeShop Support'], ['We hope you enjoy the service!', '', 'Support Team'], ['Customer Service']),
  name.map((n) => [`Best regards, ${n}`]),
  name.map((n) => ['Best regards,', n]),
  name.map((n) => ['Warm regards,', n]),
  name.map((n) => [`Thanks, ${n}`]),
);
/** An order's title with a number (`Order 4821`, `Invoice #12`, `Batch 3 - 20 accounts`). */
const title = fc.oneof(
  fc.integer({ min: 100, max: 99999 }).map((n) => `Order ${n}`),
  fc.integer({ min: 1, max: 999 }).map((n) => `Invoice #${n}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 2, max: 50 })).map(([b, n]) => `Batch ${b} - ${n} accounts`),
  fc.integer({ min: 100, max: 99999 }).map((n) => `Order #${n}`),
);
/** Sentences of a letter, some split by a separator as an account is. */
const prose = fc.oneof(
  words(3, 10).map((w) => `${cap(w)}.`),
  fc.constantFrom('Thanks for your purchase!', 'Here are your accounts:', 'Below are your credentials:', 'Please change the password after the first login.'),
  fc.tuple(fc.integer({ min: 1, max: 9 }), words(1, 2)).map(([n, w]) => `Account ${n} - ${w}`),
  fc.tuple(words(1, 3), fc.constantFrom(' - ', ' -> ', ': ', ' => '), words(1, 4)).map(([a, s, b]) => `${cap(a)}${s}${b}`),
  fc.tuple(words(1, 2), fc.constantFrom(' - ', ' -> ', ': '), words(2, 5)).map(([a, s, b]) => `${cap(a)}${s}${b}.`),
);

/**
 * A letter's end, as both generators write it: the sentences after the accounts, the sign-off (its
 * lines noted as the letter's own), and which accounts are the first of their login (what the
 * letter holds: the pool keeps one account per login).
 */
function closeLetter(lines: string[], letterLines: number[], after: readonly string[], bye: readonly string[] | null, blocks: readonly (readonly [string, ...unknown[]])[][]): boolean[] {
  if (after.length > 0) lines.push(...after, '');
  for (const l of bye ?? []) {
    letterLines.push(lines.length + 1);
    lines.push(l);
  }
  const seen = new Set<string>();
  return blocks.flat().map(([u]) => !seen.has(u) && Boolean(seen.add(u)));
}

export interface Letter {
  text: string;
  /** The letter's accounts (a login given twice: its first line's). */
  accounts: [string, string][];
  /** The greeting's and the sign-off's lines (1-based). */
  letterLines: number[];
  /** Each account's level, where its block is headed by a counted run (`5x Level 30`). */
  levels: (number | undefined)[];
}

/** A letter: greeting, title, prose, the accounts in blocks, prose, sign-off; any of them may be missing. */
export const letter: fc.Arbitrary<Letter> = fc
  .tuple(
    fc.option(greeting),
    fc.option(title),
    fc.array(prose, { maxLength: 2 }),
    fc.array(fc.array(fc.tuple(username, password), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
    fc.array(prose, { maxLength: 2 }),
    fc.option(signOff),
    fc.constantFrom(':', ';', ','),
    // A header naming the columns above a single block (`Username,Password`, as a shop's CSV export heads it).
    fc.option(fc.constantFrom(['Username', 'Password'], ['Login', 'Pass'], ['login', 'password'], ['Username', 'Password', 'Level'])),
    // Each block headed by its count and level (`5x Level 30`, `3 x lvl 25:`), as an order's lines count the products.
    fc.option(fc.tuple(fc.infiniteStream(fc.integer({ min: 1, max: 40 })), fc.constantFrom('{n}x Level {l}', '{n} x lvl {l}:', '{n}x PTC Level {l}', '{n}x Level {l} accounts'))),
  )
  .map(([hi, head, before, blocks, after, bye, sep, header, counted]) => {
    const levels: (number | undefined)[] = [];
    const lines: string[] = [];
    const letterLines: number[] = [];
    if (hi !== null) {
      letterLines.push(lines.length + 1);
      lines.push(hi, '');
    }
    if (head !== null) lines.push(head, '');
    if (before.length > 0) lines.push(...before, '');
    if (header !== null && blocks.length === 1) {
      lines.push(header.join(sep));
      const level = header.length === 3 ? `${sep}30` : '';
      lines.push(...blocks[0]!.map(([u, p]) => `${u}${sep}${p}${level}`), '');
      for (const _ of blocks[0]!) levels.push(level === '' ? undefined : 30);
    } else {
      // The heading's template first: a stream fast-check cloned may come without it (a run failed so).
      const template = counted?.[1];
      const level = template ? counted![0][Symbol.iterator]() : undefined;
      for (const block of blocks) {
        const l = level?.next().value as number | undefined;
        if (l !== undefined) lines.push(template!.replace('{n}', String(block.length)).replace('{l}', String(l)));
        lines.push(...block.map(([u, p]) => `${u}${sep}${p}`), '');
        for (const _ of block) levels.push(l);
      }
    }
    const first = closeLetter(lines, letterLines, after, bye, blocks);
    const all = blocks.flat();
    const accounts = all.filter((_, i) => first[i]);
    return { text: `${lines.join('\n')}\n`, accounts, letterLines, levels: levels.length > 0 ? levels.filter((_, i) => first[i]) : accounts.map(() => undefined) };
  });

/**
 * How a seller writes one account on its line, beyond `user:pass`: a number in front (`1) `, `1. `,
 * `#1 `, `[1] `, `(1) `), a bullet (`- `, `* `, `• `, `✅ `, `➡️ `), the separator (a letter may mix
 * `:` `;` `,` and ` | ` line by line, as stock pasted from several sources does), columns padded
 * with blanks (`ash01      Pika2017`), and a note after the account (`user:pass - lvl 30 - no ban`).
 * Shapes as Discord shop bots and forum posts print stock (line-marks.ts: Markdown's and Discord's
 * bullets and numbering; line-counters.ts: forum numbering; sell.app/docs/digital-items' "Space"
 * delimiter, account-line.ts isSpacedAccount); the label blocks in Russian and Spanish as
 * foreign-labels.ts writes them. Passwords follow PTC's 6-15 characters, as `password` above.
 */
export interface AccountStyle {
  kind: 'list' | 'spaces' | 'labels';
  seps: readonly string[];
  /** A number (`{k}` its place) or a bullet in front. */
  lead?: string;
  note?: string;
  /** The label pair of a `labels` letter: `Login:` / `Password:`, `Логин:` / `Пароль:`, `Usuario:` / `Contraseña:`. */
  labels?: [string, string];
}

const style: fc.Arbitrary<AccountStyle> = fc.oneof(
  fc.record({
    kind: fc.constant('list' as const),
    seps: fc.subarray([':', ';', ',', ' | ', ' : '], { minLength: 1, maxLength: 3 }),
    // A number or a bullet in front, seldom both.
    ...{ lead: fc.constantFrom('', '{k}) ', '{k}. ', '#{k} ', '[{k}] ', '({k}) ', '- ', '* ', '• ', '✅ ', '➡️ ') },
    note: fc.constantFrom('', ' - lvl {L} - no ban', ' - level {L}', ' | Level {L}', ' (lvl {L})', ' - no ban', ' - fresh', ' - never used'),
  }),
  fc.record({
    kind: fc.constant('spaces' as const),
    seps: fc.constant([' ']),
    lead: fc.constantFrom('', '{k}) ', '#{k} '),
  }),
  fc.record({
    kind: fc.constant('labels' as const),
    seps: fc.constant([': ']),
    labels: fc.constantFrom<[string, string]>(['Login', 'Password'], ['Логин', 'Пароль'], ['Usuario', 'Contraseña'], ['Login', 'Pass']),
  }),
);

/** A letter as `letter` frames it, its accounts written in one seller's style (`AccountStyle`). */
export const styledLetter: fc.Arbitrary<Letter & { style: AccountStyle }> = fc
  .tuple(
    fc.option(greeting),
    fc.option(title),
    fc.array(prose, { maxLength: 2 }),
    fc.array(fc.array(fc.tuple(username, password, fc.nat(), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
    fc.array(prose, { maxLength: 2 }),
    fc.option(signOff),
    style,
  )
  .map(([hi, head, before, blocks, after, bye, st]) => {
    const lines: string[] = [];
    const letterLines: number[] = [];
    const levels: (number | undefined)[] = [];
    if (hi !== null) {
      letterLines.push(lines.length + 1);
      lines.push(hi, '');
    }
    if (head !== null) lines.push(head, '');
    if (before.length > 0) lines.push(...before, '');
    const width = Math.max(...blocks.flat().map(([u]) => u.length)) + 2;
    let k = 0;
    for (const block of blocks) {
      for (const [u, p, pick, l] of block) {
        k++;
        if (st.kind === 'labels') {
          lines.push(`${st.labels![0]}: ${u}`, `${st.labels![1]}: ${p}`, '');
          levels.push(undefined);
          continue;
        }
        const lead = (st.lead ?? '').replace('{k}', String(k));
        const sep = st.seps[pick % st.seps.length]!;
        const note = (st.note ?? '').replace('{L}', String(l));
        const pair = st.kind === 'spaces' ? `${u.padEnd(width)}${p}` : `${u}${sep}${p}`;
        lines.push(`${lead}${pair}${note}`);
        levels.push(/\d/.test(note) ? l : undefined);
      }
      if (lines.at(-1) !== '') lines.push('');
    }
    const first = closeLetter(lines, letterLines, after, bye, blocks);
    const all = blocks.flat();
    return {
      text: `${lines.join('\n')}\n`,
      accounts: all.filter((_, i) => first[i]).map(([u, p]) => [u, p] as [string, string]),
      letterLines,
      levels: levels.filter((_, i) => first[i]),
      style: st,
    };
  });
