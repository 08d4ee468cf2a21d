// A conversation the last watcher was importing or holding (held-record.ts), read again at start
// from the very bytes it was judged on: the members still waiting in the inbox, and those filed
// meanwhile, found in imported/DAY/ or failed/ by size and sha1 (under their own name, or the
// `name (2)` a taken name gave). The same bytes under the same names read by the same reader give
// the same word on each waiting mail (mail-batch.ts reads no pool), so a restart imports them as
// the conversation would have. A member found nowhere (filed and then deleted, or changed)
// leaves the waiting ones unsure: they are set aside naming it, never read alone.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FAILED_DIR, IMPORTED_DIR } from './ignore.js';
import { judged, readInInbox, type ConversationMail, type MailGroupContext } from './mail-group.js';
import type { HeldMember } from './held-record.js';
import { shownName } from './raw-names.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const sha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');

/** The waiting members of `members`, each with its conversation's word on it, in their import order; none when none waits. */
export async function rebuildHeld(ctx: MailGroupContext, members: readonly HeldMember[]): Promise<ConversationMail[]> {
  const found: ({ path: string; bytes: Buffer; waiting: boolean } | undefined)[] = [];
  let filed: string[] | undefined;
  for (const m of members) {
    const path = join(ctx.inbox, m.name);
    const there = await bytesAt(ctx, m.name, m);
    if (there) {
      found.push({ path, bytes: there, waiting: true });
      continue;
    }
    filed ??= await filedNames(ctx);
    let bytes: Buffer | undefined;
    for (const name of filed) if ((bytes = await bytesAt(ctx, name, m))) break;
    found.push(bytes ? { path, bytes, waiting: false } : undefined);
  }
  const waiting = found.filter((f) => f?.waiting);
  if (waiting.length === 0) return [];
  const lost = members.filter((_, i) => found[i] === undefined).map((m) => shownName(m.name));
  if (lost.length > 0) {
    const reason = `was read with ${lost.join(', ')} as one conversation before the watcher stopped, and ${lost.length === 1 ? 'that mail is' : 'those mails are'} no longer in the inbox, imported/ or failed/ as read: read alone, a reply's correction may be lost or an old password kept; import the mails together (\`accountpool import delivery.eml reply.eml\`)`;
    return waiting.map((f) => ({ path: f!.path, bytes: f!.bytes, result: undefined, unsure: reason }));
  }
  const all = found as { path: string; bytes: Buffer; waiting: boolean }[];
  const mails = await judged(ctx, all.map(({ path, bytes }) => ({ path, bytes })));
  const stays = new Set(waiting.map((f) => f!.path));
  return mails.filter((m) => stays.has(m.path));
}

/** `name`'s bytes when they are `m`'s (size, then sha1). */
async function bytesAt(ctx: MailGroupContext, name: string, m: HeldMember): Promise<Buffer | undefined> {
  const got = await readInInbox(ctx, name, (info) => (info.size === m.size ? 0 : 1)).catch(() => undefined);
  return got && 'bytes' in got && got.bytes.length === m.size && sha1(got.bytes) === m.sha1 ? got.bytes : undefined;
}

/** Every file name (relative to the inbox) in imported/'s day folders, newest day first, and in failed/. */
async function filedNames(ctx: MailGroupContext): Promise<string[]> {
  const list = (rel: string) => readdir(join(ctx.root, rel), { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  const days = (await list(IMPORTED_DIR)).filter((d) => d.isDirectory() && DAY.test(d.name)).map((d) => d.name).sort().reverse();
  for (const day of days) for (const f of await list(`${IMPORTED_DIR}/${day}`)) if (f.isFile()) names.push(`${IMPORTED_DIR}/${day}/${f.name}`);
  for (const f of await list(FAILED_DIR)) if (f.isFile()) names.push(`${FAILED_DIR}/${f.name}`);
  return names;
}
