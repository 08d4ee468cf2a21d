// A reply's sentence that a delivered account was banned: "you are right, elmgrove34 was banned
// before delivery. Here is a replacement: ..." above the delivery it quotes (Outlook's top-posted
// support replies, Gmail's `On ... wrote:`). The quoted delivery still lists the account; the
// seller's later word says it is banned. Read as that account's verdict, as a `Status: banned`
// line would give it (verdict-words.ts), never as an account: the sentence gives no password.
// Only a sentence newer than the account (quoted less deeply), naming exactly one delivered login,
// saying `banned` and no negation or question: "is ash01 banned?", "ash01 is not banned", "none
// of them were banned" leave every account as it is.
import type { ProseLine } from './reply-corrections.js';
import { quotedHits } from './quoted-hits.js';
import type { Found } from './mail-list.js';
import type { State } from '../../model.js';

/** `banned`, `temp banned`, `temporarily banned`, `perma-banned`: the verdict and its word. */
const BANNED = /\b(?:(temp(?:orar(?:il)?y)?)[ -]?)?banned\b/i;
/** A negation, a doubt or a question: the sentence states no verdict. */
const NOT_STATED = /\?|\b(?:not|never|no|none|nobody|neither|nor|if|whether|maybe|might|may|could|cannot|can't|isn't|wasn't|aren't|weren't|won't|don't|doesn't|didn't|hasn't|haven't)\b/i;

/**
 * The verdicts the mail's sentences give its quoted accounts: the account's index in `accounts`
 * and the state, one per account (the first sentence's), only for an account with no verdict yet.
 */
export function verdictSentences(prose: readonly ProseLine[], accounts: readonly Found[]): { at: number; state: State; line: number }[] {
  const out: { at: number; state: State; line: number }[] = [];
  if (accounts.length === 0) return out;
  const given = new Set<number>();
  for (const p of prose) {
    // A cheap look first: most prose names no ban.
    if (!/banned/i.test(p.s)) continue;
    const m = BANNED.exec(p.s);
    if (!m || NOT_STATED.test(p.s)) continue;
    // One login named (its quoted copies aside): which account a sentence naming two means is unsure.
    const { hits, logins } = quotedHits(p, accounts);
    if (logins !== 1) continue;
    for (const k of hits) {
      if (given.has(k) || accounts[k]!.state !== undefined) continue;
      given.add(k);
      out.push({ at: k, state: m[1] ? 'temp_banned' : 'perm_banned', line: p.line });
    }
  }
  return out;
}
