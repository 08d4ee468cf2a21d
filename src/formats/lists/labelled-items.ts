// A line made of `label:value` items: `user:pikachu1, pass:Pw12345!, lvl:30`, `user:Pac, km:12`,
// `city:Paris | km:12`, `pokemon:Pikachu cp:512`. Split at its first colon as a `user:pass` line,
// the first label became a login and the rest its password (`city` / `Paris, km:12`); split as
// joined stock (joined-items.ts), every label a login. The labels decide instead: a username (or
// e-mail) label and a password label, each once, give exactly that account (and a level label its
// level); labels that name no login and password give no account, refused naming them.
import { isProvider, isTrainerLevel, type Provider } from '../../model.js';
import { roleOf } from './columns.js';
import { LEVEL_WORDS } from './level-words.js';
import { withoutValueMarks } from './line-marks.js';
import { OTHER_SERVICE_CELL } from '../other-services.js';
import { slashLabelled } from './slash-labels.js';

/** A label (a word or two, letters only: no login of stock joined on one line is, nearly) a colon, its value without blanks or delimiters. */
const ITEM = String.raw`(\p{L}[\p{L}_-]{0,23})[ \t]*[:：][ \t]*([^\s,;|]+)`;
/** Items joined by a comma, `;`, a bar, a slash between blanks (`아이디: x / 비밀번호: y`), or blanks, the whole line. */
const LINE = new RegExp(String.raw`^${ITEM}(?:(?:[ \t]*[,;|][ \t]*|[ \t]+\/[ \t]+|[ \t]+)${ITEM})+[,;]?$`, 'u');
const ITEMS = new RegExp(ITEM, 'gu');
const HEAD = /^\p{L}[\p{L}_-]{0,23}[ \t]*[:：]/u;
/**
 * A seller's one-line record opening with a cell that is no item, then a bar: `Cuenta nivel 30 |
 * Usuario: x | Contraseña: y`, `Аккаунт №1 | Логин: x | Пароль: y`. The cell holds no colon; one
 * naming another service (`MySQL | user: root | password: x`) leaves the line to the other rules.
 */
const LEAD_CELL = /^([^:：|]{1,40}?)[ \t]+\|[ \t]+(?=\p{L})/u;
/**
 * A lead cell that speaks of the game's account, as the sellers' do: an account's word in their
 * languages (`Cuenta`, `Аккаунт`, `Account`), the game's (`PTC`, `Pokémon GO`), a level (`nivel 30`,
 * LEAD_LEVEL) or a number alone (`№1`, `#2`, `3.`). Any other (`Steam`, `Netflix Premium`, `Socks5`)
 * is a seller's line of another product's logins: left to the rules that refuse it as a table's row.
 */
const GAME_LEAD = /(?<![\p{L}])(?:accounts?|acc|acct|cuentas?|contas?|comptes?|konto|conto|аккаунт\p{L}*|акк|учётн\p{L}*|учетн\p{L}*|계정|アカウント|账号|帐号|帳號|賬號|tài khoản|hesap|akun|trainer|ptc|pok[eé]mon|pogo)(?![\p{L}])|^(?:[#№]|no\.?|nr\.?)?[ \t]*\d{1,6}\.?$/iu;
const LEAD_LEVEL = new RegExp(String.raw`\b(?:${LEVEL_WORDS})\.?[ \t]*(\d{1,2})\b`, 'i');

export type LabelledItems = { username: string; password: string; level?: number; provider?: Provider } | { reason: string };

/** The account a line of `label:value` items names, or why it names none; undefined when the line is not such items. */
export function labelledItems(s: string): LabelledItems | undefined {
  const items = itemsOf(s) ?? slashLabelled(s);
  if (items !== undefined) return items;
  // `Cuenta nivel 30 | Usuario: x | Contraseña: y`: the items after a lead cell, only where they
  // give an account (a lead cell before notes is a table's row, left to the rules that know one),
  // the cell's stated level kept when the items state none.
  // Cheap first look (a list's `user|pass` lines come here): a bar, then a label's colon after it.
  const bar = s.indexOf('|');
  const lead = bar > 0 && (s.indexOf(':', bar) > 0 || s.indexOf('：', bar) > 0) ? LEAD_CELL.exec(s) : null;
  if (!lead || OTHER_SERVICE_CELL.test(lead[1]!) || !(GAME_LEAD.test(lead[1]!.trim()) || LEAD_LEVEL.test(lead[1]!))) return undefined;
  const rest = itemsOf(s.slice(lead[0].length));
  if (rest === undefined || 'reason' in rest) return undefined;
  if (rest.level !== undefined) return rest;
  const level = Number(LEAD_LEVEL.exec(lead[1]!)?.[1]);
  return isTrainerLevel(level) ? { ...rest, level } : rest;
}

/**
 * A program's one-line record of labelled fields, `, ` between them: interbiznw/PogoPlayer's
 * console (`pogo.js`: `Auth service: ptc, Username: x, Password: y, Location: 37.79,-122.24`, one
 * line per row of its accounts.csv). Its labels are a capitalised word, or two (`Auth service`),
 * each after `, ` and before `: `; a value may hold a comma that no such label follows (the
 * location's). At least three fields, one naming the login and one the password.
 */
const RECORD_LABEL = String.raw`\p{Lu}\p{Ll}+(?: \p{Ll}+)?`;
const RECORD_FIELD = new RegExp(String.raw`^(${RECORD_LABEL}):(?: (.*))?$`, 'u');
const RECORD_SPLIT = new RegExp(String.raw`, (?=${RECORD_LABEL}:(?: |$))`, 'u');
/** What JavaScript prints for a field its row lacks (`${a[2]}` of a short row). */
const MISSING = /^(?:undefined|null|NaN|)$/;

function recordOf(s: string): LabelledItems | undefined {
  const parts = s.split(RECORD_SPLIT);
  if (parts.length < 3) return undefined;
  const fields: { label: string; role: ReturnType<typeof roleOf>; value: string }[] = [];
  for (const part of parts) {
    const m = RECORD_FIELD.exec(part);
    if (!m) return undefined;
    fields.push({ label: m[1]!, role: roleOf(m[1]!), value: m[2] ?? '' });
  }
  const only = (role: string) => {
    const found = fields.filter((f) => f.role === role);
    return found.length === 1 ? found[0]! : undefined;
  };
  const user = only('user') ?? only('email');
  const pass = only('pass');
  if (!user || !pass) return undefined;
  if (fields.some((f) => OTHER_SERVICE_CELL.test(f.label))) return { reason: 'a labelled record naming another service: not a game account' };
  if (MISSING.test(user.value.trim()) || MISSING.test(pass.value)) return { reason: `a labelled record whose \`${user.label}\` or \`${pass.label}\` is missing (empty or \`undefined\`): no account` };
  if (/\s/.test(user.value.trim())) return { reason: `a labelled record whose \`${user.label}\` holds a blank: not a login` };
  const provider = only('provider')?.value.trim().toLowerCase();
  const level = Number(only('level')?.value);
  return {
    username: user.value.trim(),
    password: pass.value,
    ...(isProvider(provider) ? { provider } : {}),
    ...(isTrainerLevel(level) ? { level } : {}),
  };
}

function itemsOf(s: string): LabelledItems | undefined {
  // `Auth service: ptc, Username: x, Password: y`: a record whose labels may be two words (cheap first look: `, ` and a capital's `: `).
  if (s.includes(', ') && /^\p{Lu}/u.test(s) && s.includes(': ')) {
    const record = recordOf(s);
    if (record) return record;
  }
  // Cheap first look (this runs for every line of a list): a label's letters, then a colon (a
  // list's `user1:pass` fails at its digit), and a second colon.
  const head = HEAD.exec(s);
  if (!head || (s.indexOf(':', head[0].length) < 0 && s.indexOf('：', head[0].length) < 0) || !LINE.test(s)) return undefined;
  // `Login: `ash01` | Pass: `Pw1!``: a chat's code marks around a value, no part of it (line-marks.ts).
  const items = [...s.matchAll(ITEMS)].map((m) => ({ label: m[1]!, role: roleOf(m[1]!), value: withoutValueMarks(m[2]!) }));
  const only = (role: string) => {
    const found = items.filter((x) => x.role === role);
    return found.length === 1 ? found[0]!.value : found.length === 0 ? undefined : null;
  };
  const named = only('user');
  const user = named === undefined ? only('email') : named;
  const pass = only('pass');
  // `proxy: 1.2.3.4:8080 | user: px | pass: y`, `ftp: host | login: x | pass: y`: a label naming
  // another service says whose login the line gives: never a game account.
  const other = items.find((x) => OTHER_SERVICE_CELL.test(x.label));
  if (other && typeof user === 'string' && typeof pass === 'string') {
    return { reason: `labelled items with \`${other.label}\` among them: another service's login, not a game account` };
  }
  if (typeof user === 'string' && typeof pass === 'string') {
    const level = Number(only('level'));
    return isTrainerLevel(level) ? { username: user, password: pass, level } : { username: user, password: pass };
  }
  // `ash:Pikachu, misty:Starmie`: no label known and no number alone, as stock of letter-only
  // logins joined on one line may be (joined-items.ts reads it). A known label (`km`, `team`,
  // `user` without `pass`) or a number alone (`speed:12`) is a note's or a statistic's.
  if (!items.some((x) => x.role !== undefined || /^\d+(?:[.,]\d+)?$/.test(x.value))) return undefined;
  const labels = items.map((x) => `\`${x.label}\``).join(', ');
  return { reason: `labelled items (${labels}) with no username and password label among them: no account` };
}
