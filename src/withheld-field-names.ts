// The names of fields no account keeps, whatever their value (a number and a flag too): fields are
// shown by `status`, written to the shards in the clear and pushed to every peer of the pool, so a
// value under such a name is out even when it looks harmless (a numeric token is a password by
// another name; a PIN, a phone number or a backup code is a way to take the account over). Three
// kinds:
//   - a login credential other than the account's password (CREDENTIAL_NAME): a scanner's saved
//     session (versx/NodeController's `ptcToken`, `access_token`, a mailbox's `sid_token`), a
//     secret, a cookie, a session, another password (`db_password`, `passwd`);
//   - what recovers or takes over the account (TAKEOVER_WORDS): a PIN, a one-time or 2FA code,
//     recovery and backup codes, a security question and its answer;
//   - the seller's or buyer's personal data (PERSONAL_WORDS): a phone number, a birth date, a real
//     name, a card or bank number.
// The last two are matched by the name's words, in any case or spelling (`pin`, `PIN`, `pinCode`,
// `Phone Number`, `backup-codes`, `SecurityAnswer`), never inside another word: `spins`,
// `pinap_berries` or `telemetry` are a scanner's counters. Words glued in lower case
// (`accountpin`, `backupcode`, `recoveryemail`) are split against the words of these two lists and
// the few a name puts around them (GLUED_WORDS, glued-words.ts): a run that does not split wholly
// into them (`spins`, `shadowbanned`, `lastmodified`) stays one word.
import { gluedSplits } from './glued-words.js';

/** Credential words anywhere in the name, as glued as a tool writes them (`ptcToken`, `passwd`). */
const CREDENTIAL_NAME = /token|secret|cookie|session|passw/i;

/** Words (between `_` of the name's normalised spelling) naming what takes an account over. */
const TAKEOVER_WORDS =
  /_(pin|pins|pin_?codes?|pin_?numbers?|otp|totp|hotp|mfa|2_?fa|two_?fa|two_?factor|2_?step|two_?step|recovery|recovery_?(codes?|keys?|emails?|mails?|phones?)|backup_?(codes?|keys?)|security_?(answers?|questions?|codes?)|secret_?(answers?|questions?)|answers?|verification_?codes?)_/;

/** Words naming a person's own data: the seller's or the buyer's, no scanner's. */
const PERSONAL_WORDS =
  /_(phone|phones|phone_?numbers?|telephone|tel|cell_?phone|mobile_?(phone|number)|msisdn|dob|birthday|birth_?date|birth|date_of_birth|ssn|iban|cvv|cvc|card_?numbers?|credit_?card|real_?name|full_?name|first_?name|last_?name|surname)_/;

/**
 * The words a glued name is split into (glued-words.ts): every word of TAKEOVER_WORDS and
 * PERSONAL_WORDS, and those a tool or a seller puts around them (`accountpin`, `ptcpin`,
 * `userphone`, `oldpin`, `mypin`, `pinnumber`, `emailaddress`). Only a run made wholly of these is
 * split, so a word missing here leaves a name whole, never reads a scanner's field as withheld.
 */
const GLUED_WORDS: ReadonlySet<string> = new Set(
  (
    // TAKEOVER_WORDS'
    'pin pins code codes number numbers otp totp hotp mfa fa two factor step recovery key keys email emails mail mails phone phones ' +
    'backup security answer answers question questions secret verification ' +
    // PERSONAL_WORDS'
    'telephone tel cell mobile msisdn dob birthday birth date of ssn iban cvv cvc card credit real full first last name surname ' +
    // around them
    'account accounts acc acct user username login ptc google gmail pogo pokemon trainer player game niantic ' +
    'old new my main current primary secondary alt saved the your for and or no num nr auth app sms text contact personal owner seller buyer address'
  ).split(' '),
);
const LONGEST_GLUED = Math.max(...[...GLUED_WORDS].map((w) => w.length));

/** `_pin_code_` for `pinCode`, `PIN-Code`, `pin code`, `PINCode` (`_google_2fa_` for `google2fa`): the name's words, lower-case, between `_`. */
export function nameWords(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([A-Za-z])(\d)/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  return `_${words}_`.replace(/__+/g, '_');
}

/** Whether a field or column named `name` holds a credential, a way to take the account over, or personal data: never kept. */
export function isWithheldName(name: string): boolean {
  if (CREDENTIAL_NAME.test(name)) return true;
  let known = judged.get(name);
  if (known === undefined) {
    known = withheldWords(nameWords(name));
    // Names repeat on every account of a dump: judged once (bounded: a hostile dump's names are many).
    if (judged.size >= MOST_JUDGED) judged.clear();
    judged.set(name, known);
  }
  return known;
}

const judged = new Map<string, boolean>();
const MOST_JUDGED = 4096;

const isWithheldWords = (words: string) => TAKEOVER_WORDS.test(words) || PERSONAL_WORDS.test(words);

/** Whether `_words_` (nameWords) name what is withheld, as they are or with one glued run split (`_accountpin_` as `_account_pin_`). */
function withheldWords(words: string): boolean {
  if (isWithheldWords(words)) return true;
  const parts = words.slice(1, -1).split('_');
  for (const [i, part] of parts.entries()) {
    // A run longer than any glued name (a hostile 10 KB name) is no name of words.
    if (part.length < 4 || part.length > 64 || !/^[a-z]+$/.test(part)) continue;
    for (const split of gluedSplits(part, GLUED_WORDS, LONGEST_GLUED)) {
      if (split.length < 2) continue;
      if (isWithheldWords(`_${[...parts.slice(0, i), ...split, ...parts.slice(i + 1)].join('_')}_`)) return true;
    }
  }
  return false;
}
