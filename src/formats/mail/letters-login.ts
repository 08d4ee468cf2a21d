// The login a correction for an undelivered account seems to name when it is letters alone
// (`New password for ashketchum: X`). offered-logins.ts never offers such a word to the pool (no
// word of prose holds a digit or `_`, but every one is letters), so the line is only refused; the
// reason should still say which word the sentence gives as its login, so the buyer can correct that
// account by hand. Named only when exactly one word of the sentence can be it: a whole word of 6
// to 16 ASCII letters (PTC's username rule, as KinanCity's generator checks it: 6-16 letters and
// digits) standing where the wordings put a login, outside the password, and no word of the
// correction wordings (correction-phrasings.ts), a password's label (email-labels.ts) or the prose
// around them. Never the password nor a piece of it.
import { WORDINGS } from '../lists/correction-phrasings.js';
import { PASS } from './email-labels.js';
import { PLACE } from '../lists/place-words.js';
import { onFirstUse } from '../on-first-use.js';
import { withoutValues } from './values-blanked.js';

/** Stems of the table's words and the labels of passwords: `richtige[snm]?` gives `richtige`, `cambi[óo]` nothing ASCII enough. Made on first use (on-first-use.ts). */
const STEMS = onFirstUse((): string[] => [
  ...new Set(
    [...WORDINGS.map(([, , w]) => w), PASS.replaceAll('|', ' ')]
      .flatMap((w) => w.replace(/\{P\}/g, ' ').split(/[\s|()?:]+/))
      .map((w) => w.replace(/\[.*$|\\.*$/, '').toLowerCase())
      .filter((w) => /^[a-z]{4,}$/.test(w)),
  ),
]);
/** Prose a seller writes around a correction in a word of 6 letters or more (and the words of an account's place). */
const PROSE = new Set(
  'account,accounts,sorry,please,thanks,thank,mistake,already,before,earlier,another,second,instead,below,above,password,passwords,login,username,cuenta,conta,compte,konto,contraseña,senha,passwort,kennwort,hasło,şifre,mật,khẩu,sandi,pass,mistyped,wrongly,following,attached,message,buyer,seller,order,yesterday,today,customer'.split(','),
);

const LETTERS = String.raw`([A-Za-z]{6,16})`;
/** A word the phrasings put before the login (`for`, `of`, `de`, `für`, `от`, `của`, ...), an article and an account's word maybe between. */
const BEFORE = String.raw`(?:^|[\s(,:])(?:for|of|de|del|da|do|für|fuer|von|vom|от|для|pour|du|para|per|di|dla|için|của|untuk|dari)\s+(?:(?:the|la|el|o|a|das|dem|le|il)\s+)?(?:(?:account|cuenta|conta|konto|compte|аккаунта?|tài\s+khoản|akun)\s+)?[\["'“«(<]?`;
/** After it: `'s`, Chinese 的, Japanese の, Korean 의 (glued or after a blank). */
const AFTER = String.raw`(?:['’]s\b|\s*(?:的|の|의))`;
const PLACES = onFirstUse(() => [new RegExp(BEFORE + LETTERS + String.raw`(?![A-Za-z0-9_@])`, 'giu'), new RegExp(String.raw`(?<![\p{L}\p{N}_.@+-])` + LETTERS + AFTER, 'gu')]);

/**
 * The one word of `sentence` (its `passwords` taken out) that stands where a wording puts the login
 * it corrects (after `for` / `de` / `für` / `от`, before `'s` / 的 / の / 의; or just before the
 * password, `ashketchum: X`, `ashketchum / X`) and may be a letters-only login, lower-cased;
 * undefined when none or several may be. A greeting's name (`Hello Michael, the new password is X`)
 * stands in no such place.
 */
export function lettersLoginOf(sentence: string, passwords: readonly string[]): string | undefined {
  const found: string[] = [];
  for (const p of passwords) {
    if (p === '') continue;
    const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(String.raw`(?<![\p{L}\p{N}_.@+-])` + LETTERS + String.raw`\s*(?:[:：/|]|\s)\s*` + escaped, 'u').exec(sentence);
    if (m) found.push(m[1]!);
  }
  // `de la segunda cuenta`, `vom zweiten Konto`: an account's place, no login (place-words.ts).
  const s = withoutValues(sentence, passwords).replace(PLACE(), ' ');
  for (const re of PLACES()) for (const m of s.matchAll(re)) found.push(m[1]!);
  const candidates = new Set(found.map((w) => w.toLowerCase()).filter((w) => !PROSE.has(w) && !STEMS().some((stem) => w.startsWith(stem))));
  return candidates.size === 1 ? [...candidates][0] : undefined;
}
