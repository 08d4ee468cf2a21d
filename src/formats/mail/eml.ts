// Real e-mail files (.eml, MIME). mailparser undoes the transfer encodings (quoted-printable,
// base64), charsets and multipart structure; what comes out (the text body, or the HTML body as
// text, and every text-like attachment) is itself a dump, so each part goes back through the
// registry's detection: a body is usually `email-text`, an attached accounts.csv `monocle`.
import type { ParsedMail } from 'mailparser';
import { officeKind, readableSheet } from '../office-files.js';
import { isBinaryStore, mailHeaderCount, splitLines, toDumpInput, withoutBom } from '../decode.js';
import { headText, MAIL_HEAD } from '../streamed-input.js';
import { DEFAULT_MAX_LINES, LineBudget } from '../line-limit.js';
import { withAccountTablesAsText } from './html-tables.js';
import { MAX_HTML_DEPTH, tooDeepAt } from './html-depth.js';
import { hasFields, withFieldValuesAsText } from './html-fields.js';
import { levelFromSubject, levelFromText } from '../stated-level.js';
import { withFileLines } from './mail-lines.js';
import { withHtmlFileLines } from './html-lines.js';
import { attachmentBytes } from './attachment-text.js';
import { DECLARE_CHARSET } from './declare-charset.js';
import { undecodedIso2022, withJisDecoded } from './jis-escapes.js';
import { certainCharset, withCharsetDeclared } from './undeclared-charset.js';
import { archiveKind, archiveReason, attachmentLine } from '../archives/archive-attachments.js';
import { archiveKindOf, memberFolderLevel, openArchive, type ArchiveKind } from '../archives/archive-members.js';
import { withStoreRules } from '../choose.js';
import { mailThread, type MailThread } from './mail-thread.js';
import { MAX_ATTACHED_MAILS, tooManyAttachedMails } from './attached-mails.js';
import { lonePasswordCorrections } from './lone-corrections.js';
import { correctionLabelsAsProse, MAX_ARROW_LINES } from './later-arrow-lines.js';
import { isSaidLeadIn, laterCorrections } from './later-corrections.js';
import { isLikeAccountLines, leadInTail, LEAD_IN_UNSURE } from '../lists/lead-in-account.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type ParseOptions, type PoolCorrection, type Rejection, type Skipped } from '../types.js';

/**
 * Reads one part through the registry (given by index.ts, which owns the registry: importing it
 * here would be a module cycle). Null when no reader read anything from the part (no account,
 * rejection or skipped line); a part that is prose only is normal in a mail and not an error.
 */
export type NestedReader = (input: DumpInput, options?: { exclude?: string[]; mailBody?: boolean; attachment?: boolean }) => Promise<DumpResult | null>;

/** Attachments worth reading: text dumps and forwarded mails. Pictures and PDFs are not dumps. */
const READABLE_NAME = /\.(txt|csv|jsonl|json|log|eml|mbox)$/i;
const READABLE_TYPE = /^(text\/(plain|csv)|message\/rfc822|application\/(json|csv))/i;
/** What the registry names a part read as a whole mail (or mailbox) of its own: eml.ts, mbox.ts. */
const FORWARDED = /^(?:eml|mbox)(?:\+|$)/;

/** `result` with each account marked a quoted copy (DumpAccount.quoted). */
function asQuoted(result: DumpResult): DumpResult {
  return result.accounts.every((a) => a.quoted) ? result : { ...result, accounts: result.accounts.map((a) => (a.quoted ? a : { ...a, quoted: true as const })) };
}

/** Outlook's TNEF wrapper (MS-OXTNEF): `winmail.dat`, `application/ms-tnef` or `application/vnd.ms-tnef`. */
const TNEF_NAME = /^winmail\.dat$/i;
const TNEF_TYPE = /^application\/(?:vnd\.)?ms-tnef\b/i;

export function detectEml(input: DumpInput): number {
  return mailHeaderCount(headText(input, MAIL_HEAD)) >= 2 ? 0.95 : 0;
}

/** Collects what the parts gave; `format` lists every reader that contributed, e.g. `eml+email-text+monocle`. */
export class PartCollector {
  readonly accounts: DumpAccount[] = [];
  readonly rejected: Rejection[] = [];
  readonly skipped: Skipped[] = [];
  /** An mbox message's sentences about accounts of the pool (lone-corrections.ts), for the import to decide. */
  readonly poolCorrections: PoolCorrection[] = [];
  private readonly formats: string[] = [];
  private readonly seen = new Set<string>();
  private readonly byName = new Map<string, DumpAccount>();
  /** How many of `accounts` hold each lower-cased login: a later message's prefilter asks it (later-corrections.ts), never a copy of `accounts`. */
  private readonly held = new Map<string, number>();
  /** Which part (call of `add`) gave each login first, and the logins two parts give different passwords for. */
  private readonly partOf = new Map<string, { part: number; label: string }>();
  private readonly conflicts = new Map<string, { label: string; account: DumpAccount }[]>();
  private parts = 0;
  private refused = false;

  /** `what`: what the parts make up, for the reasons (`mail`; a chat export's chats make one `export`). */
  constructor(
    private readonly outer: string,
    private readonly what = 'mail',
  ) {}

  /**
   * `newer`: this part was written after the ones before it (the next message of an mbox), so a
   * password it gives for an account read already is that account's new password. Parts of one
   * message are written at once: one giving another password for a login another part gave (the
   * HTML alternative against the text, an attachment against the body) makes neither sure.
   * `accountsOnly`: the part repeats one read already (a mail's HTML alternative): its rejections
   * and prose are that part's again, only its accounts can add to or contradict it.
   */
  add(result: DumpResult | null, label?: string, newer = false, accountsOnly = false, partName?: string): void {
    if (!result) return;
    const part = this.parts++;
    const where = partName ?? label ?? 'the body';
    for (const f of result.format.split('+')) if (!this.formats.includes(f)) this.formats.push(f);
    // The same account from two parts (the text and the HTML alternative of one mail) is one account.
    for (const account of result.accounts) {
      const name = account.username.toLowerCase();
      const same = `${name}\n${account.password}`;
      if (this.seen.has(same)) continue;
      this.seen.add(same);
      const earlier = this.byName.get(name);
      if (earlier && newer) {
        Object.assign(earlier, account);
        // A later message's own account is no quoted copy, whatever the earlier one was.
        if (!account.quoted) delete earlier.quoted;
        continue;
      }
      const first = this.partOf.get(name);
      // A part's own password against another part's quoted copy (a mail attached as a forward):
      // the copy is as old as the mail it copies, and the message's own word wins, as its
      // unquoted line does over a quoted one (email-text.ts).
      if (earlier && first && first.part !== part && !account.quoted !== !earlier.quoted) {
        if (account.quoted) continue;
        Object.assign(earlier, account);
        delete earlier.quoted;
        this.partOf.set(name, { part, label: where });
        continue;
      }
      if (earlier && first && first.part !== part) {
        const versions = this.conflicts.get(name) ?? [{ label: first.label, account: earlier }];
        versions.push({ label: where, account });
        this.conflicts.set(name, versions);
        continue;
      }
      if (!earlier) {
        this.byName.set(name, account);
        this.partOf.set(name, { part, label: where });
      }
      this.accounts.push(account);
      this.held.set(name, (this.held.get(name) ?? 0) + 1);
    }
    if (accountsOnly) return;
    for (const r of result.rejected) this.rejected.push(label ? { ...r, reason: `${label}: ${r.reason}` } : r);
    // One push each, not a spread: a part of 200,000 prose lines overflowed the call stack.
    for (const k of result.skipped ?? []) this.skipped.push(k);
    for (const c of result.poolCorrections ?? []) this.poolCorrections.push(c);
  }

  /** The account read for lower-cased `login`, if any (the one `accounts` holds for it). */
  current(login: string): DumpAccount | undefined {
    return this.byName.get(login);
  }

  /** Whether `accounts` holds an account of lower-cased `login`: a look-up, not a search of them all. */
  holds(login: string): boolean {
    return this.held.has(login);
  }

  /**
   * An account read already whose password a later part makes unsure (later-corrections.ts):
   * it leaves the result, refused by its line, and is no account a later part repeats.
   */
  refuse(account: DumpAccount, reason: string): void {
    const at = this.accounts.indexOf(account);
    if (at < 0) return;
    this.accounts.splice(at, 1);
    const name = account.username.toLowerCase();
    const left = (this.held.get(name) ?? 1) - 1;
    if (left > 0) this.held.set(name, left);
    else this.held.delete(name);
    if (this.byName.get(name) === account) {
      this.byName.delete(name);
      this.partOf.delete(name);
    }
    this.rejected.push({ line: account.line, reason });
    this.refused = true;
  }

  /** A part that could not be decoded costs that part only; it is reported, the rest of the mail still counts. */
  fail(err: unknown, label: string, line?: number): void {
    if (!(err instanceof DumpError)) throw err;
    // A whole attachment or message refused: no line read as an account (choose.ts' summary).
    this.rejected.push({ line: line ?? err.line ?? 0, reason: `${label}: ${err.message}`, part: true });
  }

  result(): DumpResult {
    const format = [this.outer, ...this.formats.filter((f) => f !== this.outer)].join('+');
    // A login two parts of one message give different passwords for: every version is refused by
    // its line, naming the parts, never two versions of one account nor a guess between them.
    let accounts = this.accounts;
    if (this.conflicts.size > 0) {
      accounts = accounts.filter((a) => !this.conflicts.has(a.username.toLowerCase()));
      for (const versions of this.conflicts.values()) {
        const parts = [...new Set(versions.map((v) => v.label))].join(' and ');
        const lines = [...new Set(versions.map((v) => v.account.line))].join(', ');
        for (const line of new Set(versions.map((v) => v.account.line))) {
          this.rejected.push({ line, reason: `${versions.length} passwords for this login in one ${this.what} (${parts}; lines ${lines}): which one is right is unsure` });
        }
      }
    }
    if (this.conflicts.size > 0 || this.refused) this.rejected.sort((a, b) => a.line - b.line);
    return { format, accounts, rejected: this.rejected, ...(this.skipped.length > 0 ? { skipped: this.skipped } : {}), ...(this.poolCorrections.length > 0 ? { poolCorrections: this.poolCorrections } : {}) };
  }
}

async function parseMime(input: DumpInput): Promise<ParsedMail> {
  try {
    // Loaded on first use: mailparser takes ~0.2 s to load, which every other command would pay.
    const { simpleParser } = await import('mailparser');
    return await simpleParser(withoutBom(input.bytes), { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (err) {
    // mailparser's splitter (mailsplit) stops a mail of more than 1,000 parts, nested or side by side,
    // or a part's header past its cap, with a fixed message (code EMAXLEN) quoting nothing: said as such.
    const code = (err as { code?: unknown } | undefined)?.code;
    const message = err instanceof Error ? err.message : '';
    if (code === 'EMAXLEN' && /child nodes/.test(message)) throw new DumpError('holds more than 1,000 MIME parts, nested or side by side (a mail bomb\'s shape; a delivery holds a few): the mail parser stops there, so nothing of it was read', input.name);
    if (code === 'EMAXLEN' && /header size/.test(message)) throw new DumpError('has a MIME part whose header runs past 1 MB (the mail parser\'s cap; a header is a few lines): nothing of it was read', input.name);
    // mailparser's other messages may quote the message; the message may hold a password.
    throw new DumpError('could not be parsed as an e-mail', input.name);
  }
}

/**
 * HTML's text with its no-break spaces as spaces: a mail editor writes `&nbsp;` for a space the
 * browser would otherwise fold (two blanks, a blank at a line's end), so `Leaf&nbsp;Storm2` is a
 * password with a space, which is how the seller typed it and how the buyer's browser shows it.
 */
function withSpaces(text: string): string {
  return text.includes('\u00a0') ? text.replace(/\u00a0/g, ' ') : text;
}

/** The note naming a mail's attachments of kinds no reader reads (LEFT_PAIRS' `not read:`, so a refusal of the mail says it too). */
function unreadNote(unread: string[]): string {
  const n = unread.length;
  return `not read: ${n === 1 ? 'attachment' : `${n} attachments`} ${unread.slice(0, 5).join(', ')}${n > 5 ? ', ...' : ''}, of a kind accountpool does not read (it reads text, CSV, JSON, mails, archives and spreadsheets): if ${n === 1 ? 'it holds' : 'one holds'} accounts, save ${n === 1 ? 'it' : 'them'} as text and import that`;
}

/** How deep each part sits in forwarded-mail nesting; a crafted mail must not recurse without end. */
const depthOf = new WeakMap<DumpInput, number>();
/** The lines a mail's parts decoded to so far, shared with its parts' own parts (a forward's). */
const partLines = new WeakMap<DumpInput, LineBudget>();
const MAX_DEPTH = 8;
/** What an attached archive may unpack to: the default max_dump_size (readers know no pool config). */
const MAIL_ARCHIVE_MAX = 50 * 1024 * 1024;
/** Each message's thread headers, by its result: an mbox scopes a later correction by them (mail-thread.ts). */
const threads = new WeakMap<DumpResult, MailThread>();

/** The Message-ID, In-Reply-To, References, subject and date of the message `result` was read from. */
export function threadOf(result: DumpResult): MailThread | undefined {
  return threads.get(result);
}

/** The same, by the input the message was read from: the registry's wrappers give a result of their own. */
const inputThreads = new WeakMap<DumpInput, MailThread>();
export function threadOfInput(input: DumpInput): MailThread | undefined {
  return inputThreads.get(input);
}

/**
 * A message another file holds (an Apple Mail .emlx: emlx.ts) read as `inner`: its thread known by
 * the outer input and result too, and whether the outer file is read alone (no mbox's, no
 * conversation's message: then its lone sentences are the reader's to offer the pool).
 */
export function heldMessage(outer: DumpInput, inner: DumpInput, result: DumpResult): { result: DumpResult; alone: boolean } {
  const thread = inputThreads.get(inner);
  if (thread) {
    inputThreads.set(outer, thread);
    threads.set(result, thread);
  }
  return { result, alone: offsetOf.get(outer) === undefined && (depthOf.get(outer) ?? 0) === 0 };
}

/** How many lines of its file come before a message (an mbox's envelope and earlier messages). */
const offsetOf = new WeakMap<DumpInput, number>();

/** A message read out of a bigger file: its lines are counted from there (mail-lines.ts). */
export function messageAt(input: DumpInput, linesBefore: number): DumpInput {
  offsetOf.set(input, linesBefore);
  return input;
}

/**
 * A body's result at lines of the file where its lines are not all found as they read (a body
 * made of HTML, a `format=flowed` body whose lines the parser joined): each line is found by its
 * words (html-lines.ts), in the HTML part when it was made of one (the last: the HTML alternative
 * comes after the text part), else after the mail's headers.
 */
function bodyWordLines(result: DumpResult, raw: string, text: string, html: boolean, offset = 0): DumpResult {
  const lines = raw.split('\n');
  let from = -1;
  if (html) {
    for (let i = lines.length - 1; i >= 0 && from < 0; i--) if (/^content-type:\s*text\/html/i.test(lines[i]!)) from = i;
  }
  if (from < 0) from = lines.findIndex((l) => l.trim() === '') + 1;
  return withHtmlFileLines(result, raw, text, from, offset);
}

/**
 * Whether every word of the HTML's text (its tags dropped, nothing decoded) is a word of the
 * text part: then the HTML alternative can give no account or password the text part lacks,
 * and is not converted and read again (most mails: converting costs a third of an mbox's read).
 * An entity (`&amp;`, `&nbsp;`) or any other word makes it read.
 */
function htmlAddsNothing(html: string, body: string): boolean {
  const words = new Set(body.split(/\s+/));
  const text = tagsAsBlanks(blocksAsBlanks(html));
  return text.split(/\s+/).every((w) => w === '' || words.has(w));
}

/**
 * `html` with each `<style>`, `<script>` and `<head>` element (to its closing tag) put as a blank,
 * as `/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi` would; but an element left open is looked
 * for once, never again from each later opening of the same name (the regex read a page of
 * `<style` to its end from each one: hours for 2 MB, and the page is the sender's).
 */
function blocksAsBlanks(html: string): string {
  const open = /<(style|script|head)\b/gi;
  const unclosed = new Set<string>();
  let out = '';
  let at = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const name = m[1]!.toLowerCase();
    if (unclosed.has(name)) continue;
    const close = new RegExp(`<\\/${name}\\s*>`, 'gi');
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(html);
    if (!end) {
      unclosed.add(name);
      continue;
    }
    out += `${html.slice(at, m.index)} `;
    at = open.lastIndex = end.index + end[0].length;
  }
  return out + html.slice(at);
}

/**
 * `html` with each tag (a `<` to the next `>`) put as a blank, as `/<[^>]*>/g` would; only up
 * to the last `>`, as no tag closes after it: the regex read on to the end from each `<` there
 * (64 KB of `<` in a mail's HTML cost 2 s, 2 MB hours).
 */
function tagsAsBlanks(html: string): string {
  const last = html.lastIndexOf('>');
  return html.slice(0, last + 1).replace(/<[^>]*>/g, ' ') + html.slice(last + 1);
}

/** What mailparser puts for a byte that is no text in the charset it read the part in (UTF-8 when the part declares none). */
const UNDECODED = '\uFFFD';

/**
 * A body whose bytes are no text in the charset its part declares (none, so mailparser read
 * UTF-8: a Russian or Chinese mail client's 8-bit body without `charset=`): its lines outside
 * ASCII are lost to U+FFFD, labels and passwords alike, so the mail is named with one rejection
 * at the first such line rather than read as a mail without accounts. Which charset the bytes
 * were is not guessed: the operator declares it, or saves the accounts as UTF-8.
 */
function undecodedBody(out: PartCollector, input: DumpInput, body: string): void {
  // U+FFFD the mail itself holds is text; ESC never is (a charset's escape sequences: ISO-2022-JP
  // with a set its decoder lacks, ISO-2022-KR/CN), and an account holding it is refused (choose.ts).
  const mark = body.includes(UNDECODED) && !input.bytes.includes(UNDECODED_BYTES) ? UNDECODED : body.includes('\x1b') ? '\x1b' : undefined;
  if (mark === undefined) return;
  // Accounts read with such a character are each refused by the store's rules, naming the charset (choose.ts).
  if (out.accounts.some((a) => a.username.includes(mark) || a.password.includes(mark))) return;
  const lines = body.split('\n');
  const first = lines.findIndex((l) => l.includes(mark)) + 1;
  const count = lines.filter((l) => l.includes(mark)).length;
  const line = withFileLines({ format: '', accounts: [], rejected: [{ line: first, reason: '' }] }, input.text, body, offsetOf.get(input)).rejected[0]!.line;
  if (out.rejected.some((r) => r.line === line)) return;
  const what = mark === UNDECODED ? 'bytes that are no text in the charset the mail declares for them (none declared, read as UTF-8)' : `escape sequences (ESC) of ${undecodedIso2022(body) ?? 'a charset'}, which the mail does not declare`;
  out.rejected.push({ line, reason: `body: ${count} ${count === 1 ? 'line holds' : 'lines hold'} ${what}: the accounts on them cannot be read; ${DECLARE_CHARSET}` });
  out.rejected.sort((a, b) => a.line - b.line);
}
const UNDECODED_BYTES = Buffer.from(UNDECODED, 'utf8');

/**
 * `Sorry, the password of ash_02 changed: X` in the body, above an attached `accounts.txt` holding
 * ash_02: the body is the seller's word on the file, as a later message is on an earlier one
 * (later-corrections.ts): applied when it names the login and says the password changed, else
 * the attached account and the sentence are refused, each naming the other's line; never the
 * file's old password kept silently. Its sentences are the prose the body's reader read past and
 * the lead-ins it refused as unconfirmed (`... changed, here is the new one: ash_02:X`), as a later
 * message's are (withLaterSaid). A lead-in no correction used (`Here is your account: ash_03:X`)
 * is read as the account it opens when the attached files' account lines are written as it is,
 * as the plain reader reads one above the lines of its file (lead-in-account.ts); else it stays
 * refused by its line. `read`: the account of such a line, read as a body.
 */
async function bodyOnAttachments(out: PartCollector, input: DumpInput, body: { skipped: number; rejected: number; accounts: number }, read: (tail: string) => Promise<DumpResult | null>): Promise<void> {
  const attached = out.accounts.slice(body.accounts);
  const prose = out.skipped.slice(0, body.skipped).filter((k) => k.kind === 'prose');
  const leadIns = out.rejected.slice(0, body.rejected).filter((r) => r.reason === LEAD_IN_UNSURE);
  if (attached.length === 0 || (prose.length === 0 && leadIns.length === 0)) return;
  const fileLines = messageLines(input);
  const said = laterCorrections({ format: 'eml', accounts: out.accounts.slice(0, body.accounts), rejected: leadIns, skipped: prose }, fileLines, attached, false, "the mail's body", 'an attached file gives');
  const used = new Set(said.used);
  if (used.size > 0) {
    for (const { account, reason } of said.stale) out.refuse(account, reason);
    for (let k = out.skipped.length - 1; k >= 0; k--) if (k < body.skipped && used.has(out.skipped[k]!.line)) out.skipped.splice(k, 1);
    drop(out.rejected, leadIns.filter((r) => isSaidLeadIn(r, used)));
    out.add({ format: 'eml', accounts: said.applied, rejected: said.rejected }, undefined, true);
  }
  const samples = attachedSamples.get(out) ?? [];
  for (const r of leadIns) {
    if (used.has(r.line)) continue;
    const tail = leadInTail(fileLines[r.line - 1]?.replace(/\r$/, '') ?? '');
    if (tail === undefined || !isLikeAccountLines(tail, samples)) continue;
    const own = await read(tail);
    if (!own || own.accounts.length === 0 || own.rejected.length > 0) continue;
    drop(out.rejected, [r]);
    out.add({ ...own, accounts: own.accounts.map((a) => ({ ...a, line: r.line })), skipped: [] });
  }
}

/** `list` without `gone` (by identity), in place. */
function drop<T>(list: T[], gone: readonly T[]): void {
  for (const item of gone) {
    const at = list.indexOf(item);
    if (at >= 0) list.splice(at, 1);
  }
}

/**
 * The lines of the file a message is read from, as its readers number them: its own text, with
 * the lines before it in its file (an mbox's earlier messages) left empty; an HTML page read as a
 * body (html.ts) numbers its lines two before the wrapper's.
 */
function messageLines(input: DumpInput): string[] {
  const lines = input.text.split('\n');
  const offset = offsetOf.get(input) ?? 0;
  return offset >= 0 ? [...new Array<string>(offset).fill(''), ...lines] : lines.slice(-offset);
}

/** The first lines holding something of each mail's attached files, as read: what a body's lead-in is compared with. */
const attachedSamples = new WeakMap<PartCollector, string[]>();
const SAMPLE_LINES = 40;

function sampleAttached(out: PartCollector, text: string): void {
  const samples = attachedSamples.get(out) ?? [];
  attachedSamples.set(out, samples);
  for (const line of text.split('\n')) {
    if (samples.length >= SAMPLE_LINES) return;
    if (line.trim() !== '') samples.push(line.replace(/\r$/, ''));
  }
}

export function createEml(readNested: NestedReader): DumpFormat {
  async function readPart(out: PartCollector, parent: DumpInput, name: string, bytes: Buffer, label: string, nameUnsure?: true, html?: 'html' | 'alternative'): Promise<boolean> {
    let part: DumpInput | undefined;
    try {
      // Held to the mail's max_dump_lines, its parts together: a base64 part decodes to lines the
      // mail's own text never counted (a 50 MB mail's parts, to ~9,000,000 short lines), and each
      // part's read is kept until the mail's end (line-limit.ts). A binary store (a pickle, a SQLite
      // file in an attached archive) is read on its bytes, never as lines: not counted, as import-archive.ts.
      let budget = partLines.get(parent);
      if (!budget) partLines.set(parent, (budget = new LineBudget(parent.maxLines ?? DEFAULT_MAX_LINES)));
      if (!isBinaryStore(bytes)) budget.take(name, bytes, "the mail's parts");
      part = toDumpInput(name, bytes, parent.maxLines);
      partLines.set(part, budget);
      // An archive member's name in no code page read with confidence states no level or verdict.
      if (nameUnsure) part.nameUnsure = true;
      depthOf.set(part, (depthOf.get(parent) ?? 0) + 1);
      const nested = await readNested(part, label === 'body' ? { mailBody: true } : { attachment: true });
      // An attachment in a charset nobody declared: its accounts outside ASCII are rejected, as a file's are (choose.ts).
      const read = nested && part.nonUtf8Lines ? withStoreRules(nested, part) : nested;
      // A part's lines are named as lines of the file where they can be found there (mail-lines.ts).
      const mapped = read && withFileLines(read, parent.text, part.text, offsetOf.get(parent));
      // Text made of an HTML part (or a flowed body joined) counts its own lines: what it names is
      // named where the file holds it (an encoded part read decoded), never at a line of the text.
      const worded = mapped && label === 'body' && mapped === read ? bodyWordLines(mapped, parent.text, part.text, html !== undefined, offsetOf.get(parent)) : mapped;
      // A mail attached to this one (`message/rfc822`, an .eml or .mbox: a forward as attachment) is
      // a copy as old as that mail, as an inline forward's quoted lines are (quoted-copies.ts).
      const result = worded && label !== 'body' && FORWARDED.test(worded.format) ? asQuoted(worded) : worded;
      if (result && label !== 'body' && result.accounts.length > 0) sampleAttached(out, part.text);
      if (html === 'alternative' && result) out.add(result, undefined, false, true, 'the HTML part');
      else out.add(result, label === 'body' ? undefined : label, false, false, html ? 'the HTML part' : undefined);
      // Prose alone is no find: the mail's HTML alternative may hold the accounts.
      return result !== null && (result.accounts.length > 0 || result.rejected.length > 0);
    } catch (err) {
      // A part refused whole (an attached proxy table) is named at its first line in the file; one
      // refused before its text was made (over max_dump_lines, not text) at the line naming it: its
      // own line numbers (`accounts.txt:39`, in the reason) are none of the mail's.
      const line = err instanceof DumpError ? (part ? withFileLines({ format: '', accounts: [], rejected: [{ line: err.line ?? 1, reason: '' }] }, parent.text, part.text, offsetOf.get(parent)).rejected[0]!.line : attachmentLine(parent.text, name)) : undefined;
      out.fail(err, label, line);
      return true;
    }
  }

  /**
   * An attached archive's members, each read as an attached file (`accounts.zip!level30.txt`). One
   * that cannot be opened (a rar, a corrupt zip, a password-protected member) is a rejection naming
   * it and the way through, at the attachment's line; the rest of the mail still counts, as for
   * any attachment that cannot be read.
   */
  async function readArchive(out: PartCollector, input: DumpInput, name: string, bytes: Buffer, kind: ArchiveKind | undefined): Promise<void> {
    const label = `attachment "${name}"`;
    let opened;
    try {
      if (!kind) throw new DumpError(archiveReason(archiveKind(name, '') ?? 'archive'), name);
      opened = await openArchive(name, bytes, kind, { maxTotal: MAIL_ARCHIVE_MAX, ...(input.maxLines ? { maxLines: input.maxLines } : {}) });
    } catch (err) {
      out.fail(err, label, attachmentLine(input.text, name));
      return;
    }
    for (const member of opened.members) {
      const before = out.accounts.length;
      await readPart(out, input, member.name, member.bytes, `attachment "${member.name}"`, member.nameUnsure === 'path' || undefined);
      // Its folders' level (`level30/`), for what neither its content nor its own name states, as
      // for `import`; none from a name whose code page is unsure.
      const level = member.nameUnsure ? undefined : memberFolderLevel(member.path);
      if (level !== undefined) for (const a of out.accounts.slice(before)) a.level ??= level;
    }
  }

  // `options.page`: a web page html.ts wrapped as an HTML-only mail: mailparser's text of it is the page converted.
  async function parse(input: DumpInput, options?: ParseOptions): Promise<DumpResult> {
    if ((depthOf.get(input) ?? 0) > MAX_DEPTH) throw new DumpError(`mails nested more than ${MAX_DEPTH} deep`, input.name);
    if (tooManyAttachedMails(input.text)) throw new DumpError(`holds more than ${MAX_ATTACHED_MAILS} attached mails (message/rfc822 parts: a mail bomb's shape, never a delivery); nothing of it was parsed`, input.name);
    let mail = await parseMime(input);
    // A body in an 8-bit charset its part does not declare, when the message makes it certain
    // (undeclared-charset.ts): parsed again with it declared; else refused below (undecodedBody).
    if (`${mail.text ?? ''}${typeof mail.html === 'string' ? mail.html : ''}`.includes(UNDECODED) && !input.bytes.includes(UNDECODED_BYTES)) {
      const reparse = async (charset: string) => parseMime({ ...input, bytes: withCharsetDeclared(withoutBom(input.bytes), charset) });
      const charset = await certainCharset(withoutBom(input.bytes), async (c) => {
        const m = await reparse(c);
        return `${m.text ?? ''}${typeof m.html === 'string' ? m.html : ''}`;
      });
      if (charset) mail = await reparse(charset);
    }
    // A Japanese client's ISO-2022-JP body that declares no charset: known by its escapes (jis-escapes.ts).
    if (mail.text) mail.text = withJisDecoded(mail.text);
    if (typeof mail.html === 'string') mail.html = withJisDecoded(mail.html);
    const out = new PartCollector('eml');
    const markup = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : undefined;
    // Elements opened without end, thousands deep: refused before our readers parse it again (html-depth.ts).
    const deep = markup !== undefined ? await tooDeepAt(markup) : undefined;
    if (deep !== undefined) throw new DumpError(`its HTML part nests elements more than ${MAX_HTML_DEPTH} deep (line ${deep} of that part: tags opened and never closed, as no real mail is); nothing of this mail was read`, input.name);
    // An order page's `<input readonly value="user:pass">` fields, as the text they show (html-fields.ts).
    const html = markup !== undefined && hasFields(markup) ? await withFieldValuesAsText(markup) : markup;
    // mailparser turns HTML into text only for HTML-only mails; for others, hand it one.
    // A shop's order page shows the items in a `<textarea>` (one per line, to copy); the converter
    // runs a textarea's lines together, as it does a paragraph's, and keeps a `<pre>`'s.
    // A page's own conversion is the text mailparser already made of it (its only part is that HTML),
    // unless a textarea asks for the `<pre>` above or JIS escapes were decoded after it: not made
    // again (a page of 100,000 rows costs ~1 KB a row while it is converted: stop 60 M).
    const pageText = options?.page && markup !== undefined && mail.text !== undefined && !/<textarea\b/i.test(markup) && !`${mail.text}${markup}`.includes('\x1b') ? withSpaces(mail.text) : undefined;
    const asText = async (part: string) => (part === markup && pageText !== undefined ? pageText : withSpaces((await parseMime({ ...input, bytes: Buffer.from(`Content-Type: text/html; charset=utf-8\r\n\r\n${part.replace(/<(\/?)textarea\b/gi, '<$1pre')}`, 'utf8') })).text ?? ''));
    // Tables whose cells hold accounts: as label lines, not run together by the converter. Then
    // the body mailparser made from the HTML (an HTML-only mail) is not read: its cells are glued.
    const tabled = html !== undefined && /<table/i.test(html) ? await withAccountTablesAsText(html) : undefined;
    // The text mailparser made of an HTML-only mail: its `&nbsp;` are spaces, as asText's are.
    // (Asked only where it changes something: a mail of thousands in an mbox is parsed once more.)
    const textIsHtml = markup !== undefined && mail.text !== undefined && (tabled !== undefined || html !== markup || mail.text.includes('\u00a0')) && withSpaces(mail.text) === (await asText(markup));
    // (That text lacks the fields' values: the page's own text with them is read instead.)
    const body = textIsHtml ? (html !== markup ? await asText(html!) : withSpaces(mail.text!)) : mail.text;
    const found = body && !(textIsHtml && tabled !== undefined) ? await readPart(out, input, `${input.name} (body)`, Buffer.from(body, 'utf8'), 'body') : false;
    if (tabled !== undefined) {
      // The same account in the text part and a table is one account (PartCollector).
      const text = await asText(tabled);
      if (text) await readPart(out, input, `${input.name} (html body)`, Buffer.from(text, 'utf8'), 'body', undefined, 'html');
    } else if (!found && html !== undefined) {
      // A text part that says "view this mail in HTML" while the accounts sit in the HTML part.
      const text = await asText(html);
      if (text && text !== body) await readPart(out, input, `${input.name} (html body)`, Buffer.from(text, 'utf8'), 'body', undefined, 'html');
    } else if (found && html !== undefined && !textIsHtml && !htmlAddsNothing(html, body!)) {
      // The text part and its HTML alternative are one message twice: an account only the HTML
      // shows is the mail's too, and a password the two give differently is refused (PartCollector).
      const text = await asText(html);
      if (text && text !== body) await readPart(out, input, `${input.name} (html body)`, Buffer.from(text, 'utf8'), 'body', undefined, 'alternative');
    }
    if (body) undecodedBody(out, input, body);
    // What the body says (its prose) and the accounts it gave, before the attachments are read.
    const bodyRead = { skipped: out.skipped.length, rejected: out.rejected.length, accounts: out.accounts.length };
    const unread: string[] = [];
    for (const [i, att] of mail.attachments.entries()) {
      const name = att.filename ?? `attachment-${i + 1}`;
      // A workbook (.xlsx, .ods): its sheets read as an archive's members are (sheets/spreadsheets.ts).
      if (readableSheet(att.content)) {
        await readArchive(out, input, name, att.content, 'zip');
        continue;
      }
      // Another spreadsheet or an Outlook .msg (office-files.ts): refused by name, never opened as the zip it is nor passed over.
      const office = officeKind(name, att.content, att.contentType);
      if (office) {
        out.fail(new DumpError(`${office.what}, ${office.way}`, name), `attachment "${name}"`, attachmentLine(input.text, name));
        continue;
      }
      // An archive (by its bytes, or by its name or type when its bytes are no kind we know).
      const packed = archiveKindOf(att.content);
      const archive = packed ?? archiveKind(name, att.contentType);
      if (archive) {
        await readArchive(out, input, name, att.content, packed);
        continue;
      }
      if (TNEF_NAME.test(name) || TNEF_TYPE.test(att.contentType)) {
        // Outlook's rich-text wrapper: the seller's real attachments (a list, a table) may be inside it.
        out.fail(new DumpError(`Outlook's TNEF wrapper (application/ms-tnef), which may hold the seller's attached files; accountpool does not open it: ask the seller to resend as plain text, or extract it with a TNEF reader (tnef, Winmail Opener) and import the files it holds`, name), `attachment "${name}"`, attachmentLine(input.text, name));
        continue;
      }
      // A kind no reader reads (a PDF, a Word file, a screenshot): named in a note, never passed over
      // without a word; a mail of nothing else is refused saying so (choose.ts appends `not read:` notes).
      if (!READABLE_NAME.test(name) && !READABLE_TYPE.test(att.contentType)) {
        unread.push(`"${name}" (${att.contentType})`);
        continue;
      }
      await readPart(out, input, name, attachmentBytes(att), `attachment "${name}"`);
    }
    // The level the subject or a product line states ("5x Level 30 PTC accounts"), for this
    // message's accounts: each message of an mbox may state its own.
    const stated = levelFromText(`${mail.subject ?? ''}\n${mail.text ?? ''}`) ?? levelFromSubject(mail.subject ?? '');
    await bodyOnAttachments(out, input, bodyRead, (tail) => readNested(toDumpInput(`${input.name} (body)`, Buffer.from(tail, 'utf8'), input.maxLines), { mailBody: true }));
    // A mail read alone (not an mbox's message, not a forwarded one) that delivers nothing but says a password changed.
    const alone = offsetOf.get(input) === undefined && (depthOf.get(input) ?? 0) === 0;
    const thread = mailThread(mail);
    // A reply answering a delivery: `gmacc9 的正確密碼是：X` in it corrects, never delivers (later-arrow-lines.ts).
    const asRead = out.result();
    const read = alone && thread.answers.length > 0 && asRead.accounts.length > 0 && asRead.accounts.length <= MAX_ARROW_LINES ? correctionLabelsAsProse(asRead, splitLines(input.text)) : asRead;
    const told = alone ? lonePasswordCorrections(read) : read;
    const result = unread.length > 0 ? { ...told, notes: [...(told.notes ?? []), unreadNote(unread)] } : told;
    if (stated !== undefined) for (const a of result.accounts) a.level ??= stated;
    threads.set(result, thread);
    inputThreads.set(input, thread);
    return result;
  }

  return { name: 'eml', detect: detectEml, parse };
}
