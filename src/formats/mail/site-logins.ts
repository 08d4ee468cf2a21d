// `- URL: https://members.shop.example/login` / `- Username: john_buyer42` / `- Password: X`: the
// login a shop made for its buyer on its own web site, mailed with the order ("An account has been
// created for you with the following access information", JVZoo's first-purchase mail of
// extremeframework/extremeframework, admin/templates/.email.jvzoo.first-purchase.tpl). A labelled
// `Username:` / `Password:` block as a delivery's, it was read as a game account sold. A web
// address under a site's label in the same block (no blank line between) says whose login it is:
// the account is refused by its line, naming the host, never imported. A game's own login page
// there (PTC's `sso.pokemon.com`, `club.pokemon.com`; Google's) is where the account is used: kept.
import { unquote } from './email-quotes.js';
import { OTHER_SERVICE_HEADING } from '../other-services.js';
import { isProxy } from '../not-accounts/hosts.js';
import type { DumpAccount, Rejection } from '../types.js';

const SITE_LINE = /^(?:[-*•]\s*)?(?:(?:login|log-in|sign[\s-]?in)\s+)?(?:url|link|website|web\s*site|site|page|members?\s*area|client\s*area|portal|dashboard)\s*[:：-]\s*<?(https?:\/\/[^\s/>]+|www\.[^\s/>]+)/i;
/** Where a game account is signed in: its provider's pages, no shop's site. */
const GAME_HOST = /(?:^|\.)(?:pokemon\.com|pokemon-gl\.com|pokemongo\.com|nianticlabs\.com|google\.com|gmail\.com)$/i;
const LOGIN_LABEL = /^(?:[-*•]\s*)?(?:user\s*name|username|user|login)\s*[:：=-]/i;
const PASSWORD_LABEL = /^(?:[-*•]\s*)?(?:pass\s*word|password|pass|pwd|pw)\s*[:：=-]/i;

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

// A heading that names another service's login above the lines that give it (`MySQL login` /
// `user: root` / `pass: x`, `phpMyAdmin:` / `root:x`, `=== Database ===`): an operator's notes
// and a host's welcome mail put the map's database, panel and server logins beside the accounts.
// A login under it is that service's, never a game account: refused by its line, naming the
// heading, in a list (plain.ts) and a letter (email-text.ts), the same rule as a site's address above.
// A PTC account has no host, port or database, so a `Host:` / `Port:` / `Database:` line in the
// same block (no blank line between) says the same.
// The services' words are one list with the settings keys' (other-services.ts).
const SERVICE = OTHER_SERVICE_HEADING;
/**
 * A line that is only a heading and begins with a service's name: `MySQL login`, `DB:`, `=== phpMyAdmin ===`,
 * `FTP access (host):`. Never a sentence (a stop, `!` or `?` before a blank or the end): a creator's log line
 * `Captcha successful. Sleeping for 1 second...` heads nothing, and the accounts it printed below are its own.
 */
const SERVICE_HEADING = new RegExp(String.raw`^[#=*\-_~\s\[(<|>]*(${SERVICE})(?![\w.@])(?:(?![.!?。](?:\s|$))[^:：=]){0,40}[:：]?[\s#=*\-_~\])>|]*$`, 'i');
/** A label only a server's login has: `Host: localhost`, `Port: 3306`, `Database: rocketmap`, `DB name: x`. */
const SERVICE_LABEL = /^(?:[-*•]\s*)?(host(?:\s?name)?|server\s?(?:address|host|ip)|port|database|db(?:\s?name)?|schema)\s*[:：=]\s*\S/i;
/** Any heading: a line ending with its colon and nothing after it, or one framed by marks (`=== x ===`, `# x`). */
const ANY_HEADING = /^(?:[^:：]{1,60}[:：]|[#=*~_-]{2,}.*|#\s.*)$/;

/**
 * The logins a heading (or a server's label) in their block names as another service's: each
 * account line (1-based) with the words to refuse it. `at` are the candidate lines (1-based), the
 * ones read as no account; `isAccount` says whether a line was read as one.
 */
export function otherServiceLogins(lines: readonly string[], at: Iterable<number>, isAccount: (line: number) => boolean): Map<number, string> {
  const refused = new Map<number, string>();
  for (const line of at) {
    const s = unquote(lines[line - 1] ?? '').s.trim();
    if (s.length > 80) continue;
    // A proxychains line (`http 10.0.0.8 3128`) begins with a service's word too: it heads nothing.
    const heading = isProxy(s) ? null : SERVICE_HEADING.exec(s);
    const label = heading ? undefined : SERVICE_LABEL.exec(s);
    if (!heading && !label) continue;
    const why = heading
      ? `a login under the heading \`${s}\` (line ${line}): another service's login (a database's, a server's or a panel's), not a game account`
      : `a login beside \`${label![1]}:\` (line ${line}): a server's or a database's login, not a game account`;
    const mark = (i: number) => {
      if (isAccount(i + 1) && !refused.has(i + 1)) refused.set(i + 1, why);
    };
    if (heading) {
      // Down the block; a heading alone on its line may stand a blank line above its logins.
      let i = line;
      if ((lines[i] ?? '').trim() === '' && (line < 2 || (lines[line - 2] ?? '').trim() === '')) i++;
      for (; i < lines.length; i++) {
        const t = unquote(lines[i]!).s.trim();
        if (t === '' || (ANY_HEADING.test(t) && !isAccount(i + 1) && !SERVICE_LABEL.test(t))) break;
        mark(i);
      }
      continue;
    }
    // A server's label names only the labelled login of its own block (`Host:` / `User:` / `Password:`,
    // either order), never a `user:pass` line beside it.
    for (const step of [-1, 1]) {
      for (let j = line - 1 + step; j >= 0 && j < lines.length; j += step) {
        const t = unquote(lines[j]!).s.trim();
        if (LOGIN_LABEL.test(t)) mark(j);
        else if (!SERVICE_LABEL.test(t) && !PASSWORD_LABEL.test(t)) break;
      }
    }
  }
  return refused;
}

/**
 * Moves each account `otherServiceLogins` names from `accounts` to `rejected`, by its line. The
 * candidates are the lines read as no account; `candidates` narrows them where the file is large
 * (a list: its refused and skipped lines). Returns whether any was moved.
 */
export function refuseOtherServiceLogins(lines: readonly string[], accounts: DumpAccount[], rejected: Rejection[], candidates?: Iterable<number>): boolean {
  if (accounts.length === 0) return false;
  const at = new Set<number>();
  for (const a of accounts) at.add(a.line);
  const refused = otherServiceLogins(lines, candidates ?? linesBut(lines.length, at), (line) => at.has(line));
  if (refused.size === 0) return false;
  let w = 0;
  for (const a of accounts) {
    const why = refused.get(a.line);
    if (why === undefined) accounts[w++] = a;
    else if (!rejected.some((r) => r.line === a.line)) rejected.push({ line: a.line, reason: why });
  }
  accounts.length = w;
  return true;
}

function* linesBut(n: number, but: ReadonlySet<number>): Iterable<number> {
  for (let line = 1; line <= n; line++) if (!but.has(line)) yield line;
}
