// Which quoted accounts a reply's sentence names: the accounts quoted more deeply than the
// sentence (older than it) whose login is a word of it. One rule for the sentences that give an
// account a verdict (verdict-sentences.ts) or a level (level-sentences.ts).
import { loginRuns, type ProseLine } from './reply-corrections.js';
import type { Found } from './mail-list.js';

/**
 * The indexes in `accounts` of those quoted more deeply than `p` (`deeper`), those of them whose
 * login `p` names (`hits`), and how many logins those are (`logins`: a login's quoted copies count once).
 */
export function quotedHits(p: ProseLine, accounts: readonly Found[]): { deeper: number[]; hits: number[]; logins: number } {
  const named = new Set(loginRuns(p.s));
  const deeper: number[] = [];
  const hits: number[] = [];
  for (let k = 0; k < accounts.length; k++) {
    const a = accounts[k]!;
    if (a.depth <= p.depth) continue;
    deeper.push(k);
    if (named.has(a.username.toLowerCase())) hits.push(k);
  }
  return { deeper, hits, logins: new Set(hits.map((k) => accounts[k]!.username.toLowerCase())).size };
}
