// The separate .eml files of one import (`import a.eml b.eml`, `import mails/`), and the messages
// of an .mbox among them (`import inbox.mbox reply.eml`), are one
// conversation: the seller's delivery and the later "sorry, new password for ash_02: X" reply
// saved as two files. They are read as the same messages in one mbox are (conversation.ts),
// ordered by their Date headers (ties, and mails without one after them, by name), a reply after
// the mail it answers (conversation-order.ts), so a later mail's correction applies to the
// account another file delivered, or refuses it and the sentence, each naming the other. Each file keeps its own result: imported and reported alone.
import { toDumpInput } from '../decode.js';
import { accountCount } from '../choose.js';
import { messageAt, threadOfInput } from './eml.js';
import { mboxMessages } from './mbox.js';
import { Conversation } from './conversation.js';
import { withLaterSaid } from './later-corrections.js';
import { conversationOrder } from './conversation-order.js';
import { lonePasswordCorrections } from './lone-corrections.js';
import { laterArrowLines, MAX_ARROW_LINES } from './later-arrow-lines.js';
import { withoutQuotedCopies, type KnownLogin } from './quoted-copies.js';
import type { DumpAccount, DumpInput, DumpResult } from '../types.js';
import type { MailThread } from './mail-thread.js';
import { appendAll } from '../long-arrays.js';

/** `text`'s lines the reader read past (`result.skipped`), at their places; the rest left empty. */
function skippedLines(text: string, result: DumpResult): string[] {
  const lines: string[] = [];
  const wanted = new Set((result.skipped ?? []).filter((k) => k.text === undefined).map((k) => k.line));
  // A short mail's account lines too: arrow lines alone may be a correction of another mail's account (later-arrow-lines.ts).
  if (result.accounts.length <= MAX_ARROW_LINES) for (const a of result.accounts) wanted.add(a.line);
  if (wanted.size === 0) return lines;
  let line = 1;
  for (let at = 0; at <= text.length; line++) {
    const end = text.indexOf('\n', at);
    // A copy, not a slice: V8's slice of a string keeps the whole string alive.
    if (wanted.has(line)) lines[line - 1] = Buffer.from(text.slice(at, end < 0 ? text.length : end)).toString();
    if (end < 0) break;
    at = end + 1;
  }
  return lines;
}

/** How a file's name says it is one saved mail (Thunderbird, Apple Mail, Outlook and Gmail all save `.eml`; Apple Mail keeps `.emlx`): `import` and the inbox group such files. */
export const isMailName = (path: string): boolean => /\.emlx?$/i.test(path);

/** The passwords the mails before `mail` gave `username` (`said`: by lower-cased login, in order), the last one current. */
function passwordsOf(said: Map<string, string[]>, username: string, mail: string): KnownLogin | undefined {
  const passwords = said.get(username.toLowerCase());
  return passwords === undefined ? undefined : { password: passwords.at(-1)!, before: new Set(passwords), where: `another mail of this import (before ${mail})` };
}

/** Saved mails one import reads as one conversation: `.eml` files, and mboxes of them. */
export const isConversationName = (path: string): boolean => isMailName(path) || isMboxName(path);
const isMboxName = (path: string): boolean => /\.mbox$/i.test(path);

/** An mbox's result from its messages' in conversation order: a later message's password for a login wins, as in the mbox reader. */
function mboxOfMessages(messages: DumpResult[]): DumpResult {
  const byLogin = new Map<string, DumpAccount>();
  for (const r of messages) for (const a of r.accounts) {
    byLogin.delete(a.username.toLowerCase());
    byLogin.set(a.username.toLowerCase(), a);
  }
  const skipped = messages.flatMap((r) => r.skipped ?? []);
  const poolCorrections = messages.flatMap((r) => r.poolCorrections ?? []);
  return {
    format: `mbox+${messages[0]!.format}`,
    accounts: [...byLogin.values()].sort((a, b) => a.line - b.line),
    rejected: messages.flatMap((r) => r.rejected).sort((a, b) => a.line - b.line),
    ...(skipped.length > 0 ? { skipped } : {}),
    ...(poolCorrections.length > 0 ? { poolCorrections } : {}),
  };
}

export interface BatchFile {
  name: string;
  bytes: Buffer;
}

/**
 * A lone mail's result the conversation left as it was read, when reading the file alone gives the
 * same: it delivers accounts and says nothing of another file's (a sentence the eml reader offers
 * the pool when a mail is read alone, lone-corrections.ts). Any other mail is read alone again:
 * one without accounts to be refused with the reasons a lone read gives (choose.ts lets it
 * through in a conversation), an mbox by its own reader, whole.
 */
function asReadAlone(name: string, result: DumpResult, lines: string[]): DumpResult | undefined {
  return isMailName(name) && accountCount(result) > 0 && lonePasswordCorrections(result, lines) === result ? result : undefined;
}

export interface MailBatch {
  /** Each file's result when the conversation changed it (a correction applied from it, or one of its accounts refused by a later file). */
  results: (DumpResult | undefined)[];
  /**
   * Each file's result when the conversation left it unchanged and reading it alone says the same
   * (asReadAlone): imported as read here, not parsed a second time (half a conversation's CPU).
   */
  alone: (DumpResult | undefined)[];
  /** The files' order of import: Date order. */
  order: number[];
}

/**
 * Reads `files` as one conversation (a file that is no mail, or that a reader refuses, is left
 * undefined in both lists: read alone as always). `read`: the registry's readDump, with the
 * options a lone file's read would use.
 */
export async function readMailBatch(files: BatchFile[], read: (input: DumpInput) => Promise<DumpResult>, maxLines?: number): Promise<MailBatch> {
  const mails: { at: number; label: string; lines: string[]; thread: MailThread | undefined; result: DumpResult }[] = [];
  // A file over max_dump_lines is no mail of the conversation: read alone, it is refused saying so (line-limit.ts).
  const decoded = (name: string, bytes: Buffer) => {
    try {
      return toDumpInput(name, bytes, maxLines);
    } catch {
      return undefined;
    }
  };
  for (const [at, file] of files.entries()) {
    // An mbox is its messages, each a mail of the conversation at its lines of the file (a delivery
    // kept in Thunderbird's mbox, the reply saved as .eml): read as the mbox reader reads each.
    const fileText = isMboxName(file.name) ? decoded(file.name, file.bytes)?.text : undefined;
    if (isMboxName(file.name) && fileText === undefined) continue;
    const box = isMboxName(file.name) ? mboxMessages(file.bytes) : undefined;
    for (const [k, { bytes, linesBefore }] of (box ?? [{ bytes: file.bytes, linesBefore: 0 }]).entries()) {
      const label = box ? `${file.name} (message ${k + 1})` : file.name;
      const message = decoded(label, bytes);
      if (!message) continue;
      const input = messageAt(message, linesBefore);
      input.inConversation = true;
      const result = await read(input).catch(() => undefined);
      if (!result || !/^emlx?(\+|$)/.test(result.format)) continue;
      // Of its text only the lines read past (all a later mail's sentences are among them): ten
      // mails of 4.5 MB, a screenshot attached to each, held 250 MB more with every text kept whole.
      mails.push({ at, label, lines: skippedLines(fileText ?? input.text, result), thread: threadOfInput(input), result });
    }
  }
  const out: (DumpResult | undefined)[] = files.map(() => undefined);
  const alone: (DumpResult | undefined)[] = files.map(() => undefined);
  const order = files.map((_, i) => i);
  for (const m of mails) alone[m.at] = asReadAlone(files[m.at]!.name, m.result, m.lines);
  if (mails.length < 2) return { results: out, alone, order };
  const slots = [...new Set(mails.map((m) => m.at))];
  // By Date, ties and undated ones by name; a reply after the mail it answers (conversation-order.ts).
  const name = (k: number) => mails[k]!.label;
  const sorted = conversationOrder(mails.map((m) => m.thread), (a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)).map((k) => mails[k]!);
  mails.length = 0;
  appendAll(mails, sorted);
  const conversation = new Conversation();
  const delivered: { account: DumpAccount; mail: number }[] = [];
  // Each login's passwords as `delivered` gave them: a quoted copy's look-up, one per copy (a
  // reply quoting a 200,000-line delivery searched all of `delivered` for each).
  const said = new Map<string, string[]>();
  const results = mails.map((m) => m.result);
  const changed = new Set<number>();
  for (const [i, { label, lines, thread, result: asRead }] of mails.entries()) {
    // `gmacc9 -> X` alone after another mail's delivery: a correction, not a list of one (later-arrow-lines.ts).
    const result = laterArrowLines(asRead, lines, delivered.map((d) => d.account));
    const later = conversation.next(result, lines, delivered.map((d) => d.account), thread, `a later mail (${label})`, 'another mail of this import delivered');
    for (const { account, reason } of later.stale) {
      const owner = delivered.find((d) => d.account === account)?.mail;
      if (owner === undefined) continue;
      const r = results[owner]!;
      results[owner] = { ...r, accounts: r.accounts.filter((a) => a !== account), rejected: [...r.rejected, { line: account.line, reason: `${reason}, in ${label}` }] };
      changed.add(owner);
    }
    if (later.applied.length > 0 || later.rejected.length > 0 || result !== asRead) {
      const said = withLaterSaid(result, later);
      // Its other sentences, about accounts no mail of this import delivered: offered to the pool, as when read alone.
      results[i] = lonePasswordCorrections(said, lines, delivered.map((d) => d.account));
      changed.add(i);
    }
    // Its quoted copies of what an earlier mail of this import delivered: never the newer password.
    const copies = withoutQuotedCopies(results[i]!, (username) => passwordsOf(said, username, label));
    if (copies) {
      results[i] = copies;
      changed.add(i);
    }
    for (const account of results[i]!.accounts) {
      delivered.push({ account, mail: i });
      const key = account.username.toLowerCase();
      const passwords = said.get(key);
      if (passwords) passwords.push(account.password);
      else said.set(key, [account.password]);
    }
  }
  // A file whose accounts a later file refused, or that a correction made: its own result (an
  // mbox's, its messages' together); the rest read alone.
  for (const at of new Set([...changed].map((i) => mails[i]!.at))) {
    const own = mails.flatMap((m, i) => (m.at === at ? [results[i]!] : []));
    const r = isMboxName(files[at]!.name) ? mboxOfMessages(own) : own[0]!;
    if (r.accounts.length > 0 || r.rejected.length > 0) out[at] = r;
    alone[at] = undefined;
  }
  // The files take their places in the import in Date order (an mbox at its first message's): a later mail's password is written last.
  for (const [k, at] of [...new Set(mails.map((m) => m.at))].entries()) order[slots[k]!] = at;
  return { results: out, alone, order };
}

