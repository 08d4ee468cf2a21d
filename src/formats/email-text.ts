// Seller e-mails as text (pasted, or the body of an .eml): `Username: x` / `Password: y` blocks
// and `user:pass` lists, inside greetings, order numbers, totals, signatures and footers. Prose is
// skipped silently here (and only here): a mail is mostly prose. What looks half like an account
// (a username with no password after it) is rejected with its line, so nothing vanishes unseen.
import { headLines, splitLines, stripEnd } from './decode.js';
import { analyseLayout, isAddress, lineSep, splitAccountLine, lineProblem } from './account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from './types.js';

const USER = String.raw`ptc[\s_-]*user[\s_-]*name|ptc[\s_-]*login|ptc[\s_-]*user|ptc[\s_-]*account|user[\s_-]?name|login(?:[\s_-]*name)?|user|account(?:[\s_-]*name)?|benutzer(?:[\s_-]*name)?|nutzername`;
// `Passwort`, `Kennwort`, `Benutzername`: German shops sold many of these accounts.
const PASS = String.raw`password|passwort|kennwort|passwd|pass|pwd|pw`;
const MAIL = String.raw`e-?mail(?:[\s_-]*address)?`;
// Optional list marker or numbering before the label (`3. Username:`, `#3 Username:`, `- Login:`),
// optional number after it (`Account 3:`, `Password #3 =`), then `:`, `=` or a dash. The number
// must stand apart from the label, or every `user1:pass1` list line would read as a label.
const LABEL_LINE = new RegExp(
  String.raw`^(?:#?\d{1,4}[.):]?\s+|[-*•]\s*)?(${USER}|${PASS}|${MAIL})(?:\s+(?:#|no\.?\s*)?\d{1,4}|\s*#\d{1,4})?\s*[:=\-–]\s*(.*)$`,
  'i',
);
const PASS_LABEL = new RegExp(`^(?:${PASS})$`, 'i');
const MAIL_LABEL = new RegExp(`^(?:${MAIL})$`, 'i');
/** `Username: x Password: y` on one line (also with `|`, `/`, `,` or `;` between). */
const SAME_LINE_PASS = new RegExp(String.raw`^([^\s|/,;]+)(?:\s*[|/,;]\s*|\s+)(?:${PASS})\s*[:=\-–]\s*(.*)$`, 'i');
/** A numbering line that opens the next account: `Account 3`, `Account No. 3`, `#3`, `3.`, or a rule `-----`. */
const BOUNDARY = /^(?:(?:account|acc\.?)\s*)?(?:#|no\.?\s*)?\d{1,4}\s*[:.)-]?$|^[-=*_]{3,}$/i;
/** Words that start `Word:value` lines in mails without being usernames. */
const STOPWORDS = new Set(
  'order,order#,total,subtotal,tax,vat,price,qty,quantity,amount,date,time,tel,phone,fax,mobile,invoice,ref,id,status,note,ps,re,fw,fwd,subject,from,to,cc,paypal,transaction,txn,http,https,mailto,www,web,website,support,discord,skype,telegram,payment,shipping,delivery,level,team,region,country'.split(','),
);

export type Label = 'user' | 'pass' | 'mail';

function labelKind(label: string): Label {
  const l = label.replace(/\s+/g, '');
  return PASS_LABEL.test(l) ? 'pass' : MAIL_LABEL.test(label) ? 'mail' : 'user';
}

const CELL_LABEL = new RegExp(String.raw`^(${USER}|${PASS}|${MAIL})\s*[:=\-–]?$`, 'i');

/** What a table cell that says only `Username`, `Password:`, `E-mail` ... labels (html-tables.ts). */
export function cellLabel(cell: string): Label | undefined {
  const m = CELL_LABEL.exec(cell.trim());
  return m ? labelKind(m[1]!) : undefined;
}

/** Strip quoting (`> `), line-end padding and the blanks a mail client indents with. */
function clean(raw: string): string {
  return stripEnd(raw).replace(/^(?:\s*>)+/, '').trim();
}

/** A username or address value: one token, maybe followed by the `[mailto:...]` html-to-text adds to links. */
/**
 * Undefined for prose (`User: John Smith`, a link); a token the store would refuse as a username
 * (control characters, too long) is a rejected line, not prose: it was meant as a login.
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
  const user = s.slice(0, at);
  const rest = s.slice(at + 1);
  if (user === '' || rest === '' || /\s/.test(user) || /^\s/.test(rest)) return false;
  if (s.includes('://') || /^(?:www\.|mailto:|tel:|sms:)/i.test(s)) return false;
  if (/^\d{1,2}[:.]\d{2}/.test(s) || /^[\d\s:.,;/$€£%+-]+$/.test(s)) return false;
  return !STOPWORDS.has(user.toLowerCase());
}

function isProse(s: string): boolean {
  return /[A-Za-z]{2,}/.test(s) && /\S\s+\S/.test(s) && !isEmbeddedAccount(s);
}

export function detectEmailText(input: DumpInput): number {
  let user = 0;
  let pass = 0;
  let embedded = 0;
  let prose = 0;
  for (const raw of headLines(input.text, 400)) {
    const s = clean(raw);
    const m = LABEL_LINE.exec(s);
    if (m) {
      const kind = labelKind(m[1]!);
      if (kind === 'pass') pass++;
      else user++;
    } else if (isEmbeddedAccount(s)) embedded++;
    else if (isProse(s)) prose++;
  }
  if (pass > 0 && user > 0) return 0.8;
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

export function parseEmailText(input: DumpInput): DumpResult {
  const lines = splitLines(input.text);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const embedded: { s: string; line: number }[] = [];
  let block: Pending = {};
  /** A label whose value is on the next line (`Username:` / `ash_k`). */
  let awaiting: { kind: Label; line: number } | undefined;

  const closeBlock = () => {
    if (block.user) rejected.push({ line: block.user.line, reason: 'username without a password after it' });
    block = {};
  };
  const take = (kind: Label, value: string, line: number) => {
    if (kind === 'pass') {
      if (block.refused) return void (block = {});
      const login = block.user ?? block.mail;
      if (!login) rejected.push({ line, reason: 'password without a username before it' });
      else accounts.push({ username: login.value, password: value, line: login.line, ...google(login.value) });
      block = {};
      return;
    }
    const combined = SAME_LINE_PASS.exec(value);
    const login = loginValue(combined ? combined[1]! : value);
    if (!login) return; // `User: John Smith`, `Login: https://...`: prose, not an account
    if (typeof login !== 'string') {
      closeBlock();
      rejected.push({ line, reason: login.reason });
      block.refused = true;
      if (combined && combined[2] !== '') block = {};
      return;
    }
    // A new username ends the block before it; an e-mail line only adds to the current one.
    if (kind === 'user') {
      closeBlock();
      block.user = { value: login, line };
    } else block.mail = { value: login, line };
    if (combined && combined[2] !== '') take('pass', combined[2]!, line);
  };

  for (let i = 0; i < lines.length; i++) {
    const s = clean(lines[i]!);
    if (s === '') continue;
    const line = i + 1;
    const m = LABEL_LINE.exec(s);
    if (awaiting) {
      const { kind, line: at } = awaiting;
      awaiting = undefined;
      if (!m && !BOUNDARY.test(s)) {
        take(kind, s, at);
        continue;
      }
    }
    if (m) {
      const kind = labelKind(m[1]!);
      const value = m[2]!;
      // `Account 3:` / `Account: 3` number an account; they do not name one.
      if (/^account/i.test(m[1]!) && (value === '' || /^#?\d{1,4}$/.test(value))) closeBlock();
      else if (value === '') awaiting = { kind, line };
      else take(kind, value, line);
    } else if (BOUNDARY.test(s)) closeBlock();
    else {
      const item = s.replace(/^(?:[-*•]|\d{1,4}[.)])\s+/, '');
      if (isEmbeddedAccount(item)) embedded.push({ s: item, line });
    }
  }
  closeBlock();

  if (embedded.length > 0) {
    const layout = analyseLayout(embedded.map((e) => e.s));
    for (const { s, line } of embedded) {
      const r = splitAccountLine(s, layout);
      if ('reason' in r) rejected.push({ line, reason: r.reason });
      else accounts.push({ ...r, line });
    }
  }
  accounts.sort((a, b) => a.line - b.line);
  rejected.sort((a, b) => a.line - b.line);
  return { format: 'email-text', accounts, rejected };
}

function google(username: string): Pick<DumpAccount, 'provider'> {
  return /@(gmail|googlemail)\.com$/i.test(username) && isAddress(username) ? { provider: 'google' } : {};
}

export const emailText: DumpFormat = { name: 'email-text', detect: detectEmailText, parse: parseEmailText };
