// The messages of one file read in the order they were written, each after the ones before it: an
// mbox's messages (mbox.ts), a chat export's (telegram-json.ts). A later message's password for an
// account is the newer one; its sentence `New password for ash_01: X` corrects a delivered account
// (later-corrections.ts), scoped to the message it answers (conversation.ts); its quoted copies of
// an earlier message's accounts never bring an old password back (quoted-copies.ts).
import type { PartCollector } from './eml.js';
import { Conversation } from './conversation.js';
import { withLaterSaid } from './later-corrections.js';
import { lonePasswordCorrections } from './lone-corrections.js';
import { laterArrowLines } from './later-arrow-lines.js';
import { withoutQuotedCopies, type KnownLogin } from './quoted-copies.js';
import type { MailThread } from './mail-thread.js';
import type { DumpResult } from '../types.js';

export class MessageSequence {
  // The collector's index of the logins it holds: no message is read against a copy of them all.
  private readonly conversation = new Conversation((login) => this.out.holds(login));
  /** Every password each login was given by a message so far (lower-cased login). */
  private readonly seen = new Map<string, Set<string>>();

  /** `out` collects every message's accounts; `fileLines` are the lines the messages' line numbers count. */
  constructor(
    private readonly out: PartCollector,
    private readonly fileLines: string[],
  ) {}

  /** What the messages before this one said of `username`: its current password and every one it had. */
  earlier(username: string, where = 'an earlier message of this mbox'): KnownLogin | undefined {
    const key = username.toLowerCase();
    // The collector keeps one account per login: the one the latest message gave (by its login, not
    // a search of all: a reply quoting a 200,000-line delivery searched them for each copy).
    const current = this.out.current(key);
    return current ? { password: current.password, before: this.seen.get(key) ?? new Set(), where } : undefined;
  }

  /** The next message, as its reader read it (`thread`: its headers, when `asRead` is not the eml reader's own result). */
  next(asRead: DumpResult, label: string, thread?: MailThread): void {
    const { out, fileLines } = this;
    // `gmacc9 -> X` alone after a delivery: a correction, not a list of one (later-arrow-lines.ts).
    const result = laterArrowLines(asRead, fileLines, out.accounts);
    // A reply's sentence is about the accounts of the message it answers (mail-thread.ts), not every one before.
    const later = thread ? this.conversation.next(result, fileLines, out.accounts, thread) : this.conversation.next(result, fileLines, out.accounts);
    for (const { account, reason } of later.stale) out.refuse(account, reason);
    const said = withLaterSaid(result, later);
    // A sentence about an account no message before it delivered: offered to the pool, as a loose reply's is.
    const own = lonePasswordCorrections(said, fileLines, { has: (login) => out.holds(login) });
    // Its quoted copies of an earlier message's accounts: never the newer password (quoted-copies.ts).
    const copies = withoutQuotedCopies(own, (username) => this.earlier(username));
    for (const a of own.accounts) this.seen.set(a.username.toLowerCase(), (this.seen.get(a.username.toLowerCase()) ?? new Set()).add(a.password));
    out.add(copies ?? own, label, true);
  }

  /** A message that delivers nothing but may be answered (a buyer's question): known by its thread, naming `logins`. */
  heard(thread: MailThread, logins: Iterable<string>): void {
    this.conversation.heard(thread, logins);
  }
}
