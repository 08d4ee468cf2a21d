// The order a conversation's messages are read in (conversation.ts): a later message's password is
// the newer one, so the order decides which password an account keeps. By their Date headers; and
// a reply never before the message it answers (In-Reply-To / References, RFC 5322 3.6.4), whatever
// its Date says: a seller's phone with its clock behind, or a reply saved with the time zone lost.
// Gmail Takeout's mbox, an archive's members and a folder's names come in no order of their own.
import type { MailThread } from './mail-thread.js';

/**
 * Indices of `threads` in reading order: by Date (`byDate` false: in the order given, as an mbox
 * with an undated message keeps its file's order), ties and undated ones by `tie`; then each reply
 * moved after the messages it answers, the rest keeping their places. A loop of answers (forged
 * headers) is read in the Date order.
 */
export function conversationOrder(threads: (MailThread | undefined)[], tie: (a: number, b: number) => number, byDate = true): number[] {
  const date = (i: number) => threads[i]?.date ?? Number.POSITIVE_INFINITY;
  const ranked = threads.map((_, i) => i);
  if (byDate) ranked.sort((a, b) => date(a) - date(b) || tie(a, b));
  const byId = new Map<string, number>();
  for (const i of ranked) {
    const id = threads[i]?.id;
    if (id !== undefined && !byId.has(id)) byId.set(id, i);
  }
  // Each message read once every message it answers is: Kahn's order, the earliest ranked first.
  const rank = new Map(ranked.map((i, r) => [i, r]));
  const waitsFor = threads.map(() => 0);
  const answeredBy = threads.map((): number[] => []);
  for (const [i, t] of threads.entries()) {
    for (const id of new Set(t?.answers ?? [])) {
      const j = byId.get(id);
      if (j === undefined || j === i) continue;
      waitsFor[i]!++;
      answeredBy[j]!.push(i);
    }
  }
  const out: number[] = [];
  const done = new Set<number>();
  const ready = ranked.filter((i) => waitsFor[i] === 0);
  while (out.length < threads.length) {
    // A loop: the earliest ranked message not read yet goes next.
    const next = ready.length > 0 ? ready.shift()! : ranked.find((i) => !done.has(i))!;
    if (done.has(next)) continue;
    done.add(next);
    out.push(next);
    for (const k of answeredBy[next]!) {
      if (--waitsFor[k]! !== 0 || done.has(k)) continue;
      // Into `ready` at its rank: the messages keep their Date order among those ready.
      const at = ready.findIndex((r) => rank.get(r)! > rank.get(k)!);
      ready.splice(at < 0 ? ready.length : at, 0, k);
    }
  }
  return out;
}
