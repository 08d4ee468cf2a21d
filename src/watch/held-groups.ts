// A conversation's mails (mail-group.ts) whose import stopped at one of them: the pool could not
// take it (a shard that cannot be written, the lock lost), or it was written to meanwhile. The
// mails after it were judged with the mails before it (a reply naming no login applies to the
// account the delivery, imported already, brought), so they are not imported without it, nor
// read again alone at their own turns, where the delivery, filed by then, is no longer beside
// them. They are held here, each with its conversation's result, and tried again together at the
// stopped mail's retry, in their order. A mail changed meanwhile is read alone (process-file.ts
// compares its bytes with those it was judged on).
//
// On disk too (held-record.ts): a watcher killed, or run again with `--once`, reads such a
// conversation again at start from the same bytes (held-rebuild.ts), the filed mails with it.
//
// Memory: a group holds its mails' bytes and results; the bytes of a group are at most
// max_dump_size together (mail-group.ts), as much as one file being imported.
import type { ConversationMail } from './mail-group.js';

export class HeldGroups {
  private readonly byPath = new Map<string, ConversationMail[]>();

  /** `rest`, from the mail that stays in the inbox on: tried again at that mail's turn. */
  hold(rest: ConversationMail[]): void {
    for (const mail of rest) this.byPath.set(mail.path, rest);
  }

  /** Whether `path` waits with its conversation (another group takes it not). */
  readonly has = (path: string): boolean => this.byPath.has(path);

  /**
   * At `path`'s turn: its held conversation when `path` is the mail it stopped at (no longer held:
   * it is being tried); `later` when `path` waits for an earlier mail of it; undefined when
   * `path` is held in none.
   */
  take(path: string): ConversationMail[] | 'later' | undefined {
    const group = this.byPath.get(path);
    if (!group) return undefined;
    if (group[0]!.path !== path) return 'later';
    for (const mail of group) this.byPath.delete(mail.path);
    return group;
  }
}
