// Names joined by `/`: `login/password` over a shop's `user/pass` rows, and a label of two names
// before a whole account (`Login/Password: ash01/Pw`, `User / Pass: a / b`, `Логин/Пароль: a/b`,
// `E-mail/Password: a@mail.example/Pw`). Shop templates of 2017-2018 print an account so when one
// line holds it: each value under the name in the same place. Read when the places fit; when the
// value holds more `/` than the names (a password with a `/` in it, a note after it), which `/`
// ends a field is unsure: refused by name, never guessed (stop 64 L left these refused as settings).
import { roleOf, type Role } from './columns.js';
import { isTrainerLevel } from '../../model.js';
import type { LabelledItems } from './labelled-items.js';

/** How many names `s` holds on `/` (one to four, each `isName`), or 0 where one is empty, not a name, or there are more. */
export function slashNames(s: string, isName: (cell: string) => boolean): number {
  const cells = splitNames(s);
  return cells.length <= 4 && cells.every((c) => c !== '' && isName(c)) ? cells.length : 0;
}

function splitNames(s: string): string[] {
  return s.split(/\s*\/\s*/).map((c) => c.trim());
}

/** Two to four digit-less names on `/`, a colon, the values. The names hold no `:` (a line's own `user:pass` is no label). */
const SLASH_LABEL = /^([^\d:：/]{1,40}(?:\/[^\d:：/]{1,40}){1,3})[ \t]*[:：][ \t]*(\S.*)$/u;

/** The roles a label's value is read for; a name of any other column (`Status`, `Country`) leaves the line to the other rules. */
const READ_ROLES = new Set<Role | undefined>(['user', 'email', 'pass', 'level']);

/**
 * The account of a `Login/Password: ash01/Pw` line, or why it gives none; undefined when the line
 * is not names on `/` before a colon, or the names are not a login's and a password's (each once).
 */
export function slashLabelled(s: string): LabelledItems | undefined {
  // Cheap first look (every line of a list comes here): a `/` before a colon.
  const colon = s.search(/[:：]/);
  if (colon < 3 || s.lastIndexOf('/', colon) < 0) return undefined;
  const m = SLASH_LABEL.exec(s);
  if (!m) return undefined;
  const names = splitNames(m[1]!);
  const roles = names.map((n) => (n === '' ? undefined : roleOf(n)));
  if (!roles.every((r) => r !== undefined && READ_ROLES.has(r))) return undefined;
  const once = (role: Role) => roles.filter((r) => r === role).length;
  if (once('pass') !== 1 || once('user') > 1 || once('email') > 1 || once('level') > 1 || once('user') + once('email') === 0) return undefined;
  const label = m[1]!.trim();
  const value = m[2]!.trimEnd();
  // `User / Pass: ash01 / Pw/x`: names written with blanks around `/`, and the value so too: only
  // those marks divide it (a `/` without blanks is a password's own). Else every `/` divides.
  const spacedParts = value.split(/\s+\/\s+/);
  const spaced = /\s\/\s/.test(label) && spacedParts.length === names.length;
  const parts = (spaced ? spacedParts : value.split('/')).map((p) => p.trim());
  if (parts.length !== names.length) {
    return { reason: `\`${label}\` names ${names.length} fields, its value holds ${parts.length} parts on \`/\`: which \`/\` ends a field (a password may hold one) is unsure, not imported; write the account as \`login:password\`` };
  }
  if (parts.some((p) => p === '')) return { reason: `\`${label}\` with an empty field in its value: no account` };
  const at = (role: Role) => (roles.includes(role) ? parts[roles.indexOf(role)] : undefined);
  const username = at('user') ?? at('email')!;
  if (/\s/.test(username)) return { reason: `\`${label}\` whose login holds a blank: not a login` };
  const password = at('pass')!;
  // `Login/Password: ash01/Pw lvl 30`, `.../Pw (sold)`: a note after the password, or the password's own blank? Unsure.
  if (/\s/.test(password)) return { reason: `\`${label}\` whose password's field holds a blank: a note after the password or the password's own blank, unsure, not imported` };
  const levelText = at('level');
  if (levelText === undefined) return { username, password };
  const level = Number(levelText);
  if (!/^\d{1,2}$/.test(levelText) || !isTrainerLevel(level)) return { reason: `\`${label}\` whose level is no trainer level: unsure what the value holds, not imported` };
  return { username, password, level };
}
