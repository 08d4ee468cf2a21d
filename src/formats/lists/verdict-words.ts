// The words a checker or a seller writes for what became of an account, in a result line's
// `Status:` field (checker-fields.ts) or in a list's status column (column-roles.ts): `banned`,
// `temp banned`, `shadowbanned`, `warned`, `wrong credentials`, `ok`, and the same in the
// languages sellers wrote in (Spanish, French, German, Italian, Russian, Chinese, Japanese, Korean). They map to our verdicts as a checker's file name does
// (verdict-files.ts): banned → perm_banned, a clean word → ok.
import type { State } from '../../model.js';

const WORDS: [RegExp, State][] = [
  [/^(?:not banned|ok|good|clean|valid|working|active|alive|live|unbanned|bueno|bon|gut|nicht gesperrt)$/, 'ok'],
  // A combo checker's console and hit files (OpenBullet's words, as checkers print them: `[HIT] user:pass`,
  // `user:pass | HIT`, `[FAIL] user:pass`, `user:pass | dead Account`; jrewv/ptc-capturer `capturer.py`):
  // a hit logged in; a fail or a dead account did not, its credentials wrong as they stand.
  [/^(?:hit|hits)$/, 'ok'],
  // A login checker's `[+] SUCCESS: user:pass` (checker-tags.ts withWordTag): it logged in.
  [/^success$/, 'ok'],
  [/^(?:fail|failed|dead account)$/, 'invalid'],
  // Russian, Chinese, Japanese and Korean shops' status columns (`Статус`, `状态`, `ステータス`, `상태`: columns.ts).
  [/^(?:ок|рабоч(?:ий|ие|ая)|валид(?:ный)?|жив(?:ой|ые)|正常|可用|有效|정상)$/, 'ok'],
  [/^temp(?:orar(?:il)?y)? ban(?:ned)?$/, 'temp_banned'],
  [/^(?:perm(?:anent(?:ly)?)? )?banned$|^banead[oa]$|^banni[e]?$|^gesperrt$|^bannat[oa]$/, 'perm_banned'],
  [/^(?:забанен(?:ы|а)?|бан|в бане|заблокирован(?:ы|а)?|封号|封禁|已封|凍結|バン|정지|밴)$/, 'perm_banned'],
  [/^(?:shadow ?banned|blind(?:ed)?)$/, 'blind'],
  [/^(?:warned|flagged)$/, 'warned'],
  [/^(?:wrong (?:credentials|password)|invalid(?: credentials)?|bad (?:login|password)|login failed)$/, 'invalid'],
];

/**
 * A combo checker's console tags that give no verdict (checker-tags.ts): a check begun
 * (`[CHECKING] user:pass`, the first five), or one that ended without telling (`[2FA]`,
 * `[CAPTCHA]`, `[RATE LIMITED]`, `[ERROR]`).
 */
const NO_VERDICT = /^(?:checking|trying|testing|check|try|2fa|captcha|blocked|rate[ -]?limit(?:ed)?|error|retry|retrying|timeout|unknown|custom)$/i;

/** Whether a bracketed tag's word is a checker's tag that gives no verdict (`CHECKING`, `2FA`, `RATE LIMITED`). */
export function isNoVerdictTag(word: string): boolean {
  return word.length <= 20 && NO_VERDICT.test(word.trim());
}

/** The verdict a status word gives; undefined when it is none we know. */
export function statusState(value: string): State | undefined {
  // camelCase words apart, as a Java or JSON checker writes its status (Pogo-Account-Checker's `notBanned`).
  const v = value.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  if (v.length > 30) return undefined;
  return WORDS.find(([re]) => re.test(v))?.[1];
}

/** A checker's flag: `True`/`False` (Python), `true`/`false`, `Yes`/`No`, `1`/`0`, and their translations; undefined for anything else. */
export function flagValue(value: string): boolean | undefined {
  const v = value.trim();
  return /^(?:true|yes|y|1|ja|oui|s[ií])$/i.test(v) ? true : /^(?:false|no|n|0|nein|non|none)$/i.test(v) ? false : undefined;
}
