// The .eml files waiting in the inbox at once (a seller's delivery and its reply dropped together,
// a folder of saved mails copied in), and the messages of an .mbox among them (the delivery kept
// in Thunderbird's local folder, the reply saved as .eml), are one conversation, read as `accountpool import a.eml b.eml`
// reads them (mail-batch.ts): in Date order, a reply's correction scoped only by In-Reply-To or
// References applied to the account another file delivers. Each file is still imported and filed
// on its own (process-file.ts), into imported/ or failed/ with its own reasons, in that order.
// The files are read here as safely as a file the watcher imports (inbox-folder.ts, read-file.ts);
// a file read again for its import is given the conversation's result only when its bytes are the
// ones read here: a mail changed in between is read alone, never judged on two contents.
import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { isConversationName, readMailBatch } from '../formats/mail/mail-batch.js';
import { readDump } from '../formats/index.js';
import type { DumpResult } from '../formats/types.js';
import { inboxRelative, type IgnoreRule } from './ignore.js';
import { openInboxFolder, splitRel } from './inbox-folder.js';
import { ChangedWhileRead, openListed, readAll } from './read-file.js';
import { shownName } from './raw-names.js';
import { scanInbox } from './scan.js';
import { collectIfGrown } from './give-back.js';

/** One mail of the conversation: the bytes it was judged on, and its result there (undefined: read alone). */
export interface ConversationMail {
  path: string;
  bytes: Buffer;
  result: DumpResult | undefined;
  /** Why it cannot be judged with its conversation (held-rebuild.ts): set aside with this reason, never read alone. */
  unsure?: string;
  /** Its result there when the conversation left it as read alone (mail-batch.ts): imported as read, not parsed twice. */
  alone?: DumpResult;
}

export interface MailGroupContext {
  inbox: string;
  root: string;
  settleMs: number;
  maxSize: number;
  /** The pool's max_dump_lines: a mail past it is no mail of a conversation (mail-batch.ts). */
  maxLines?: number;
  ignored: IgnoreRule;
}

/**
 * The mails waiting with `path` (itself among them), in the order they are to be imported; or how
 * long to wait while one of them is still being written (`cp *.eml inbox/`: the first one settles
 * before the last); undefined when `path` is no mail or waits alone. `heldElsewhere`: mails
 * waiting with a conversation of their own (held-groups.ts), left out.
 */
export async function mailGroup(ctx: MailGroupContext, path: string, now = Date.now(), heldElsewhere: (path: string) => boolean = () => false): Promise<ConversationMail[] | { retryMs: number } | undefined> {
  if (!isConversationName(path)) return undefined;
  // A mail held with its own conversation (held-groups.ts) is tried with it, not here.
  const others = (await scanInbox(ctx.inbox, ctx.ignored, { root: ctx.root })).filter((p) => isConversationName(p) && p !== path && !heldElsewhere(p));
  if (others.length === 0) return undefined;
  const read: { path: string; bytes: Buffer }[] = [];
  let retryMs = 0;
  let held = 0;
  for (const p of [path, ...others]) {
    const got = await readWaiting(ctx, p, now).catch(() => undefined);
    if (got === undefined) continue; // gone, a link, unreadable: its own turn says why
    if ('retryMs' in got) retryMs = Math.max(retryMs, got.retryMs);
    // No more mails held at once than one dump may weigh (a folder of 10,000 saved mails copied in):
    // those past it are a conversation of their own, at their turn.
    else if (held + got.bytes.length <= ctx.maxSize || read.length === 0) {
      held += got.bytes.length;
      read.push({ path: p, bytes: got.bytes });
    }
  }
  if (retryMs > 0) return { retryMs };
  if (read.length < 2) return undefined;
  return judged(ctx, read);
}

/** `read`'s mails judged as one conversation (mail-batch.ts), in the order they are to be imported. */
export async function judged(ctx: MailGroupContext, read: { path: string; bytes: Buffer }[]): Promise<ConversationMail[]> {
  const { results, alone, order } = await readMailBatch(
    read.map((m) => ({ name: shownName(inboxRelative(ctx.inbox, m.path) ?? m.path), bytes: m.bytes })),
    // Each mail's parse leaves garbage (mailparser's copies of a 4.5 MB mail's parts), which V8
    // let pile up over the group: ten such mails peaked 477 MB against 230 MB read one by one.
    // Collected after each mail once it grew (give-back.ts), as between two inbox files.
    (input) => readDump(input).finally(collectIfGrown),
    ctx.maxLines,
  );
  return order.map((i) => ({ ...read[i]!, result: results[i], ...(alone[i] ? { alone: alone[i] } : {}) }));
}

/** `path`'s bytes, read through its held folder without following a link; its wait when written to lately. */
async function readWaiting(ctx: MailGroupContext, path: string, now: number): Promise<{ bytes: Buffer } | { retryMs: number } | undefined> {
  const name = inboxRelative(ctx.inbox, path);
  if (!name) return undefined;
  // Written to within the settle time: not finished (settle.ts), the whole group waits for it.
  return readInInbox(ctx, name, (info) => {
    const age = now - info.mtimeMs;
    return age < ctx.settleMs ? Math.max(1, ctx.settleMs - age) : 0;
  });
}

/**
 * The bytes of the file `name` (relative to the inbox), read through its held folder without
 * following a link (inbox-folder.ts, read-file.ts); undefined when it is no file there; `wait`'s
 * answer instead when it asks to wait.
 */
export async function readInInbox(ctx: MailGroupContext, name: string, wait: (info: Stats) => number = () => 0): Promise<{ bytes: Buffer } | { retryMs: number } | undefined> {
  const { dir, base } = splitRel(name);
  const folder = await openInboxFolder(ctx.root, dir);
  try {
    const info = await lstat(folder.at(base));
    if (!info.isFile()) return undefined;
    const retryMs = wait(info);
    if (retryMs > 0) return { retryMs };
    const opened = await openListed(folder, base, info);
    if (opened === undefined || opened === 'replaced') return undefined;
    try {
      return { bytes: await readAll(opened, ctx.maxSize) };
    } catch (error) {
      // Written to while read: looked at again once it settles.
      if (error instanceof ChangedWhileRead) return { retryMs: ctx.settleMs };
      throw error;
    } finally {
      await opened.handle.close();
    }
  } finally {
    await folder.close();
  }
}
