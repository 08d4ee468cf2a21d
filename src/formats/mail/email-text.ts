// Seller e-mails as text (pasted, or the body of an .eml): `Username: x` / `Password: y` blocks
// and `user:pass` lists, inside greetings, order numbers, totals, signatures and footers. Prose is
// read past here (and only here): a mail is mostly prose; the lines are listed as skipped, for
// the preview. What looks half like an account (a username with no password after it) is
// rejected with its line, so nothing vanishes unseen. A reply that quotes an earlier delivery
// (`> Password: old`, or below `-----Original Message-----`) and gives a new password for one
// account: the unquoted one wins.
import { isTrainerLevel } from '../../model.js';
import { headLines, isBlankCode, splitLines } from '../decode.js';
import { withoutFrontCounters } from '../lists/line-counters.js';
import { withFrontLevels } from '../lists/front-levels.js';
import { isCountedAccount } from '../lists/plain.js';
import { startsQuotation, unquote } from './email-quotes.js';
import { controlReason, isAddress, isShortSpacedAccount, isSpacedAccount, LIST_LOGIN_WORDS, lineSep, lineProblem, opensWithAccount, opensWithListLogin, OPENS_ACCOUNT, SHORT_SPACED } from '../lists/account-line.js';
import { spacedMiddleNumberReason, spacedOddLevelReason } from '../lists/odd-level.js';
import { BOUNDARY, LABEL_LINE, labelKind, levelValue, isMailChrome, isSoftUserLabel, passwordAndRest, SAME_LINE_PASS, STOPWORDS, type Label } from './email-labels.js';
import { HEADER_MAX_CHARS, HEADER_SPLIT, isHeaderLine, isProse as isSentence, nonAccountKind } from '../lists/line-kinds.js';
import { headerRoles } from '../lists/columns.js';
import { namedHeader } from '../lists/named-columns.js';
import { placeholderPassword } from '../lists/placeholder-passwords.js';
import { accountCellsReason } from './account-cells.js';
import { readEmbedded, type Embedded, type Found } from './mail-list.js';
import { analyseLayout, findHeader } from '../lists/list-layout.js';
import { socialHandleLine } from '../lists/social-handles.js';
import { networkLoginLines, type HandleLine, type LineRole } from '../lists/network-logins.js';
import { levelSuffix } from '../lists/level-suffix.js';
import { statusState } from '../lists/verdict-words.js';
import { LEVEL_WORDS } from '../lists/level-words.js';
import { bareAccountLine, lineNotes } from '../lists/line-notes.js';
import { withoutComment } from '../lists/line-comments.js';
import { isFence, withoutLeadMark, withoutMarks, withoutValueMarks } from '../lists/line-marks.js';
import { isLevelHeading } from '../lists/level-headings.js';
import { isChatSender } from './chat-senders.js';
import { unknownLabelBlocks, unknownLabelsReason } from './unknown-labels.js';
import { withTightSeparator } from '../lists/tight-separator.js';
import { isLabelProse, isLoneLabelProse } from '../lists/label-prose.js';
import { isLetterLine } from '../lists/letter-lines.js';
import { isPasswordSentence, isCorrectionLine, mentionsPassword, sentenceCorrections, type ProseLine } from './reply-corrections.js';
import { withSplitCorrectionsJoined } from './split-corrections.js';
import { isLabelledAccount } from '../lists/password-labels.js';
import { opensWithPlace } from '../lists/place-words.js';
import { signatureLines } from './signature-lines.js';
import { ownCorrections } from './own-corrections.js';
import { verdictSentences } from './verdict-sentences.js';
import { levelSentences } from './level-sentences.js';
import { arrowLine, arrowProse } from './arrow-corrections.js';
import { itemValue } from './item-labels.js';
import { withoutOrderLeads } from './order-leads.js';
import { refuseOtherServiceLogins, siteOfBlock } from './site-logins.js';
import { labelledItems } from '../lists/labelled-items.js';
import { withoutBoxDrawing } from '../lists/box-tables.js';
import { isLikeAccountLines, leadInTail, LEAD_IN_UNSURE } from '../lists/lead-in-account.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection, Skipped } from '../types.js';
import type { State } from '../../model.js';
import { appendAll, maxOf, minOf } from '../long-arrays.js';

export { cellLabel, type Label } from './email-labels.js';

/**
 * A username or address value: one token, maybe followed by the `[mailto:...]` html-to-text adds
 * to links. Undefined for prose (`User: John Smith`, a link); a token the store would refuse as a
 * username (control characters, too long) is a rejected line, not prose: it was meant as a login.
 */
function loginValue(value: string): string | { reason: string } | undefined {
  const m = /^(\S+)(?:\s+\[(?:mailto:|https?:)[^\]]*\])?$/.exec(value);
  if (!m || /^(?:https?:|www\.)/i.test(m[1]!)) return undefined;
  const reason = lineProblem(m[1]!, 'x');
  return reason ? { reason } : m[1]!;
}

/** A `user:pass` line inside a mail: no blank right after the separator, nothing URL-, time- or price-like. */
export function isEmbeddedAccount(s: string): boolean {
  const sep = lineSep(s, false);
  if (!sep || sep === ' ') return false;
  const at = s.indexOf(sep);
  // `user : pass` is padded on both sides; `user: John Smith` or `Note: see below` is no account.
  const padded = isBlankCode(s.charCodeAt(at - 1));
  const user = padded ? s.slice(0, at).trimEnd() : s.slice(0, at);
  const rest = padded ? s.slice(at + 1).trimStart() : s.slice(at + 1);
  if (user === '' || rest === '' || /\s/.test(user) || /^\s/.test(rest) || (padded && /\s/.test(rest))) return false;
  // `Stock | Price`, `Name : Value`: words around a bar or a padded separator are a phrase or a
  // table's cells unless one holds a digit, as with a dash between blanks (spaced-separator.ts).
  if ((padded || sep === '|') && !/\d/.test(s)) return false;
  if (s.includes('://') || /^(?:www\.|mailto:|tel:|sms:)/i.test(s)) return false;
  if (/^\d{1,2}[:.]\d{2}/.test(s) || /^[\d\s:.,;/$€£%+-]+$/.test(s)) return false;
  return !STOPWORDS.has(user.toLowerCase());
}

/**
 * A header naming a list's columns, in English (`email:password:recovery email`) or in the
 * seller's language (`Логин:Пароль:Уровень`, whose first cell is also a label: columns.ts).
 */
function namesColumns(s: string): boolean {
  return isHeaderLine(s) || (s.length <= HEADER_MAX_CHARS && headerRoles(s.split(HEADER_SPLIT).filter((c) => c !== '')) !== undefined);
}

/**
 * The label line `s` (line `i` of `lines`, unquoted) opens, if any. `ID:` is a login's label only
 * where a password's label follows, on its line or the next one with content (isSoftUserLabel).
 */
function labelAt(lines: string[], i: number, s: string): RegExpExecArray | null {
  // `✅ Login: ash01 | Pass: Pw1!`: a Telegram bot's emoji before its label (line-marks.ts).
  const m = LABEL_LINE.exec(s) ?? (s.charCodeAt(0) > 127 ? LABEL_LINE.exec(withoutLeadMark(s)) : null);
  if (!m || !isSoftUserLabel(m[1]!)) return m;
  if (SAME_LINE_PASS.test(m[2]!)) return m;
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
    const next = unquote(lines[j]!).s;
    if (next === '') continue;
    const n = LABEL_LINE.exec(next);
    return n && labelKind(n[1]!) === 'pass' ? m : null;
  }
  return null;
}

/** A bracketed word after a blank ending a labelled password that is no level (`Pw (ptc)`, `Pw (99)`, `Pw (2017)`). */
const BRACKET_NOTE = /[ \t][([{（【][^()[\]{}（）【】]*[)\]}）】]$/u;

/**
 * `Password: Pw (99)`: a note in brackets after the password, no level (level-suffix.ts took those):
 * the note or the password's own end, unsure; refused rather than kept inside the password.
 */
function bracketNote(value: string): string | undefined {
  return BRACKET_NOTE.test(value) ? 'a note in brackets after the password, no level: where the password ends is unsure' : undefined;
}

/** `Password: Pw12345! 30`: one word, a blank, then a number a level could be, with no mark, bracket or level word. */
const BARE_NUMBER = /^\S+[ \t]+(\d{1,2})$/u;

/**
 * The number is the account's level as often as the end of its password (a seller's `Pw 30` and an
 * HTML cell's space inside a password look alike): refused rather than kept inside the password.
 */
function bareNumber(value: string): string | undefined {
  const m = BARE_NUMBER.exec(value);
  return m && isTrainerLevel(Number(m[1])) ? 'a number after the password and a blank: its level or the end of the password, unsure (no reader or flag can tell: write the level on a `Level:` line of its own, or the password alone, and import the file again)' : undefined;
}

const STATED_LEVEL = new RegExp(String.raw`\b(?:${LEVEL_WORDS})[ \t]*[:=][ \t]*(\d{1,2})\b`, 'i');
/** A status label and its value, in the languages of a list's status column (columns.ts). */
const STATUS_LINE = /^(?:status|state|estado|statut|stato|zustand|статус|состояние|状态|狀態|ステータス|状態|상태)[ \t]*[:：][ \t]*(\S.{0,29})$/i;
const LONE_LOGIN = /^(?=[^\s:;,]*[A-Za-z])(?=[^\s:;,]*[\d_])[A-Za-z0-9_.-]{3,}[:;,]?$/;

/** A label that numbers an account (`Account 3 -`, `Acc #3:`, `PTC Account 3)`), not one that names its login. */
const NUMBERED = /^(?:#?\d{1,4}[.):]?\s+|[-*•]\s*)?(?:ptc[\s_-]*)?acc(?:ount|\.)?(?:\s+(?:#|no\.?\s*)?\d{1,4}|\s*#\d{1,4})/i;

/**
 * A label's value that is a whole account: a login, a separator (also a mark between blanks, `ash01 /
 * Pika!1`) and a password, perhaps with its level noted after it; after a numbering label, also a
 * login and a password with a blank between (`Account 3: ash03 Pika!3`), as a mail's list line is.
 */
/** `License key: ash01:Pw`: a delivered item's label, then a whole account (item-labels.ts). */
function isItemAccount(s: string): boolean {
  const item = itemValue(s);
  return item !== undefined && isWholeAccount(item, false);
}

function isWholeAccount(value: string, numbered: boolean): boolean {
  const bare = bareAccountLine(withoutComment(value));
  if (isEmbeddedAccount(bare)) return true;
  return numbered && isSpacedAccount(bare);
}

/**
 * The text holds an arrow correction its accounts decide (arrow-corrections.ts): read as a letter,
 * whose reader applies or refuses it, never as a list whose reader makes it an account.
 */
export function holdsArrowCorrection(text: string): boolean {
  if (!/[>\u2192-\u2bff\u{1F449}]/u.test(text)) return false;
  const unquoted = splitLines(text).map((l) => unquote(l).s);
  return [...arrowProse(unquoted, isAccountShaped)].some((i) => !labelsWithArrow(unquoted[i]!));
}

/** `Password -> Pw`: a label whose value follows an arrow, holding none of its own (`Password: Old -> X` does). */
function labelsWithArrow(s: string): boolean {
  const m = LABEL_LINE.exec(s);
  return m !== null && arrowLine(m[2]!) === undefined;
}

/** A line giving an account, or a password's label: what an arrow line beside it may correct (arrow-corrections.ts). */
function isAccountShaped(s: string): boolean {
  const m = LABEL_LINE.exec(s);
  return m ? labelKind(m[1]!) === 'pass' : isEmbeddedAccount(s) || isSpacedAccount(s);
}

function isProse(s: string): boolean {
  return /[A-Za-z]{2,}/.test(s) && /\S\s+\S/.test(s) && !isEmbeddedAccount(s);
}

export function detectEmailText(input: DumpInput): number {
  let user = 0;
  let pass = 0;
  let embedded = 0;
  let prose = 0;
  let reply = false;
  let chat = 0;
  let content = 0;
  // `│ ash01x │ Pika1234 │` between a letter's sentences: a drawn table's row, read as a `|` row (box-tables.ts).
  // `Order #4410 | User: x | Pass: y`: read from the login's label (order-leads.ts).
  const head = withoutOrderLeads(withoutBoxDrawing(input.text, headLines(input.text, 400)));
  for (const [i, raw] of head.entries()) {
    const { s, depth, chat: chatLine } = unquote(raw);
    if (s !== '') content++;
    if (chatLine) chat++;
    if (namesColumns(s)) continue; // `email:password:recovery email` names columns; it is no label
    const m = labelAt(head, i, s);
    const account = m ? labelKind(m[1]!) !== 'level' : isEmbeddedAccount(s) || isItemAccount(s);
    if (m) {
      const kind = labelKind(m[1]!);
      if (kind === 'pass') pass++;
      else if (kind !== 'level') user++;
    } else if (account) embedded++;
    // `eevee_tw9 的正確密碼是：Pw` in a list: a login and its labelled password, no mail's sentence (password-labels.ts).
    // `gmacc2的新密码：X`, `gmacc2的密码已改为X` (no blank after the login): a sentence giving a password, no list's line either.
    else if ((isProse(s) || isPasswordSentence(s) || isCorrectionLine(s)) && !isLabelledAccount(s)) prose++;
    // A reply's own marks: an account quoted with `>` (RFC 3676), or the line a mail client
    // writes above what it quotes (`On ... wrote:`, `-----Original Message-----`).
    if ((account && depth > 0) || (!m && !account && startsQuotation(head, i))) reply = true;
  }
  // A reply pasted as text, quoting a delivery: a mail's own shape, which no list has. Sure
  // enough that a list reader's count of the same lines is not asked (the reply's correction
  // wins over what it quotes, as in an .eml), yet below the readers that saw a file's own header.
  if (reply && user + pass + embedded > 0) return 0.85;
  // A chat copied from Skype or WhatsApp (a time stamp and a sender before each message): as sure.
  if (chat * 2 >= content && user + pass + embedded > 0) return 0.85;
  if (pass > 0 && user > 0) return 0.8;
  // `Felhasználó: x` / `Jelszó: y` blocks in a language no label here knows: a mail's, and refused
  // by its lines (unknown-labels.ts), never a list of accounts named after the labels.
  if (user + pass === 0 && unknownLabelBlocks(head.map((l) => unquote(l).s))) return 0.8;
  // Labels of one kind only (`Username:` lines waiting for passwords) are still a mail's, unless
  // they are a stray `user:...` among a long `user:pass` list.
  if ((user + pass) * 4 >= embedded && user + pass > 0) return 0.55;
  if (embedded > 0 && prose > 0) return 0.45;
  return prose > 0 || pass > 0 ? 0.3 : 0;
}

interface Pending {
  user?: { value: string; line: number };
  mail?: { value: string; line: number };
  /** The block's login was rejected: its password belongs to that rejection, not to a new one. */
  refused?: boolean;
}

/** The accounts read, each with how deeply quoted its line was. */

export function parseEmailText(input: DumpInput): DumpResult {
  // `1 user:pass`, `2 user2:pass2`: a forum's counter in front of the accounts, dropped as a list's is (line-counters.ts).
  // A table drawn with box characters or mysql's `+---+` rules (a one-row table in a letter): its rows as `|` rows, its rules blank (box-tables.ts).
  // Under a header naming a first column before the login (`Nr. | Login | Passwort`), the numbers are that
  // column's cells, as in a list (plain.ts): dropped, every row was one cell short of the header and refused.
  // `Order #4410 | User: x | Pass: y`: the order's number before a labelled account, dropped (order-leads.ts).
  const boxed = withoutOrderLeads(withoutBoxDrawing(input.text, splitLines(input.text)));
  // (Looked for only when numbers were dropped: the same array back when there were none.)
  const counted = withoutFrontCounters(boxed, isCountedAccount);
  let lines = boxed;
  if (counted !== boxed) lines = findHeader(boxed)?.roles?.[0] === 'extra' ? boxed : counted;
  else {
    // `30|ash01|Pw` over `35|ash02|Pw` and no header: a level column in front, as a list's (front-levels.ts).
    const fronted = withFrontLevels(boxed, isCountedAccount);
    if (fronted !== boxed && findHeader(boxed) === undefined) lines = fronted;
  }
  const accounts: Found[] = [];
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  const embedded: Embedded[] = [];
  /** The header line that opened the embedded list, as written: the same line again further down is that header repeated. */
  let listHeader: string | undefined;
  /** Prose lines: a reply's sentence may correct a quoted account (reply-corrections.ts). */
  const prose: ProseLine[] = [];
  const handles: (HandleLine & { depth: number })[] = [];
  let block: Pending = {};
  /** A label whose value is on the next line (`Username:` / `ash_k`). */
  let awaiting: { kind: Label; line: number } | undefined;
  /** The account a block just completed: a `Level:` right after it is its level. */
  let recent: Found | undefined;
  /** A `Level:` before its account's username; levels that no block took. */
  let pendingLevel: number | undefined;
  /** A `Status:` right above its account's login (`Status: Banned` / `Login: x` / `Password: y`). */
  let pendingState: State | undefined;
  const looseLevels = new Set<number>();
  let depth = 0;
  /** An INI section header (`[database]`) came before: `key = value` lines are settings. */
  let iniSection = false;
  /** Quotations begun without `>` marks (email-quotes.ts) above this line. */
  let quoteBase = 0;
  const unquoted = lines.map((l) => unquote(l).s);
  /** Each line's quoting depth, as the loop below reads it (with quotations begun without `>`). */
  const depths = new Uint16Array(lines.length);
  const unknown = unquoted.some((l) => LABEL_LINE.test(l)) ? undefined : unknownLabelBlocks(unquoted);
  /** `gmacc2 -> X`, `Old!Pass22 → X` where the mail delivers gmacc2: corrections, read as sentences (arrow-corrections.ts). */
  const arrowed = arrowProse(unquoted, isAccountShaped, (i) => unquote(lines[i]!).depth > 0);

  /** The signature's lines, found the first time a label stands alone. */
  let signature: Set<number> | undefined;
  const closeBlock = () => {
    // `Account 2 - fresh`, `Login - after` with no password after it: a letter's sentence, read past (label-prose.ts).
    if (block.user && isLoneLabelProse(unquote(lines[block.user.line - 1]!).s, block.user.value)) skipped.push({ line: block.user.line, kind: 'prose' });
    // `user: shopbot` under `-- ` or `Best regards,`: the shop's own contact, no account (signature-lines.ts).
    else if (block.user && (signature ??= signatureLines(lines)).has(block.user.line)) skipped.push({ line: block.user.line, kind: 'signature' });
    else if (block.user) rejected.push({ line: block.user.line, reason: 'username without a password after it' });
    block = {};
    if (pendingLevel !== undefined) looseLevels.add(pendingLevel);
    pendingLevel = undefined;
    recent = undefined;
  };
  const take = (kind: Label, marked: string, line: number) => {
    // `Login: `ash01``, `Password: **Pw1!**`: a chat's formatting around the value, no part of it (line-marks.ts).
    let value = withoutValueMarks(marked);
    if (kind === 'level') {
      const level = levelValue(value);
      if (level === undefined) return;
      if (recent && recent.level === undefined) recent.level = level;
      else pendingLevel = level;
      return;
    }
    if (kind === 'pass') {
      if (block.refused) return void (block = {});
      // `Password: ********`, `Password: (the one you chose at checkout)`: no password given (placeholder-passwords.ts).
      const none = placeholderPassword(value);
      if (none) {
        rejected.push({ line, reason: `no password after the label, only ${none}` });
        return void (block = {});
      }
      // `Password: x Level: 30` / `Password: x | Lvl 30` on one line: the level is the account's;
      // `Password: x Email: y@mail.example` ends the password where the e-mail's label starts.
      const noted = levelSuffix(value, true);
      if (noted) [value, pendingLevel] = [noted.line, noted.level];
      const after = passwordAndRest(value);
      if (after.rest !== '') {
        value = after.password;
        const stated = STATED_LEVEL.exec(after.rest);
        if (stated) pendingLevel ??= levelValue(stated[1]!);
      }
      const login = block.user ?? block.mail;
      // `Password: pw<TAB>note`, an escape byte: never kept inside the password silently (account-line.ts).
      const control = controlReason(value) ?? bracketNote(value) ?? bareNumber(value);
      // `Password -> change it after the first login.` with no login before it: a letter's sentence.
      if (!login && isLoneLabelProse(unquote(lines[line - 1]!).s, value)) skipped.push({ line, kind: 'prose' });
      else if (!login) rejected.push({ line, reason: 'password without a username before it' });
      // `Account 2 - fresh` / `Password -> are regards`: a letter's words, never an account (label-prose.ts).
      else if (isLabelProse(unquote(lines[login.line - 1]!).s, login.value, unquote(lines[line - 1]!).s, value)) {
        skipped.push({ line: login.line, kind: 'prose' });
        if (line !== login.line) skipped.push({ line, kind: 'prose' });
      } else if (control) rejected.push({ line, reason: control });
      else {
        recent = { username: login.value, password: value, line: login.line, depth, ...google(login.value) };
        if (pendingLevel !== undefined) recent.level = pendingLevel;
        if (pendingState) recent.state = pendingState;
        pendingLevel = undefined;
        pendingState = undefined;
        accounts.push(recent);
      }
      block = {};
      return;
    }
    // `Username`, `Password`, `Email`, `Level`: an e-mail right after a finished account, before
    // any new login, is that account's own address, and a `Level:` after it is still its level
    // (shops and HTML tables list the e-mail before the level: html-tables.ts).
    if (kind !== 'mail' || block.user || block.mail) recent = undefined;
    const combined = SAME_LINE_PASS.exec(value);
    const login = loginValue(combined ? withoutValueMarks(combined[1]!) : value);
    if (!login) return void skipped.push({ line, kind: 'prose' }); // `User: John Smith`, `Login: https://...`
    if (typeof login !== 'string') {
      closeBlock();
      rejected.push({ line, reason: login.reason });
      block.refused = true;
      if (combined && combined[2] !== '') block = {};
      return;
    }
    // A new username ends the block before it; an e-mail line only adds to the current one.
    if (kind === 'user') {
      const [level, state] = [pendingLevel, pendingState];
      pendingLevel = undefined;
      closeBlock();
      [pendingLevel, pendingState] = [level, state];
      block.user = { value: login, line };
    } else block.mail = { value: login, line };
    if (combined && combined[2] !== '') take('pass', combined[2]!, line);
  };

  for (let i = 0; i < lines.length; i++) {
    const quoted = unquote(lines[i]!);
    const s = quoted.s;
    if (s === '') {
      recent = undefined;
      // A status stands right above its login, never a blank line away (a shop's own status line).
      pendingState = undefined;
      continue;
    }
    const line = i + 1;
    if (unknown?.lines.has(i)) {
      rejected.push({ line, reason: unknownLabelsReason(unknown.labels, unknown.chat) });
      continue;
    }
    if (startsQuotation(lines, i)) {
      closeBlock();
      quoteBase++;
      skipped.push({ line, kind: 'prose' });
      continue;
    }
    depth = quoted.depth + quoteBase;
    depths[i] = depth;
    // (`Password -> Pw`, `Username => ash01`: the arrow is the label's own, no correction.)
    if (arrowed.has(i) && !awaiting && !labelsWithArrow(s)) {
      skipped.push({ line, kind: 'prose' });
      prose.push({ s, line, depth });
      continue;
    }
    // `Status: banned` in a finished account's block (a shop's status line, an HTML table's status
    // column: html-tables.ts): that account's verdict, as a list's status column gives it. A
    // template may put it first (`Status: Banned` / `Login: x` / `Password: y`): after an account
    // that has its verdict, or with no account just before it, it is the next account's, as a
    // `Level:` before the login is (`take`).
    const status = !awaiting ? STATUS_LINE.exec(s) : null;
    const state = status ? statusState(status[1]!) : undefined;
    if (state) {
      if (recent && recent.state === undefined) recent.state = state;
      else pendingState = state;
      continue;
    }
    // `Username,Team,Note` above its rows, names not all known (named-columns.ts): with a password
    // column it heads the list below; without one its rows are a table, no accounts.
    const named = !awaiting && !/\d/.test(s) ? namedHeader(s, () => blockAfter(lines, i)) : undefined;
    if (embedded.length === 0 && !awaiting && (named?.roles.includes('pass') || (!named && namesColumns(s)))) {
      // Names the columns of the list below it: read with that list (list-layout.ts).
      embedded.push({ s, line, depth });
      listHeader = s.trim();
      continue;
    }
    // `login:password` again over the next level's or order's accounts: the list's header repeated, no label and its value.
    if (!awaiting && listHeader !== undefined && s.trim() === listHeader) {
      skipped.push({ line, kind: 'header' });
      continue;
    }
    if (named && !named.roles.includes('pass')) {
      const rows = blockAfter(lines, i).length;
      skipped.push({ line, kind: 'header' });
      for (let k = 1; k <= rows; k++) skipped.push({ line: line + k, kind: 'table' });
      i += rows;
      continue;
    }
    // `user=admin`, `password=...`: a shell or INI assignment, as config files write them, not a
    // mail's label (a value on the line after its label, `Ponyta=Fire`, is still a value). Under
    // an INI section (`[database]`) `user = monocle` is one too: a database's login.
    if (/^\[[A-Za-z][\w .-]*\]$/.test(s)) iniSection = true;
    if (!awaiting && (/^[A-Za-z_][\w.-]*=[^\s=]/.test(s) || (iniSection && /^[A-Za-z_][\w .-]*=/.test(s)))) {
      skipped.push({ line, kind: 'config' });
      continue;
    }
    // `Level 30:` above that level's accounts is a heading (level-headings.ts), not a label whose value follows.
    if (!awaiting && s.length <= 60 && isLevelHeading(s)) {
      skipped.push({ line, kind: 'prose' });
      continue;
    }
    // `user:ash01,pass:Pw,lvl:30`: a login's and a password's labelled items give that account;
    // `user:Pac, km:12` none (labelled-items.ts). Read as a label, the login's value was taken for a
    // whole `login,password` list line (`ash01` / `pass:Pw`).
    const items = awaiting ? undefined : labelledItems(s);
    if (items) {
      closeBlock();
      if ('reason' in items) rejected.push({ line, reason: items.reason });
      else {
        recent = { username: items.username, password: items.password, line, depth, ...(items.provider ? { provider: items.provider } : google(items.username)) };
        if (items.level !== undefined) recent.level = items.level;
        accounts.push(recent);
      }
      continue;
    }
    const m = labelAt(lines, i, s);
    // `License key: ash01:Pw`, `Serial: ash01:Pw`: a shop's word for a delivered item, then the account (item-labels.ts).
    const item = m || awaiting ? undefined : itemValue(s);
    if (item !== undefined && isWholeAccount(item, false)) {
      closeBlock();
      embedded.push({ s: item, line, depth });
      continue;
    }
    if (awaiting) {
      const { kind, line: at } = awaiting;
      awaiting = undefined;
      // A `Level` label's value is a level: an account on the next line is never taken for one,
      // and a number alone (`30`) is that level, not a numbering line opening the next account.
      if (!m && (kind === 'level' ? levelValue(s) !== undefined : !BOUNDARY.test(s))) {
        take(kind, s, at);
        continue;
      }
    }
    if (m) {
      const kind = labelKind(m[1]!);
      const value = m[2]!;
      // `Account 3:` / `Account: 3` number an account; they do not name one.
      if (/^account/i.test(m[1]!) && kind === 'user' && (value === '' || /^#?\d{1,4}$/.test(value))) closeBlock();
      // `Account #1: ash01:Pika!1`, `Account 1 - ash01 / Pika!1`, `Login: ash01 | Pika!1 (30)`: the
      // whole account after one label (no login holds a separator), read as a list's line.
      else if (kind === 'user' && isWholeAccount(value, NUMBERED.test(s))) {
        closeBlock();
        embedded.push({ s: value, line, depth });
      }
      else if (value === '') awaiting = { kind, line };
      else take(kind, value, line);
    } else if (BOUNDARY.test(s)) closeBlock();
    else {
      // `user----pass`, `user/pass`: a separator typed without blanks, as in a list (tight-separator.ts).
      const item = withTightSeparator(withoutMarks(s.replace(/^(?:[-*•]|\d{1,4}[.)-])\s+/, '')));
      // `2. hesabın şifresi X`: a number beside an account's noun names the account; the sentence keeps it.
      const sentence = /^\d/.test(s) && opensWithPlace(s) ? withoutMarks(s) : item;
      // A proxy, a link, a config or key line in a mail is read past, as prose is; a level noted
      // after an account is the account's, and a note after it (`# sold to bob`) no prose: the
      // line is judged without it, and the list of the mail's accounts decides (mail-list.ts).
      const notes = lineNotes(withoutComment(item));
      const bare = notes.s;
      const chrome = isMailChrome(item);
      // A code fence or a forum's `[code]` tag around a pasted stock is layout, read past as prose is.
      // So is a chat's sender line (`Shop, [14.11.17 19:02]`, chat-senders.ts).
      // `user:pass (Level 31) sold to misty`: an account whose note's end is unsure is no prose;
      // the list of the mail's accounts refuses it, naming its line (mail-list.ts).
      const kind = chrome || isFence(item) || isChatSender(item) ? 'prose' : notes.unsure ? undefined : nonAccountKind(bare);
      // `|ash02|Pika2!x|30` under `#|Login|Password|Level`, a row a cell longer than its header: a
      // table's or a statistic's shape, but its cells an account's: refused by its line (account-cells.ts).
      const unplaced = (kind === 'table' || kind === 'stats') && !chrome ? accountCellsReason(item) : undefined;
      // `|ash02|Pika2!x|30` under `Nr.|Login|Passwort|Level`: the row's number left blank, its cells the header's by position, as a list reads them.
      // `|ash02|Pika2!x|30`, `;ash02;...`, `<TAB>ash02<TAB>...` under `Nr.|Login|Passwort|Level`: the row's
      // number left blank, its cells the header's by position, as a list reads them. (A row opening
      // with its separator only: a tab's is lost to the unquoted line's trim, so the line as written.)
      const written = quoted.depth === 0 && lines[i]!.charCodeAt(0) === 9 ? lines[i]! : item;
      const blankRow = listHeader !== undefined && (unplaced || kind === undefined) && /^[ \t]*[|;,\t]/.test(written) ? blankCounterRow(listHeader, written) : undefined;
      if (blankRow !== undefined) embedded.push({ s: blankRow, line, depth });
      else if (unplaced) rejected.push({ line, reason: unplaced });
      else if (kind) {
        skipped.push({ line, kind });
        if (kind === 'prose') prose.push({ s: sentence, line, depth });
        if (kind === 'handle' || (chrome && socialHandleLine(bare) === 'handle')) handles.push({ i, s: item, depth });
      } else if (isPasswordSentence(bare)) {
        // `tw6acc02 的正確密碼是：X`: a reply's correction, or a sentence about another mail's account,
        // refused or applied as every other wording is (later-corrections.ts, lone-corrections.ts).
        skipped.push({ line, kind: 'prose' });
        prose.push({ s: sentence, line, depth });
      } else if (isCorrectionLine(bare)) {
        // `пароль изменён`, `密码已更改`, `抱歉，其实是Y`: a reply's word that a quoted password is stale
        // or that the correction above it is taken back (reply-corrections.ts), no sentence's shape.
        skipped.push({ line, kind: 'prose' });
        prose.push({ s: sentence, line, depth });
        // `ash01 Pw12345! 2017`: an account and a number no level is, refused by its line (odd-level.ts), never prose.
      } else if (isEmbeddedAccount(bare) || isSpacedAccount(bare) || notes.unsure || spacedOddLevelReason(bare, isSpacedAccount)) embedded.push({ s: item, line, depth });
      // `ash02x Pw2!b`: a login and a short password, never read past as prose (account-line.ts).
      // `ash01x 30 Pw1!a`: a level column between login and password, refused by its line (odd-level.ts).
      // `ash02x Pw2!bcd lvl 30 banned maybe`: an account, then words no note reader knows.
      else if (isShortSpacedAccount(bare) || spacedMiddleNumberReason(bare) || opensWithAccount(bare)) rejected.push({ line, reason: spacedMiddleNumberReason(bare) ?? (isShortSpacedAccount(bare) ? SHORT_SPACED : OPENS_ACCOUNT) });
      // `Hello!`, `Thanks`, `Best regards,` / `Mike`: a letter's greeting and sign-off (letter-lines.ts).
      else if (isSentence(item) || isProse(item) || isLetterLine(item.trim(), previousText(lines, i))) {
        skipped.push({ line, kind: 'prose' });
        prose.push({ s: sentence, line, depth });
      }
      else if (LONE_LOGIN.test(item) && !lineProblem(item.replace(/[:;,]$/, ''), 'x')) rejected.push({ line, reason: 'missing password' });
      // `;ash02;Pika2!x;30`, `|ash02|Pika2!x|30`: a row no shape above took, its cells an account's:
      // refused by its line, never dropped without a word (account-cells.ts).
      else if (accountCellsReason(item)) rejected.push({ line, reason: accountCellsReason(item)! });
    }
  }
  closeBlock();
  if (handles.length > 0) adoptNetworkLogins(lines, handles, embedded, rejected, skipped);
  readLeadIns(unquoted, depths, embedded, prose, rejected, skipped);
  readEmbedded(embedded, accounts, rejected, skipped);
  // `2. аккаунт: новый пароль X`, `Account 2: new password X`: a label's line read past as a
  // letter's words (its value holds blanks) is a sentence too, and may correct a quoted account.
  const said = new Set(prose.map((p) => p.line));
  for (const k of skipped) {
    if (k.kind !== 'prose' || said.has(k.line) || !mentionsPassword(unquoted[k.line - 1]!)) continue;
    prose.push({ s: unquoted[k.line - 1]!, line: k.line, depth: depths[k.line - 1]! });
  }
  prose.sort((a, b) => a.line - b.line);
  // `Sorry, I gave the wrong password for gmacc2.` / `The correct one is X`: one correction (split-corrections.ts).
  const sentences = withSplitCorrectionsJoined(prose, accounts.map((a) => a.username.toLowerCase()));
  const { fixes, unsure, takenBack } = sentenceCorrections(sentences, accounts);
  // A correction a later line took back was read: it is prose, no sentence about no account.
  for (const k of skipped) if (takenBack.includes(k.line)) k.read = true;
  for (const fix of fixes) {
    accounts.push(fix);
    skipped.splice(skipped.findIndex((k) => k.line === fix.line), 1);
  }
  // `new pass: X` over several quoted accounts, `the new password is below`: each account it may
  // correct is refused naming the sentence, none kept stale, and so is the sentence.
  for (const { line, reason, accounts: quoted } of unsure) {
    const i = skipped.findIndex((k) => k.line === line);
    if (i >= 0) skipped.splice(i, 1);
    if (!rejected.some((r) => r.line === line)) rejected.push({ line, reason });
    for (const a of quoted) {
      const at = accounts.indexOf(a);
      if (at >= 0) accounts.splice(at, 1);
      if (!rejected.some((r) => r.line === a.line)) rejected.push({ line: a.line, reason: `its password may be stale: the correction at line ${line} is unsure` });
    }
  }
  // "Sorry, the new password for gmacc2 is X" below the mail's own gmacc2: the same rule as a later message's word (own-corrections.ts).
  // Not a correction taken back, nor one a reader of replies applied: those were read (takenBack, fixes).
  const read = new Set([...takenBack, ...fixes.map((f) => f.line)]);
  const stillProse = new Set(skipped.filter((k) => k.kind === 'prose' && !read.has(k.line)).map((k) => k.line));
  const own = ownCorrections(sentences.filter((p) => stillProse.has(p.line)), accounts.filter((a) => !fixes.includes(a)));
  if (own.used.length > 0) {
    const kept = fixes.filter((f) => accounts.includes(f));
    accounts.length = 0;
    appendAll(appendAll(accounts, own.accounts), kept);
    const used = new Set(own.used);
    for (let k = skipped.length - 1; k >= 0; k--) if (used.has(skipped[k]!.line)) skipped.splice(k, 1);
    for (const r of own.rejected) if (!rejected.some((x) => x.line === r.line)) rejected.push(r);
  }
  // "you are right, elmgrove34 was banned. Here is a replacement:" above the delivery it quotes: that account's verdict (verdict-sentences.ts).
  for (const v of verdictSentences(sentences, accounts)) accounts[v.at]!.state = v.state;
  // "Quick correction: both accounts are level 25, not 30." above the delivery it quotes: their level (level-sentences.ts).
  for (const v of levelSentences(sentences, accounts)) accounts[v.at]!.level = v.level;
  if (looseLevels.size === 1) {
    // One level stated outside any account's block ("Level: 30" above the list) is the mail's.
    const [level] = looseLevels;
    for (const a of accounts) a.level ??= level;
  }
  // `- URL: https://members.shop.example` / `- Username: x` / `- Password: y`: the buyer's login to a shop's site, no game account (site-logins.ts).
  for (let k = accounts.length - 1; k >= 0; k--) {
    const site = accounts[k]!.depth === 0 ? siteOfBlock(lines, accounts[k]!.line) : undefined;
    if (site === undefined) continue;
    rejected.push({ line: accounts[k]!.line, reason: `a login to the web site ${site} (its address beside the \`Username:\` label): the buyer's account on a shop's or a site's pages, not a game account` });
    accounts.splice(k, 1);
  }
  // `MySQL login` / `user: root` / `pass: x`: a database's, a server's or a panel's login its heading names, no game account (site-logins.ts).
  refuseOtherServiceLogins(lines, accounts, rejected);
  refuseListLoginWords(unquoted, accounts, rejected, skipped);
  rejected.sort((a, b) => a.line - b.line);
  skipped.sort((a, b) => a.line - b.line);
  // A prose line's text goes with it: the body may be encoded in the file, and a later message's
  // sentence is read as decoded, as its accounts are (later-corrections.ts).
  for (const k of skipped) if (k.kind === 'prose') k.text = lines[k.line - 1];
  return { format: 'email-text', accounts: corrected(accounts), rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

/**
 * `ash_02 blue fish note tree` between `ash_01 Pikachu123` and `ash_03 Charm4nder!`: inside a run
 * of `login password` lines (two or more accounts so read, at least half the mail's), a line read
 * past as prose that opens with a login of their shape and no account's login (a sentence about
 * a delivered account, `ash_01 is on order X`, stays prose) is an account whose password holds
 * blanks or has a note after it: refused by its line, as the list reader refuses it, never lost
 * in silence. A sentence that speaks of a password is the corrections' (read above).
 */
function refuseListLoginWords(unquoted: readonly string[], accounts: readonly DumpAccount[], rejected: Rejection[], skipped: Skipped[]): void {
  const spaced = accounts.filter((a) => /^\S+ \S+$/.test(unquoted[a.line - 1]?.trim() ?? ''));
  if (spaced.length < 2 || spaced.length * 2 < accounts.length) return;
  const from = minOf(spaced.map((a) => a.line));
  const to = maxOf(spaced.map((a) => a.line));
  const logins = new Set(accounts.map((a) => a.username.toLowerCase()));
  for (let k = skipped.length - 1; k >= 0; k--) {
    const { line, kind, read } = skipped[k]!;
    if (kind !== 'prose' || read || line < from || line > to) continue;
    const text = unquoted[line - 1]!.trim();
    if (!opensWithListLogin(text) || logins.has(text.split(/\s/)[0]!.toLowerCase()) || mentionsPassword(text)) continue;
    skipped.splice(k, 1);
    if (!rejected.some((r) => r.line === line)) rejected.push({ line, reason: LIST_LOGIN_WORDS });
  }
}

/**
 * `Enter the number of bots: ash01@x.com:Pw1` over `ash02@x.com:Pw2`: a line read past as prose
 * whose tail after its sentence's `: ` is an account of the shape of the mail's other account
 * lines is one of them (lead-in-account.ts); an account-shaped tail nothing confirms is refused
 * by its line, never read past in silence.
 */
/**
 * `row` as the list reads it when it is a row of the table `header` heads whose first column
 * numbers the rows (`Nr.`, `#`, `Lfd. Nr.`: list-layout.ts counters) with that cell left blank and
 * as many cells as the header: its cells are the header's by position (account-line.ts reads it
 * so). Padded bars (`  | ash01 | Pw | 30`, `|     | ash01 | Pw | 30 |`) come as the tabs they are
 * to the list's layout, the blank cell first; a row drawn without padding, as written. Else undefined.
 */
function blankCounterRow(header: string, row: string): string | undefined {
  const [h, t] = [header.trim(), row.trim()];
  // The header's first column named a counter: asked with the blank cell given a number, as its other rows hold.
  // A tab-separated row's blank first cell: its tab kept (trimmed away, the row would be a cell short).
  const tabbed = !h.includes('|') && h.includes('\t') && row.startsWith('\t') ? row.trimEnd() : t;
  const filled = h.startsWith('|') ? t.replace(/^\|[ \t]*\|/, '| 1 |') : `1${tabbed[1] === ' ' ? ' ' : ''}${tabbed}`;
  const found = findHeader([h, filled]);
  if (filled === t || !found?.roles || found.counters?.[0]?.at !== 0 || found.sep === ':' || found.sep === ' ') return undefined;
  // As many cells as the header, its separators counted as written (padded bars are read as tabs).
  const sep = h.includes('|') ? '|' : found.sep;
  const count = (x: string) => x.split(sep).length;
  if (count(filled) !== count(h)) return undefined;
  if (found.sep !== '\t' || sep !== '|') return tabbed;
  // Between padded bars only: a bar a password holds has no blank on both sides (spaced-separator.ts).
  const unframed = h.startsWith('|') ? t.slice(1).replace(/[ \t]*\|$/, '').trimStart() : t;
  const inner = unframed.replace(/^\|[ \t]*/, '');
  const cells = inner.split(/[ \t]+\|[ \t]+/);
  return cells.length === found.roles.length - 1 && cells.every((c) => c !== '' && !/\s/.test(c)) ? ['', ...cells].join('\t') : undefined;
}

function readLeadIns(unquoted: readonly string[], depths: ArrayLike<number>, embedded: Embedded[], prose: ProseLine[], rejected: Rejection[], skipped: Skipped[]): void {
  const others = embedded.map((e) => e.s);
  // `Hi, use this: out_acc01 NewPass1` over a quoted `out_acc01:Old`: a correction of an account
  // the mail gives elsewhere, the corrections' to read (reply-corrections.ts), no account of its own.
  const loginOf = (t: string): string => t.trim().split(/[\s:;,|]/)[0]!.toLowerCase();
  const logins = new Set(others.map(loginOf));
  let added = false;
  for (let k = skipped.length - 1; k >= 0; k--) {
    const { line, kind, read } = skipped[k]!;
    if (kind !== 'prose' || read) continue;
    const tail = leadInTail(unquoted[line - 1]!);
    if (tail === undefined || logins.has(loginOf(tail))) continue;
    skipped.splice(k, 1);
    const p = prose.findIndex((x) => x.line === line);
    if (p >= 0) prose.splice(p, 1);
    if (isLikeAccountLines(tail, others)) {
      embedded.push({ s: tail, line, depth: depths[line - 1] ?? 0 });
      added = true;
    } else if (!rejected.some((r) => r.line === line)) rejected.push({ line, reason: LEAD_IN_UNSURE });
  }
  if (added) embedded.sort((a, b) => a.line - b.line);
}

/** The line with content above line `i`, unquoted, or ''. */
function previousText(lines: string[], i: number): string {
  for (let j = i - 1; j >= 0; j--) {
    const s = unquote(lines[j]!).s;
    if (s !== '') return s;
  }
  return '';
}

/** The lines after line `i` up to the next blank one, unquoted and trimmed: a table's rows under its header. */
function blockAfter(lines: string[], i: number): string[] {
  const rows: string[] = [];
  for (let j = i + 1; j < lines.length && rows.length < 400; j++) {
    // Blanks trimmed, not tabs: a tab table's empty last cell is still a cell (unquote trims it).
    const quoted = unquote(lines[j]!);
    const s = (quoted.depth === 0 ? lines[j]! : quoted.s).replace(/^ +|(?<! ) +$|\r$/g, '');
    if (s.trim() === '') break;
    rows.push(s);
  }
  return rows;
}

/**
 * `discord:Pass1` among the mail's `user:pass` lines is one of them, not the shop's handle
 * (network-logins.ts): such lines join `embedded`, in file order, and leave `skipped`.
 */
function adoptNetworkLogins(lines: string[], handles: (HandleLine & { depth: number })[], embedded: Embedded[], rejected: Rejection[], skipped: Skipped[]): void {
  const listed = new Set(embedded.map((e) => e.line - 1));
  const roleAt = (i: number): LineRole => (listed.has(i) ? 'account' : unquote(lines[i]!).s === '' ? 'blank' : 'other');
  const layout = analyseLayout(embedded.map((e) => e.s));
  const plainly = embedded.length >= 2 && rejected.length < embedded.length;
  const adopted = networkLoginLines(handles, layout, lines.length, roleAt, plainly);
  if (adopted.length === 0) return;
  for (const h of adopted) {
    embedded.push({ s: h.s, line: h.i + 1, depth: (h as (typeof handles)[number]).depth, networkLogin: true });
    skipped.splice(skipped.findIndex((k) => k.line === h.i + 1), 1);
  }
  embedded.sort((a, b) => a.line - b.line);
}

/**
 * In file order, without the accounts a less quoted line gives again with another password: a
 * reply's own text is newer than what it quotes, so its password is the correction.
 */
function corrected(found: Found[]): DumpAccount[] {
  const least = new Map<string, number>();
  for (const a of found) {
    const key = a.username.toLowerCase();
    least.set(key, Math.min(least.get(key) ?? a.depth, a.depth));
  }
  return found
    .filter((a) => a.depth === least.get(a.username.toLowerCase()))
    .sort((a, b) => a.line - b.line)
    .map(({ depth, ...account }) => (depth > 0 ? { ...account, quoted: true as const } : account));
}

function google(username: string): Pick<DumpAccount, 'provider'> {
  return /@(gmail|googlemail)\.com$/i.test(username) && isAddress(username) ? { provider: 'google' } : {};
}

export const emailText: DumpFormat = { name: 'email-text', detect: detectEmailText, parse: parseEmailText };
