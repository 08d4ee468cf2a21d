// What DenL/Anonymous_Scripter_Tool's `anonymous_scripter.py` prints, kept with `> run.txt` or
// `| tee`: for every attempt, `email prefix is NAME` (the PTC login, and the mailbox's name),
// then `MAIL : PASSWORD - First Last - YYYY-MM-DD - Country` BEFORE anything is sent, the steps
// (`First request...`, `Second worked!` or `Second did not work.`, `Attempt 1.`, `Activating
// account...`), and `Worked!` only once the account is activated, when it also appends the account
// to its `accounts.txt`. A failed attempt prints the same line again after `It didn't seem to
// work. If you like, here's the info so you can check yourself.` The e-mail is not the login.
// So an account is the login of `email prefix is`, with the password of the line after it, and
// only where `Worked!` follows before the next attempt; every other line is the log.
import { splitLines, stripEnd } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection, Skipped } from '../types.js';

const PREFIX = 'email prefix is ';
/** `print "%s : %s - %s %s - %s - %s" % (email, password, fname, lname, dob, country)`: a name holds no ` - `. */
const INFO = /^(\S+@\S+) : (.*) - ((?:(?! - ).)+) - (\d{4}-\d{2}-\d{2}) - (.*)$/;
const WORKED = 'Worked!';

/** `email prefix is NAME` at a line's start, with the info line right after it. */
export function detectAnonymousScripterConsole(input: DumpInput): number {
  const text = input.text;
  for (let at = text.indexOf(PREFIX); at >= 0; at = text.indexOf(PREFIX, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    const next = text.indexOf('\n', at);
    if (next < 0) return 0;
    const end = text.indexOf('\n', next + 1);
    if (INFO.test(stripEnd(text.slice(next + 1, end < 0 ? undefined : end)))) return 0.93;
  }
  return 0;
}

export function parseAnonymousScripterConsole(input: DumpInput): DumpResult {
  const lines = splitLines(input.text).map(stripEnd);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  /** The attempt under way: its login, and its info line's password and line number. */
  let attempt: { username: string; password?: string; line?: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!;
    if (s.trim() === '') continue;
    if (s.startsWith(PREFIX)) attempt = { username: s.slice(PREFIX.length).trim() };
    else if (attempt && attempt.password === undefined && INFO.test(s)) [attempt.password, attempt.line] = [INFO.exec(s)![2]!, i + 1];
    else if (s === WORKED && attempt?.password !== undefined) {
      const reason = usernameProblem(attempt.username) ?? (attempt.password === '' ? 'missing password' : undefined);
      if (reason) rejected.push({ line: attempt.line!, reason });
      else accounts.push({ username: attempt.username, password: attempt.password, line: attempt.line!, provider: 'ptc' });
      attempt = undefined;
      skipped.push({ line: i + 1, kind: 'log' });
      continue;
    }
    // Every other line, and the info line of an attempt that never printed `Worked!`, is the log.
    skipped.push({ line: i + 1, kind: 'log' });
  }
  // The info line of an account made is no log line.
  const made = new Set(accounts.map((a) => a.line));
  const log = skipped.filter((k) => !made.has(k.line));
  return { format: 'anonymous-scripter-console', accounts, rejected, ...(log.length > 0 ? { skipped: log } : {}) };
}

export const anonymousScripterConsole: DumpFormat = { name: 'anonymous-scripter-console', detect: detectAnonymousScripterConsole, parse: parseAnonymousScripterConsole };
