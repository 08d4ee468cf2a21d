// Marks no login holds. A PTC username is letters, digits and a few joiners (`.`, `_`, `-`), or an
// e-mail address; a Google login is an e-mail address. No address holds RFC 5322's specials
// (`,` `"` `;` `:` `\` `(` `)` `<` `>` `[` `]`) outside a quoted local part, which neither
// Gmail nor PTC accepts; a backtick is in no login either. A name holding one is a line split at
// the wrong place or a CSV field quoted around a separator (`ptc,"ash,02",pw`): a new account so
// named could never log in, so import refuses its line rather than add it. An apostrophe is kept
// for a company's Google address (`o'neil@corp.example`), which RFC 5322 allows and its mail
// server may take; in a PTC username or a Gmail address it is refused too.
import type { Provider } from './model.js';

const NEVER = /[,";:\\()<>[\]`]/;
const APOSTROPHE = /'/;

const named = (mark: string) => (mark === '`' ? 'a backtick' : mark === "'" ? 'an apostrophe' : `\`${mark}\``);

/** Why a new account's username cannot be a login of its provider (a mark no login holds), or undefined. */
export function loginMarkProblem(username: string, provider: Provider): string | undefined {
  const mark = NEVER.exec(username)?.[0] ?? (apostropheRefused(username, provider) ? "'" : undefined);
  if (mark === undefined) return undefined;
  const who = provider === 'ptc' ? 'a PTC username' : 'a Google login';
  return `username holds ${named(mark)}: ${who} never does (a separator or a quote inside the name: the line was split or quoted at the wrong place?)`;
}

function apostropheRefused(username: string, provider: Provider): boolean {
  if (!APOSTROPHE.test(username)) return false;
  const at = username.lastIndexOf('@');
  if (provider === 'ptc' || at < 0) return true;
  const domain = username.slice(at + 1).toLowerCase();
  return domain === 'gmail.com' || domain === 'googlemail.com';
}
