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
import { gluedSplits, wholePrefixes, wholeSuffixes } from './glued-words.js';

/** Credential words anywhere in the name, as glued as a tool writes them (`ptcToken`, `passwd`). */
const CREDENTIAL_NAME = /token|secret|cookie|session|passw/i;

/**
 * Credential stems long and odd enough to mean one thing wherever they stand in the name's letters
 * (folded: lower case, accents dropped, separators gone, so `api_key`, `ApiKey` and `api-key` are
 * `apikey`): another language's password (German `Kennwort`, Spanish `contraseña`, French
 * `mot_de_passe`, Portuguese `palavra-passe`, Dutch `wachtwoord`), a passphrase or passcode, a
 * key of a service (`hash_key`, PokéNurse's hashing key; `api_key`, `private_key`; any name ending in
 * `key`: PokemonGo-Bot's `gmapkey` and `hashkey`), a credential.
 */
const CREDENTIAL_STEMS = /passphrase|passcode|credential|kennwort|contrasen|contrasinal|motdepasse|palavrapasse|wachtwoord|salasana|apikey|hashkey|hashingkey|privatekey|privkey|secretkey|authkey|accesskey|signingkey|refreshtoken|authcode|bearer|jwt|keys?$/;

/**
 * Takeover and personal stems of two words or more, odd enough to mean one thing wherever they stand
 * in the folded letters, whatever is glued around them (`xrecoverycodes2`, `mytwofactorbackup`,
 * `sellerphonenumberold`, `2fauser`): no scanner's word holds them.
 */
const TAKEOVER_STEMS =
  /2fa|twofa|pincode|pinnumber|recoverycode|recoverykey|recoveryemail|recoverymail|recoveryphone|backupcode|backupkey|securityanswer|securityquestion|securitycode|secretanswer|secretquestion|verificationcode|twofactor|twostep|phonenumber|mobilenumber|cellphone|telephone|telefonnummer|handynummer|birthdate|birthday|dateofbirth|geburtsdatum|fechanacimiento|datanascimento|creditcard|cardnumber|sicherheitsfrage|yanzhengma|shenfenzheng/;

/**
 * The same in scripts a folded name has no letters of: Chinese 密码/密碼 (password), 口令, 令牌
 * (token), 密钥 (key), 验证码 (verification code), 手机/电话 (phone), 身份证 (identity card), 生日
 * (birthday); Russian пароль, токен, телефон; Japanese パスワード, トークン; Korean 비밀번호, 토큰.
 */
const OTHER_SCRIPT_WORDS = /密码|密碼|口令|令牌|密钥|密鑰|验证码|驗證碼|手机|手機|电话|電話|身份证|身份證|生日|пароль|токен|телефон|パスワード|トークン|暗証|비밀번호|토큰|전화/i;

/**
 * Credential words of a name (between `_` of nameWords), as tools and sellers abbreviate them or
 * write them in their language: `pwd`, `pw`, `pass` (`pass_hash`, `strPass`), `creds`, a key
 * (`key`, `api_key`), a session id (`sid`; Google's ClientLogin `SID`, `LSID`), a hash's salt, a CSRF token; pinyin `mima` (密码), `lingpai` (令牌),
 * `kouling` (口令), `miyao` (密钥); Portuguese `senha`, Spanish `clave`, French `mdp`, Polish
 * `haslo`, Turkish `sifre`, Italian and Romanian `parola`, Norwegian `passord`, Swedish `losenord`,
 * Danish `adgangskode`, German `Geheimzahl` (a PIN) and `Zugangsdaten` (login data).
 */
const CREDENTIAL_WORDS =
  /_(pwd|pwds|pw|pws|pass|passes|pswd|psw|pword|pwhash|pass_?hash|creds?|credentials?|key|keys|api_?key|private_?key|sid|lsid|salt|csrf|xsrf|mima|lingpai|kouling|miyao|senha|senhas|clave|claves|mdp|haslo|sifre|parola|passord|losenord|losen|adgangskode|geheimzahl|zugangsdaten|zugangscode)_/;

/** Words (between `_` of the name's normalised spelling) naming what takes an account over. */
const TAKEOVER_WORDS =
  /_(pin|pins|pin_?codes?|pin_?numbers?|otp|totp|hotp|mfa|2_?fa|two_?fa|two_?factor|2_?step|two_?step|recovery|recovery_?(codes?|keys?|emails?|mails?|phones?)|backup_?(codes?|keys?)|security_?(answers?|questions?|codes?)|secret_?(answers?|questions?)|answers?|verification_?codes?|respuestas?|respostas?|antwort|sicherheitsfrage|yanzhengma|passport|id_?card)_/;

/** Words naming a person's own data: the seller's or the buyer's, no scanner's. */
const PERSONAL_WORDS =
  /_(phone|phones|phone_?numbers?|telephone|tel|cell_?phone|mobile_?(phone|number)|msisdn|dob|birthday|birth_?date|birth|date_of_birth|ssn|iban|cvv|cvc|card_?numbers?|credit_?card|real_?name|full_?name|first_?name|last_?name|surname|telefon|telefono|telefone|telefonnummer|handynummer|celular|movil|geburtsdatum|geburtstag|nacimiento|fecha_?nacimiento|nascimento|data_?nascimento|cpf|dni|vorname|nachname|apellidos?|sobrenome|shouji|shoujihao|dianhua|shenfenzheng|shengri)_/;

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
    // other languages' (CREDENTIAL_WORDS, TAKEOVER_WORDS, PERSONAL_WORDS)
    'pwd pw pass pswd psw pword creds cred credential credentials key keys api private sid mima lingpai kouling miyao senha clave mdp haslo sifre parola passord losenord adgangskode ' +
    'respuesta resposta antwort yanzhengma passport telefon telefono telefone handynummer celular movil geburtsdatum geburtstag nacimiento fecha nascimento data cpf dni vorname nachname apellido sobrenome shouji dianhua shenfenzheng shengri ' +
    // around them
    'account accounts acc acct user username login ptc google gmail pogo pokemon trainer player game niantic ' +
    'old new my main current primary secondary alt saved the your for and or no num nr auth app sms text contact personal owner seller buyer address ' +
    // words that hold a withheld one and mean something else (a scanner's `spins`, `lastspin`; a
    // pinned note): a run they split wholly is judged by them, never read around an unknown piece
    'spin spins spun pinned pinsir'
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
    const letters = folded(name);
    known = CREDENTIAL_STEMS.test(letters) || TAKEOVER_STEMS.test(letters) || OTHER_SCRIPT_WORDS.test(name) || withheldWords(nameWords(name.normalize('NFKD').replace(/\p{M}+/gu, '')));
    // Names repeat on every account of a dump: judged once (bounded: a hostile dump's names are many).
    if (judged.size >= MOST_JUDGED) judged.clear();
    judged.set(name, known);
  }
  return known;
}

const judged = new Map<string, boolean>();
const MOST_JUDGED = 4096;

const isWithheldWords = (words: string) => CREDENTIAL_WORDS.test(words) || TAKEOVER_WORDS.test(words) || PERSONAL_WORDS.test(words);

/** A name's letters folded for CREDENTIAL_STEMS: lower case, accents dropped (`contraseña`), no separators. */
const folded = (name: string) => name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * Known words never read beside an unknown piece: they end or start too many ordinary words
 * (`tel`: `hotel`, `motel`, `intel`; `key`: `keypad`, `monkey`; `pass`: `passed`, `compass`; `sid`:
 * `inside`; `api`: `rapid`; `data`; `cpf`, `dni`: letters of any word), so `lasthotel`,
 * `lastkeypad` or `firstpassed` stay a scanner's words.
 */
const NEVER_BESIDE_UNKNOWN: ReadonlySet<string> = new Set(['tel', 'key', 'keys', 'pass', 'sid', 'api', 'data', 'fecha', 'cpf', 'dni', 'cred']);
const isNeverBeside = (word: string) => NEVER_BESIDE_UNKNOWN.has(word);

/** Longest piece of a glued run read as an unknown word between known ones (`x` in `trainerxpin`, `bob` in `trainerbobpin`). */
const LONGEST_UNKNOWN = 3;
/** Most splits withheldAroundUnknown tries in one run (a real name has a handful). */
const MOST_TRIES = 256;

/**
 * Whether a glued run that does not split wholly into GLUED_WORDS (`trainerxpin`) is known words
 * around one short unknown piece, naming what is withheld: at least two known words (one withheld,
 * one beside it: `trainer` + `pin`), so a lone withheld word glued to a stranger's letters stays
 * one word (`tailspin`, `pinap`, `hotel`, `pinned`: one known word at most), as does a long
 * stranger (`totalspins`: `total` is more than a short piece). `tel` is never read beside a
 * stranger: it ends too many words (`hotel`, `motel`, `hostel`, `intel`: `lasthotel` is no phone).
 */
function withheldAroundUnknown(parts: readonly string[], i: number): boolean {
  const run = parts[i]!;
  // Where a prefix and a suffix split wholly, found in one pass each: only the few places an
  // unknown piece fits between two such are split, and the splits tried are bounded (a hostile
  // 64-letter name of known words around a stranger costs well under a millisecond).
  const prefixes = wholePrefixes(run, GLUED_WORDS, LONGEST_GLUED);
  const suffixes = wholeSuffixes(run, GLUED_WORDS, LONGEST_GLUED);
  const splitsOf = (text: string) => (text === '' ? [[]] : gluedSplits(text, GLUED_WORDS, LONGEST_GLUED));
  let tries = MOST_TRIES;
  for (let from = 0; from < run.length; from++) {
    if (!prefixes[from]) continue;
    for (let to = from + 1; to <= Math.min(run.length, from + LONGEST_UNKNOWN); to++) {
      if (!suffixes[to]) continue;
      const before = splitsOf(run.slice(0, from));
      for (const after of splitsOf(run.slice(to))) {
        for (const left of before) {
          if (left.length + after.length < 2 || left.some(isNeverBeside) || after.some(isNeverBeside)) continue;
          if (tries-- === 0) return false;
          // The unknown piece stands as a word of its own: it names nothing (`_x_`).
          const words = [...parts.slice(0, i), ...left, '', ...after, ...parts.slice(i + 1)].join('_');
          if (isWithheldWords(`_${words}_`.replace(/__+/g, '_'))) return true;
        }
      }
    }
  }
  return false;
}

/**
 * Words that hold a withheld one and mean something else (a scanner's `spins`, `lastspin`, a
 * pinned note, Pinsir): where a split of a run reads one of them, another split's words over the
 * same letters (`accounts` + `pins` in `accountspins`, an account's spins) are not read as withheld.
 */
const OTHER_MEANING: ReadonlySet<string> = new Set(['spin', 'spins', 'spun', 'pinned', 'pinsir']);

/**
 * A glued run's last word naming what is withheld, after letters of any length the dictionary does
 * not know (`walletpin`, `trainerpokestoppin`, `mybankotp`, `accountsuperrecoverycode`): a word a
 * run of ordinary letters does not end with. Not `spin`/`spins` (`tailspin`, `totalspins`) nor the
 * phones of a device or a sound (`iphone`, `microphone`, `headphone`, `xylophone`).
 */
const WITHHELD_ENDING =
  /(?:(?<!s)pins?|pincodes?|pinnumbers?|otp|totp|2fa|mfa|dob|ssn|cvv|cvc|(?<!^i|micro|mega|head|ear|xylo|saxo|gramo|homo)phones?|phonenumbers?|recovery(?:codes?|keys?|emails?|mails?|phones?)?|backupcodes?|securityanswers?|securityquestions?|secretanswers?|verificationcodes?|twofactor|birthdate|birthday|dateofbirth|creditcard|cardnumbers?|realname|fullname|firstname|lastname|surname|telefon|telefonnummer|geburtsdatum)$/;

/** Whether a split of `run` (parts[i]) names what is withheld; where a split reads a word of OTHER_MEANING, the withheld words of the others over its letters do not count. */
function withheldSplit(parts: readonly string[], i: number, run: string, splits: readonly string[][]): boolean {
  // The letters an OTHER_MEANING word covers in some split.
  const other = new Array<boolean>(run.length).fill(false);
  for (const split of splits) {
    let at = 0;
    for (const word of split) {
      if (OTHER_MEANING.has(word)) other.fill(true, at, at + word.length);
      at += word.length;
    }
  }
  for (const split of splits) {
    if (split.length < 2) continue;
    // A word over letters another split reads as a scanner's (`pins` of `accounts|pins` over `spins`) stands for nothing.
    let at = 0;
    const words = split.map((word) => {
      const overlaps = other.slice(at, at + word.length).some(Boolean) && !OTHER_MEANING.has(word);
      at += word.length;
      return overlaps ? '' : word;
    });
    if (isWithheldWords(`_${[...parts.slice(0, i), ...words, ...parts.slice(i + 1)].join('_')}_`.replace(/__+/g, '_'))) return true;
  }
  return false;
}

/** Whether `_words_` (nameWords) name what is withheld, as they are or with one glued run split (`_accountpin_` as `_account_pin_`). */
function withheldWords(words: string): boolean {
  // Monocle's worker keeps its Google or PTC refresh token as `refresh` (monocle-flags.ts): alone, the
  // word names that token; beside another (`last_refresh`, `refresh_time`) a time.
  if (isWithheldWords(words) || words === '_refresh_') return true;
  const parts = words.slice(1, -1).split('_');
  for (const [i, part] of parts.entries()) {
    // A run longer than any glued name (a hostile 10 KB name) is no name of words.
    if (part.length < 4 || part.length > 64 || !/^[a-z]+$/.test(part)) continue;
    if (WITHHELD_ENDING.test(part)) return true;
    const splits = gluedSplits(part, GLUED_WORDS, LONGEST_GLUED);
    if (withheldSplit(parts, i, part, splits)) return true;
    // A run of known words judged by them alone; one that is not may be known words around a stranger.
    if (splits.length === 0 && withheldAroundUnknown(parts, i)) return true;
  }
  return false;
}
