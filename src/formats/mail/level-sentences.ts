// A reply's sentence correcting the level its quoted delivery stated: "Quick correction to my last
// mail: both accounts are level 25, not 30." above `> Accounts (level 30):`. The quoted heading
// gave every account 30; the seller's later word is 25. Read as the level of the accounts the
// sentence means: the one delivered login it names, or, naming none, all the accounts it quotes
// when it says so (`both`, `all`, `every`, `these`, `them`). Only a sentence newer than the
// accounts (quoted less deeply) that says it corrects (`correction`, `actually`, `sorry`, `wrong`,
// `typo`, or `not 30` beside the new level), states one level and asks nothing: "all level 30" in a
// greeting, "is it level 25?" or two levels named change nothing.
import type { ProseLine } from './reply-corrections.js';
import { quotedHits } from './quoted-hits.js';
import type { Found } from './mail-list.js';
import { isTrainerLevel } from '../../model.js';

const LEVEL = /\b(?:level|lvl|lv)\.?[ \t]*(\d{1,2})\b/gi;
/** The level said wrong: `not 30`, `not level 30`, `instead of 30`. */
const WAS = /\b(?:not|instead of)[ \t]+(?:(?:level|lvl|lv)\.?[ \t]*)?(\d{1,2})\b/gi;
const CORRECTS = /\b(?:correction|corrected|actually|sorry|wrong|mistake|typo)\b|\b(?:not|instead of)[ \t]+(?:(?:level|lvl|lv)\.?[ \t]*)?\d{1,2}\b/i;
const ALL = /\b(?:both|all|every|each|these|those|them|they)\b/i;

/** The level each account a sentence corrects gets: the account's index in `accounts`, the level and the sentence's line. */
export function levelSentences(prose: readonly ProseLine[], accounts: readonly Found[]): { at: number; level: number; line: number }[] {
  const out: { at: number; level: number; line: number }[] = [];
  if (accounts.length === 0) return out;
  const given = new Set<number>();
  for (const p of prose) {
    // A cheap look first: most prose names no level.
    if (!/l(?:e?v)/i.test(p.s) || p.s.includes('?') || !CORRECTS.test(p.s)) continue;
    const was = new Set([...p.s.matchAll(WAS)].map((m) => Number(m[1])));
    const said = new Set([...p.s.matchAll(LEVEL)].map((m) => Number(m[1])).filter((n) => !was.has(n)));
    if (said.size !== 1) continue;
    const level = [...said][0]!;
    if (!isTrainerLevel(level)) continue;
    const { deeper, hits, logins } = quotedHits(p, accounts);
    // One login named: that account; none named, the sentence speaking of them all: every quoted account.
    const meant = logins === 1 ? hits : logins === 0 && ALL.test(p.s) ? deeper : [];
    for (const k of meant) {
      if (given.has(k)) continue;
      given.add(k);
      out.push({ at: k, level, line: p.line });
    }
  }
  return out;
}
