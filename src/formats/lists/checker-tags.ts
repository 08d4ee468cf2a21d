// The tag a combo checker prints before each account on its console: `[HIT] user:pass`,
// `[FAIL] user:pass`, and the tags that give no verdict. A colorama checker (code corpus file
// 43885910041) prints `[CHECKING] {username}:{password}` when a thread takes the account, then one
// result line for it: `[HIT]`, `[FAIL]`, `[2FA]`, `[CAPTCHA]`, `[RATE LIMITED]`, or `[ERROR]
// {username}:{password} - {result}`; its threads interleave them, so the progress lines come in
// a run and the results after. jrewv/ptc-capturer `.github/workflows/capturer.py` prints `[HIT]`,
// `[FAIL]`, `[BLOCKED] CAPTCHA detected for {username}:{password}` and `[ERROR]
// {username}:{password} → {error}`. The verdict tags (verdict-words.ts) say what the account is;
// the others say the checker could not tell: the account is read with no verdict, never a
// healthy one. A progress line is no second account: where a result line gives the same account,
// the progress line is read past; a captcha's tag gives the captcha flag, an error's a failed check (withCheckerTags).
import type { DumpAccount, DumpResult } from '../types.js';
import { isNoVerdictTag, statusState } from './verdict-words.js';
import { checkerFields } from '../tools/checker-fields.js';
import { lineTail } from './line-tail.js';
import { ANY_LEVEL_WORDS } from './level-words.js';

/** The no-verdict tags a failed check prints its error text after. */
const ERROR_TAG = /^(?:error|retry|retrying|timeout|unknown|rate[ -]?limit(?:ed)?)$/i;
/** A bracketed word before the account (`[HIT] `, `[FAIL] `, `[2FA] `, `[RATE LIMITED] `), then a blank. */
const TAG = /^\[([A-Za-z0-9][A-Za-z0-9 ]{0,20})\][ \t]+(?=\S)/;
/** A first word that holds a login, a separator and more: `user:pass`, not `Hits:` or `solving...`. */
const ACCOUNT_WORD = /^[^\s:;,|]+[:;,|]+[^\s:;,|]/;

/**
 * `[BLOCKED] CAPTCHA detected for user:pass`: the checker's words between its tag and the
 * account, ending with `for`. After the account, a blank, then a mark the checkers print between
 * a result and what they add (an error's text, a hit's captures: checker-fields.ts lastSeparator).
 */
const REASON_FOR = /^(?:[A-Za-z]+[ \t]+){1,3}for[ \t]+(?=\S+$)/i;
const THEN = /^(\S+)[ \t]+(?:→|->|-|–|\||»|•|=>|::)[ \t]+\S/;
/** Or a note that says what it is: in brackets (`(Level 31)`), labelled (`Level: 30`, `Team = Valor`), or a level word (`lvl 30`). */
const NOTE_AFTER = new RegExp(String.raw`^\S+[ \t]+(?:[([{]|[A-Za-z]{2,20}[ \t]*[:=][ \t]*\S|(?:${ANY_LEVEL_WORDS})\.?[ \t]*\d)`, 'i');

/**
 * The line with a checker's tag moved after the account (`user:pass | HIT`, `user:pass |
 * RATE-LIMITED`), where the account's end is sure: the rest of the line is the account alone, or
 * the account, a blank and one of the checkers' marks (`user:pass » Lvl: 30`, `user:pass →
 * error`: an error's text is dropped, a hit's captures left for the note readers). A tag before
 * words the checker never adds (`[HIT] user:Pika 01`: the password `Pika 01`, or `Pika` and a
 * level?) stays where it is, and the line is refused as unsure (taggedLineReason). The line itself
 * when it opens with no checker's tag.
 */
export function withTagAfter(line: string): string {
  const s = withWordTag(line);
  const tag = TAG.exec(s);
  if (!tag) return s;
  const said = statusOnly(s);
  if (said) return `${said.account} | ${said.tag}`;
  const word = tag[1]!.trim();
  const verdict = statusState(word) !== undefined;
  if (!verdict && !isNoVerdictTag(word)) return line;
  let rest = s.slice(tag[0].length);
  if (!verdict) {
    const lead = REASON_FOR.exec(rest);
    if (lead) rest = rest.slice(lead[0].length);
  }
  // `[CHECKING] aaa0`, `[HIT] Hits: 3`: a login alone or a count, no account to move the tag after (`aaa0 | CHECKING` would read as one).
  if (!ACCOUNT_WORD.test(rest)) return line;
  if (/\s/.test(rest)) {
    const then = THEN.exec(rest);
    if (!then && !NOTE_AFTER.test(rest)) return line;
    // An error's text, or captures no reader reads (`| Country = US | Plan = Free`, OpenBullet's
    // `<DATA> | <CAPTURE>`): the account before them, as the checker printed it; a hit's level and
    // team, read where the note readers read every word (`» Lvl: 30 » Team: Valor`).
    if (then) {
      if (ERROR_TAG.test(word)) rest = then[1]!;
      else if (!readWhole(`${rest} | ${tagged(word)}`, then[1]!)) rest = withLevelCaptures(rest, then[1]!);
    }
  }
  // After a bar, not in its brackets: a password holding `[` (`Pika[02`) would open what the tag's `]` closed.
  return `${rest} | ${tagged(word)}`;
}

/**
 * A hit's captures some of which no reader reads (`user:pass | level 30 | team Mystic | last login
 * 2017-11-14`): the account and its level's capture, the rest read past as OpenBullet's unknown
 * captures are (`| Country = US`). The account alone where no capture states a level, or where
 * the captures are split by another mark than the one after the account.
 */
function withLevelCaptures(rest: string, account: string): string {
  const mark = rest.slice(account.length).match(/^[ \t]+(\S+)[ \t]+/)?.[1];
  if (mark === undefined) return account;
  const cells = rest.slice(account.length).split(` ${mark} `).map((c) => c.trim()).filter((c) => c !== '');
  const level = cells.find((c) => LEVEL_CAPTURE.test(c));
  return level !== undefined && readWhole(`${account} ${mark} ${level} | OK`, account) ? `${account} ${mark} ${level}` : account;
}
const LEVEL_CAPTURE = new RegExp(String.raw`^(?:${ANY_LEVEL_WORDS})\.?[ \t]*(?:[:=][ \t]*)?\d{1,2}$`, 'i');

/**
 * `[+] SUCCESS: user:pass`, `[-] FAILED: user:pass | Reason: ...`, `[*] Trying: user:pass`: a
 * mark in brackets, then the tag's word and a colon, as a Roblox login checker prints its lines
 * (code corpus file 24119245186: `print(f"[+] SUCCESS: {username}:{password}")`, `[-] FAILED:
 * {username}:{password} | Reason: {message}`, `| Status: {code}`, and `[*] Trying:` before each
 * check): read as the word's own tag (`[SUCCESS] user:pass`). Any other line as it is.
 */
export function withWordTag(line: string): string {
  const s = withoutTimestamp(line);
  if (s.charCodeAt(1) !== 43 && s.charCodeAt(1) !== 45 && s.charCodeAt(1) !== 42) return s;
  const m = SYMBOL_TAG.exec(s);
  if (!m) return s;
  const word = m[1]!;
  return statusState(word) !== undefined || isNoVerdictTag(word) ? `[${word}] ${s.slice(m[0].length)}` : s;
}
/**
 * A checker's line with the time it printed it first (`[12:01:02] [GOOD] user:pass`, `2017-11-14
 * 12:01:02 [BANNED] user:pass`, `[2017-11-14 12:01:02,417] [ERROR] ...`: a logging format's
 * `%(asctime)s` or a `datetime.now().strftime(...)` in brackets): the line after the time, where a
 * tag in brackets follows it. A bare tag after a time is read as the tag in brackets
 * (`12:01:02 GOOD user:pass`, `2017-11-14 12:01:02,417 - INFO - BANNED user:pass`): the time, a
 * colon or a bar or dash between blanks (MathiasBjorgum/TDT4310---Project `helpers/helpers.py`
 * `console_print` prints `tid + ": " + message`), a logging format's level between them
 * (KoSTiii/PokeBotPython `main.py`: `'%(asctime)s:%(levelname)s: %(message)s'`; Python's logging
 * HOWTO's `'%(asctime)s %(message)s'`, its time `2017-11-14 12:01:02,417`), then a verdict's or a
 * checker's word and an account: `12:01:02 checking ash01 ...` names no account and stays a log
 * line. Any other line as it is.
 */
function withoutTimestamp(s: string): string {
  const c = s.charCodeAt(0);
  if (c !== 91 && (c < 48 || c > 57)) return s;
  const m = TIMESTAMP.exec(s);
  if (m) return s.slice(m[0].length);
  const bare = BARE_TIMED.exec(s);
  if (!bare) return s;
  const word = bare[1]!;
  return statusState(word) !== undefined || isNoVerdictTag(word) ? `[${word}] ${s.slice(bare[0].length)}` : s;
}
const TIME = String.raw`(?:\d{4}[-/.]\d{2}[-/.]\d{2}(?:[ T]|[ \t]*(?:\|[ \t]*)?)|\d{2}[-/.]\d{2}[-/.]\d{4}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,6})?(?:[ \t]*[AP]M)?`;
const TIMESTAMP = new RegExp(String.raw`^(?:\[[ \t]*)?${TIME}(?:[ \t]*\])?[ \t]+(?:\|[ \t]+)?(?=\[[A-Za-z0-9+*-])`);
/** Between a time and what follows it: blanks, a colon, or a bar or dash between blanks. */
const AFTER_TIME = String.raw`(?::?[ \t]+(?:[-|][ \t]+)?|:)`;
/** A logging format's level: `INFO`, `[INFO]`, `INFO:`, `- INFO -`. */
const LOG_LEVEL = String.raw`(?:\[?(?:INFO|NOTICE|WARNING|WARN|SUCCESS|DEBUG|ERROR|CRITICAL)\]?${AFTER_TIME})?`;
const BARE_TIMED = new RegExp(String.raw`^(?:\[[ \t]*)?${TIME}(?:[ \t]*\])?${AFTER_TIME}${LOG_LEVEL}([A-Za-z][A-Za-z0-9-]{0,20})(?::?[ \t]+(?:[-|»→][ \t]+)?)(?=[^\s:;,|]+[:;,|]+[^\s:;,|])`);
const SYMBOL_TAG = /^\[[-+*]\][ \t]+([A-Za-z][A-Za-z ]{0,20}?)[ \t]*:[ \t]+(?=\S)/;

/**
 * `[-] FAILED: user:pass | Status: 429`: the Roblox login checker (code corpus file 24119245186)
 * prints `| Status: {login_res.status_code}` when the answer held no error message, so no word on
 * the password: 429 is HTTP's Too Many Requests (RFC 6585 section 4), a 5xx the server's own error
 * (RFC 9110 section 15.6). The check failed; the account is no `invalid` one (a `RATE-LIMITED` or
 * `ERROR` tag, as the colorama checker prints them). Undefined for any other line.
 */
function statusOnly(tagged: string): { account: string; tag: string } | undefined {
  const m = STATUS_ONLY.exec(tagged);
  if (!m || statusState(m[1]!) !== 'invalid') return undefined;
  return { account: m[2]!, tag: m[3] === '429' ? 'RATE-LIMITED' : 'ERROR' };
}
const STATUS_ONLY = /^\[([A-Za-z ]{1,20})\][ \t]+(\S+)[ \t]+\|[ \t]+Status:[ \t]*(429|5\d\d)[ \t]*$/;

/** The tag's word as one note word: `RATE LIMITED` as `RATE-LIMITED`, so no reader splits it. */
function tagged(word: string): string {
  return word.replace(/[ \t]+/g, '-');
}

/** Whether the note readers read every word after `account` on `line`. */
function readWhole(line: string, account: string): boolean {
  return checkerFields(line)?.line === account || lineTail(line)?.line === account;
}

/**
 * Why a line is refused: a checker's tag is still before an account (withTagAfter left it there),
 * so words follow the password that the checker does not add. Undefined for any other line.
 */
export function taggedLineReason(line: string): string | undefined {
  if (line.charCodeAt(0) !== 91) return undefined;
  const s = withWordTag(line);
  const tag = TAG.exec(s);
  if (!tag || !ACCOUNT_WORD.test(s.slice(tag[0].length))) return undefined;
  const word = tag[1]!.trim();
  if (statusState(word) === undefined && !isNoVerdictTag(word)) return undefined;
  return `a checker's \`[${word}]\` line with a blank and more words after the password: a password holding a blank, or a note after it? Where the password ends is unsure`;
}

/** A progress tag at a line's start, and an account after it. */
const PROGRESS_LINE = /^[ \t]*\[(?:checking|trying|testing|check|try)\][ \t]+\S/i;
/** A tag saying the game asked for a captcha (ptc-capturer's `[BLOCKED] CAPTCHA detected for`), or that the check itself failed. */
const CAPTCHA_LINE = /^[ \t]*\[(?:captcha|blocked)\][ \t]+\S/i;
const ERROR_LINE = /^[ \t]*\[(?:error|retry|retrying|timeout|unknown|rate[ -]?limit(?:ed)?)\][ \t]+\S/i;
/** A cheap first look over the whole text. */
const ANY_TAG = /^[ \t]*(?:(?:\[[ \t]*)?\d[\d:.,/ T-]{4,25}(?:[AP]M)?\]?[ \t]+(?:\|[ \t]+)?)?\[(?:[-+*]\][ \t]+[A-Za-z]+[ \t]*:|(?:checking|trying|testing|check|try|captcha|blocked|error|retry|retrying|timeout|unknown|rate[ -]?limit(?:ed)?)\][ \t])/im;
/** The same for a tag without brackets after a time (`12:01:02 checking user:pass`, withoutTimestamp). */
const ANY_BARE_TAG = /^[ \t]*\[?\d[\d:.,/ T-]{4,25}(?:[AP]M)?\]?(?::?[ \t]+(?:[-|][ \t]+)?|:)(?:\[?[A-Z]{4,8}\]?(?::?[ \t]+(?:[-|][ \t]+)?|:))?(?:checking|trying|testing|check|try|captcha|blocked|error|retry|retrying|timeout|unknown|rate-?limit(?:ed)?):?[ \t]/im;

/**
 * The read as a checker's console says it: the accounts of progress lines (`[CHECKING] user:pass`)
 * whose account another line of the file gives (its result, `[HIT] user:pass`) read past as the
 * console's log, one with no result line kept with no verdict (its tag gave none); a `[CAPTCHA]`
 * or `[BLOCKED]` line's account given the captcha flag, as PGNumbra's accounts-captcha.csv gives
 * it, and an `[ERROR]`, `[TIMEOUT]` or `[RATE LIMITED]` one a failed check (it sits out the
 * check_error time), as accounts-error.csv does (verdict-files.ts). Only for a text read line by
 * line (a list, a letter): a mail's lines are its parts'.
 */
export function withCheckerTags(result: DumpResult, text: string): DumpResult {
  if (result.accounts.length === 0 || !(ANY_TAG.test(text) || ANY_BARE_TAG.test(text))) return result;
  const lines = text.split('\n');
  const progress = new Set<number>();
  let flagged = false;
  const accounts = result.accounts.map((a) => {
    const line = withWordTag((lines[a.line - 1] ?? '').trimStart());
    if (PROGRESS_LINE.test(line)) progress.add(a.line);
    if (a.state !== undefined) return a;
    if (CAPTCHA_LINE.test(line)) {
      flagged = true;
      return { ...a, history: { ...a.history, captcha: true } };
    }
    if (ERROR_LINE.test(line) || statusOnly(line)) {
      flagged = true;
      return { ...a, checkError: true as const };
    }
    return a;
  });
  const key = (a: DumpAccount) => `${a.username}\n${a.password}`;
  const results = new Set(accounts.filter((a) => !progress.has(a.line)).map(key));
  const echoes = new Set(accounts.filter((a) => progress.has(a.line) && results.has(key(a))));
  // A check begun and never answered: the Roblox checker prints `[*] Trying: user:pass`, then on a
  // proxy's failure, a page that is no JSON or a captcha only its own lines (`[-] Proxy connection
  // failed: ...`, `[!] CAPTCHA or suspicious activity detected.`) and the next `Trying`. Where
  // the file answers other checks, such an account is a failed check (a captcha's, flagged),
  // never one read as healthy.
  const unanswered = results.size > 0 ? accounts.filter((a) => progress.has(a.line) && !echoes.has(a) && a.state === undefined && !a.checkError) : [];
  const consoleLog = timedConsoleLog(result, lines);
  if (echoes.size === 0 && !flagged && unanswered.length === 0 && consoleLog.size === 0) return result;
  const failed = new Map(unanswered.map((a) => [a, captchaAfter(lines, a.line) ? { ...a, history: { ...a.history, captcha: true } } : { ...a, checkError: true as const }]));
  const rejected = consoleLog.size > 0 ? result.rejected.filter((r) => !consoleLog.has(r.line)) : result.rejected;
  return { ...result, accounts: accounts.filter((a) => !echoes.has(a)).map((a) => failed.get(a) ?? a), rejected, skipped: [...(result.skipped ?? []), ...[...echoes].map((a) => ({ line: a.line, kind: 'log' as const })), ...[...consoleLog].map((line) => ({ line, kind: 'log' as const }))] };
}

/**
 * A console whose results open with a time (`12:01:03: HIT user:pass`): its other timed lines a
 * reader named for what they are (`12:01:02: Loaded 3 accounts`, a log line; `12:01:02: checking
 * ash01 ...`) are its log, read past as a progress line is, not refused. A line refused as an
 * account (no kind given: `username contains blanks`) stays refused.
 */
function timedConsoleLog(result: DumpResult, lines: string[]): Set<number> {
  const out = new Set<number>();
  if (!result.accounts.some((a) => isTimedResult(lines[a.line - 1] ?? ''))) return out;
  for (const r of result.rejected) if (r.kind !== undefined && TIMED_LINE.test(lines[r.line - 1] ?? '')) out.add(r.line);
  return out;
}

/** Whether the checker's lines after the progress line at `line` (1-based), up to the next tagged account, say a captcha stopped it. */
function captchaAfter(lines: string[], line: number): boolean {
  for (let i = line; i < lines.length && i < line + 8; i++) {
    const s = withWordTag(lines[i]!.trimStart());
    if (PROGRESS_LINE.test(s) || TAG.test(s)) return false;
    if (/^\[[!*-]\][ \t]+.*\bcaptcha\b/i.test(s)) return true;
  }
  return false;
}

/** A checker's debug line opening a dump of what the site answered: `[DEBUG] Response for user:`. */
const DEBUG_OPENS = /^[ \t]*\[(?:debug|trace|verbose|response)\][ \t]+\S.*:[ \t]*$/i;

/**
 * The lines (1-based) of a checker's debug dumps: from its `[DEBUG] Response for user:` line to
 * the next line opening with a checker's tag, the page's HTML or JSON printed between
 * (jrewv/ptc-capturer `capturer.py`: `print(f"[DEBUG] Response for {username}:")`, then
 * `print(res_text)`, then `[HIT]`, `[FAIL]`, `[BLOCKED] ...` for the same account). They are the
 * console's log, not code or data pasted among the accounts: a reader refuses them by their
 * lines, and the file is no less an account dump for them (choose.ts). Empty when the text has none.
 */
export function checkerDebugLines(text: string): Set<number> {
  const found = checkerLogLines(text);
  timedLogLines(text, found);
  if (!/^[ \t]*\[(?:debug|trace|verbose|response)\]/im.test(text)) return found;
  const lines = text.split('\n');
  let open = false;
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!;
    if (DEBUG_OPENS.test(s)) {
      open = true;
      found.add(i + 1);
      continue;
    }
    const tag = TAG.exec(s.trimStart());
    if (tag && (statusState(tag[1]!) !== undefined || isNoVerdictTag(tag[1]!))) open = false;
    else if (open) found.add(i + 1);
  }
  return found;
}

/** A line opening with a time, bare or in brackets (`12:01:02: `, `2017-11-14 12:01:02,417:INFO: `, `[12:01:02] `). */
const TIMED_LINE = /^[ \t]*\[?[ \t]*(?:\d{4}[-/.]\d{2}[-/.]\d{2}[ T]|\d{2}[-/.]\d{2}[-/.]\d{4}[ T])?\d{1,2}:\d{2}:\d{2}/;

/**
 * A checker's console whose results open with the time they were printed (`12:01:03: HIT
 * user:pass`, withoutTimestamp): its other lines opening with a time (`12:01:02: Loaded 3
 * accounts`, `12:01:02: checking ash01 ...`, `12:01:05: Done. Hits: 2`) are the same console's
 * log, no code or data pasted among the accounts (choose.ts). Added to `found`; none where no
 * timed line is a checker's result.
 */
function timedLogLines(text: string, found: Set<number>): void {
  const lines = text.split('\n');
  if (!lines.some(isTimedResult)) return;
  for (let i = 0; i < lines.length; i++) if (TIMED_LINE.test(lines[i]!)) found.add(i + 1);
}

/** Whether `s` is a checker's result after a time: a timed line whose tag is a verdict or a tag of no verdict. */
function isTimedResult(s: string): boolean {
  if (!TIMED_LINE.test(s)) return false;
  const tag = TAG.exec(withWordTag(s.trimStart()));
  return tag !== null && (statusState(tag[1]!.trim()) !== undefined || isNoVerdictTag(tag[1]!.trim()));
}

/** A log line of a checker that marks its lines with a sign or a picture in brackets: `[!] ...`, `[-] ...`, `[🌐] ...`, `[⏳] ...`. */
const MARKED_LINE = /^[ \t]*\[(?:[-+*!~]|\p{Extended_Pictographic}\uFE0F?)\][ \t]+\S/u;

/**
 * The Roblox login checker's own lines between its verdicts (code corpus file 24119245186):
 * `[🌐] Using proxy: {proxy_url}`, `[-] Proxy connection failed: {proxy} | {e}` (the proxy's dict
 * and the exception, a URL and code to a line's eye), `[-] Non-JSON response. ...`, `[!] CAPTCHA or
 * suspicious activity detected.`, `[!] Failed to get CSRF token.`, `[⏳] Waiting {delay:.2f}
 * seconds ...`. In a file whose verdicts are marked the same way (`[+] SUCCESS: user:pass`), they
 * are the console's log, no code or data pasted among the accounts (choose.ts): each is still
 * refused by its line. Empty when no line is such a verdict.
 */
function checkerLogLines(text: string): Set<number> {
  const found = new Set<number>();
  if (!/^[ \t]*\[[-+*]\][ \t]+[A-Za-z]+[ \t]*:/m.test(text)) return found;
  const lines = text.split('\n');
  if (!lines.some((s) => s.charCodeAt(0) === 91 && withWordTag(s) !== s)) return found;
  for (let i = 0; i < lines.length; i++) if (lines[i]!.includes('[') && MARKED_LINE.test(lines[i]!) && withWordTag(lines[i]!.trimStart()) === lines[i]!.trimStart()) found.add(i + 1);
  return found;
}
