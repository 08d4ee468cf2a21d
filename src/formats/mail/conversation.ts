// One step of a conversation read in the order it arrived: the messages of one mbox (mbox.ts), or
// the separate .eml files of one import or inbox batch, ordered by their Date (mail-batch.ts).
// A later message's correction (later-corrections.ts) is about the accounts of the message it
// answers (mail-thread.ts), else about every account delivered before it: one rule for both.
import { threadOf } from './eml.js';
import { ThreadIndex, type MailThread } from './mail-thread.js';
import { laterCorrections, type LaterCorrections } from './later-corrections.js';
import type { DumpAccount, DumpResult } from '../types.js';

export class Conversation {
  private readonly threads = new ThreadIndex();

  /** `holds`: whether a lower-cased login is among the accounts delivered (a look-up: later-corrections.ts skips a message that can be about none). */
  constructor(private readonly holds?: (login: string) => boolean) {}

  /**
   * What `result` (the next message) says of the accounts `delivered` before it; `fileLines` are
   * its file's lines. `thread`: its headers, when `result` is not the eml reader's own object.
   * `who` and `from` name the two in the reasons.
   */
  next(result: DumpResult, fileLines: string[], delivered: DumpAccount[], thread: MailThread | undefined = threadOf(result), who?: string, from?: string): LaterCorrections {
    const scope = this.threads.answered(thread);
    const earlier = scope ? delivered.filter((a) => scope.has(a.username.toLowerCase())) : delivered;
    const later = laterCorrections(result, fileLines, earlier, scope !== undefined, who, from, this.holds);
    this.threads.add(thread, result.accounts.map((a) => a.username.toLowerCase()));
    return later;
  }

  /** A message that says nothing of the accounts before it (a buyer's question), answered later: its thread, naming `logins`. */
  heard(thread: MailThread, logins: Iterable<string>): void {
    this.threads.add(thread, logins);
  }
}
