// `- URL: https://members.shop.example/login` / `- Username: john_buyer42` / `- Password: X`: the
// login a shop made for its buyer on its own web site, mailed with the order ("An account has been
// created for you with the following access information", JVZoo's first-purchase mail of
// extremeframework/extremeframework, admin/templates/.email.jvzoo.first-purchase.tpl). A labelled
// `Username:` / `Password:` block as a delivery's, it was read as a game account sold. A web
// address under a site's label in the same block (no blank line between) says whose login it is:
// the account is refused by its line, naming the host, never imported. A game's own login page
// there (PTC's `sso.pokemon.com`, `club.pokemon.com`; Google's) is where the account is used: kept.
import { unquote } from './email-quotes.js';

const SITE_LINE = /^(?:[-*•]\s*)?(?:(?:login|log-in|sign[\s-]?in)\s+)?(?:url|link|website|web\s*site|site|page|members?\s*area|client\s*area|portal|dashboard)\s*[:：-]\s*<?(https?:\/\/[^\s/>]+|www\.[^\s/>]+)/i;
/** Where a game account is signed in: its provider's pages, no shop's site. */
const GAME_HOST = /(?:^|\.)(?:pokemon\.com|pokemon-gl\.com|pokemongo\.com|nianticlabs\.com|google\.com|gmail\.com)$/i;
const LOGIN_LABEL = /^(?:[-*•]\s*)?(?:user\s*name|username|user|login)\s*[:：=-]/i;

/** The host of a site's login the block around `line` (a 1-based `Username:` line) names, or undefined. */
export function siteOfBlock(lines: readonly string[], line: number): string | undefined {
  const at = line - 1;
  if (!LOGIN_LABEL.test(unquote(lines[at] ?? '').s.trim())) return undefined;
  for (const step of [-1, 1]) {
    for (let i = at + step, n = 0; n < 3 && i >= 0 && i < lines.length; i += step, n++) {
      const s = unquote(lines[i]!).s.trim();
      if (s === '') break;
      const m = SITE_LINE.exec(s);
      if (!m) continue;
      const host = m[1]!.replace(/^https?:\/\//i, '').replace(/:\d+$/, '').toLowerCase();
      return GAME_HOST.test(host) ? undefined : host;
    }
  }
  return undefined;
}
