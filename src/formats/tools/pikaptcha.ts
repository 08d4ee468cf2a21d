// Pikaptcha's usernames.txt (`-t FILE`), as its console.py appends to it after each account
// (sriyegna/Pikaptcha, pikaptcha/console.py):
//   The following accounts use the email address: ash+x@gmail.com     (with auto-verify, once a run)
//   user:pass                                                           (--outputformat compact, the default)
//    -u user -p pass -u user2 -p pass2                                  (pkgo: no line break between accounts)
//   ptc,user,pass                                                       (pkgocsv)
//   user,pass,ptc,,,                                                    (mono: Monocle's columns without
//                                                                        its header; the walaoaaa1234 fork)
// and a bare line break when a run ends. Every run appends, so one file may mix the forms.
// A compact file without a header line is an ordinary list, left to the plain reader.
import { usernameProblem } from '../lists/account-line.js';
import { headLines, splitLines, stripEnd } from '../decode.js';
import { CutPasswords, LONE_WORD, splitPasswordReason } from '../lists/split-password.js';
import { isPortValue, optionInPassword, optionInPasswordReason, PORT_PASSWORD_REASON } from '../not-accounts/tool-options.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from '../types.js';

const HEADER = /^The following accounts use the email address: /;
const PKGO_START = /^\s*-u \S+ -p /;
/** One ` -u USER -p ` of a pkgo run; the password runs to the next one or the end of the line. */
const PKGO_ACCOUNT = /(?:^|\s)-u (\S+) -p /g;
const CSV_LINE = /^ptc,/;
/** `username + "," + password + ",ptc,,,"`: the password runs to the last `,ptc,,,`. */
const MONO_LINE = /^[^\s,]+,.*,ptc,,,$/;
const COMPACT = /^[^\s:]+:\S/;

export function detectPikaptcha(input: DumpInput): number {
  const lines = headLines(input.text, 200, 100_000).map(stripEnd).filter((l) => l.trim() !== '');
  if (lines.length === 0) return 0;
  let own = 0;
  let other = 0;
  for (const l of lines) {
    if (HEADER.test(l) || PKGO_START.test(l)) own++;
    else if (COMPACT.test(l.trim()) || CSV_LINE.test(l) || MONO_LINE.test(l)) other++;
  }
  return own > 0 && (own + other) / lines.length >= 0.8 ? 0.93 : 0;
}

/** Why `admin:8080` under Pikaptcha's e-mail line is no account of its. */
const PORT_REASON =
  'a login and a port number (all digits, 1-65535), as a host\'s or a service\'s login is written: Pikaptcha writes no such password (PTC\'s passwords are 6 characters or more, and it checks them before it writes its file)';

function account(username: string, password: string, line: number): DumpAccount | Rejection {
  // `admin:8080` among the compact lines, `ptc,admin,8080`: a service's login and port, never a game account (tool-options.ts).
  const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : isPortValue(password) ? PORT_REASON : undefined);
  return reason ? { line, reason } : { username, password, line, provider: 'ptc' };
}

/**
 * One pkgo account: Pikaptcha writes ` -u USER -p PASS` and nothing else, so a `-p` holding a port or
 * a password holding another option is another tool's options line (tool-options.ts), refused.
 */
function pkgoAccount(username: string, password: string, line: number): DumpAccount | Rejection {
  const option = optionInPassword(password);
  const reason = isPortValue(password.trim()) ? PORT_PASSWORD_REASON : option ? optionInPasswordReason(option) : undefined;
  return reason ? { line, reason } : account(username, password, line);
}

/** Every account of one pkgo line. */
function pkgoAccounts(s: string, line: number): (DumpAccount | Rejection)[] {
  const matches = [...s.matchAll(PKGO_ACCOUNT)];
  return matches.map((m, k) => {
    const start = m.index + m[0].length;
    const next = matches[k + 1];
    return pkgoAccount(m[1]!, s.slice(start, next ? next.index : s.length), line);
  });
}

export function parsePikaptcha(input: DumpInput): DumpResult {
  const lines = splitLines(input.text);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  // A later account with a cut account's password may have lost its rest as a repeat (split-password.ts).
  const cut = new CutPasswords();
  const add = (r: DumpAccount | Rejection) => {
    const repeat = 'reason' in r ? undefined : cut.reason(r.password, r.line);
    if (repeat) rejected.push({ line: r.line, reason: repeat });
    else if ('reason' in r) rejected.push(r);
    else accounts.push(r);
  };
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!);
    if (s.trim() === '' || HEADER.test(s)) continue;
    if (PKGO_START.test(s)) pkgoAccounts(s, i + 1).forEach(add);
    else if (CSV_LINE.test(s)) {
      const second = s.indexOf(',', 4);
      add(second < 0 ? { line: i + 1, reason: 'missing password' } : account(s.slice(4, second), s.slice(second + 1), i + 1));
    } else if (MONO_LINE.test(s)) {
      const comma = s.indexOf(',');
      add(account(s.slice(0, comma), s.slice(comma + 1, s.length - ',ptc,,,'.length), i + 1));
    } else {
      // compact: `username + ":" + password`, so the first colon is the only separator.
      const colon = s.indexOf(':');
      if (colon < 0) {
        // Pikaptcha writes no line without its colon: a lone word right after an account is that
        // password's rest as a tool that rewrote the file split it (split-password.ts).
        const before = accounts.at(-1);
        if (before?.line === i && LONE_WORD.test(s.trim())) {
          accounts.pop();
          cut.cut(before.password, before.line);
          rejected.push({ line: before.line, reason: splitPasswordReason(i + 1) });
        }
        add({ line: i + 1, reason: 'not a `username:password` line' });
      } else add(account(s.slice(0, colon).trim(), s.slice(colon + 1), i + 1));
    }
  }
  return { format: 'pikaptcha', accounts, rejected };
}

export const pikaptcha: DumpFormat = { name: 'pikaptcha', detect: detectPikaptcha, parse: parsePikaptcha };
