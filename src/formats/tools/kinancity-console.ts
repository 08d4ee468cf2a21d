// What KinanCity prints when a batch ends, on the console and in KinanCityCore.log
// (drallieiv/KinanCity, KinanCity-core/.../PtcAccountCreator.java, logback.xml):
//   08-14 21:09:40 [main] Batch creation progress : 4/4 done with 1 failures
//   08-14 21:09:40 [main] Here are your accounts in RocketMapFormat : 
//   ptc,kinan0001,Kc!pass01
//   ptc,kinan0002,Kc;pass;02
//   <blank line>
//   08-14 21:09:41 [main] ...
// Only the block after that line holds created accounts. The log lines around it name accounts
// too ("Create account : AccountData [username=..., password=...]") but those are attempts, some
// of which failed, so they are never read. The log file is appended to, so it may hold one block
// per run. KinanCity writes the lines unquoted: the password is everything after the second comma.
import { splitLines, stripEnd } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from '../types.js';
import { isKinancityResend, parseKinancityResend } from './kinancity-resend.js';

const MARKER = 'Here are your accounts in RocketMapFormat';
/** The marker as the last words of a log line (any logback pattern before it). */
const MARKER_LINE = /Here are your accounts in RocketMapFormat :?[ \t]*$/;

/**
 * The marker is KinanCity's own sentence, found anywhere in the file (the block comes after
 * hundreds of log lines). Above the RocketMap reader, which a short pasted block would suit
 * too, and below the e-mail readers, which hand a mailed log's body back to this reader.
 */
export function detectKinancityConsole(input: DumpInput): number {
  // Kneckter/KinanCity-Resend's console, the accounts KinanCity made whose activation mail it resends (kinancity-resend.ts).
  if (isKinancityResend(input.text)) return 0.94;
  const at = input.text.indexOf(MARKER);
  if (at < 0) return 0;
  const lineEnd = input.text.indexOf('\n', at);
  const line = input.text.slice(input.text.lastIndexOf('\n', at) + 1, lineEnd < 0 ? undefined : lineEnd);
  return MARKER_LINE.test(stripEnd(line)) ? 0.94 : 0;
}

export function parseKinancityConsole(input: DumpInput): DumpResult {
  if (isKinancityResend(input.text) && !input.text.includes(MARKER)) return parseKinancityResend(input.text);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const lines = splitLines(input.text);
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    // `> ` quoting: a log forwarded in a mail reply.
    const s = stripEnd(lines[i]!).replace(/^(?:> ?)+/, '');
    if (MARKER_LINE.test(s)) {
      inBlock = true;
      continue;
    }
    if (!inBlock) continue;
    // The block is `ptc,` lines only; the blank line logback adds, or the next log line, ends it.
    if (!s.startsWith('ptc,')) {
      inBlock = false;
      continue;
    }
    const second = s.indexOf(',', 4);
    const username = second < 0 ? s.slice(4) : s.slice(4, second);
    const password = second < 0 ? '' : s.slice(second + 1);
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username, password, line: i + 1, provider: 'ptc' });
  }
  return { format: 'kinancity-console', accounts, rejected };
}

export const kinancityConsole: DumpFormat = { name: 'kinancity-console', detect: detectKinancityConsole, parse: parseKinancityConsole };
