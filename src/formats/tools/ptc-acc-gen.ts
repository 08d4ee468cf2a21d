// ptc-acc-gen's PogoPlayer/accounts.csv (sebastienvercammen/ptc-acc-gen, index.js: outputFormat
// "ptc,%NICK%,%PASS%,%LAT%,%LON%,%UN%\r\n", appended for each account created): the RocketMap
// columns, then the start location from its config and the username once more. Read as a
// RocketMap file, the location would end up in the password. The repeated username at the end
// is the signature: the password is what lies between the username and the location.
// A fork writes "ptc,%NICK%,%PASS%,%UN%\r\n" (no location): `ptc,user,password,user`, read the
// same way. (Its older output, `output/accounts.txt` with `NICK PASS` lines, is a plain list.)
import { headLines, splitLines, stripEnd } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from '../types.js';

/** ptc,user,password,lat,lon,user: lat and lon hold no comma (numbers, or the config's placeholder). */
const LINE = /^ptc,([^,]+),(.*),([^,]*),([^,]*),([^,]+)$/;

/** ptc,user,password,user: the fork's form. */
const SHORT_LINE = /^ptc,([^,]+),(.*),([^,]+)$/;

/** [username, password] of one of the generator's lines, or undefined. */
function isOwnLine(s: string): [string, string] | undefined {
  const m = LINE.exec(s);
  if (m && m[1] === m[5]) return [m[1]!, m[2]!];
  const short = SHORT_LINE.exec(s);
  return short && short[1] === short[3] ? [short[1]!, short[2]!] : undefined;
}

export function detectPtcAccGen(input: DumpInput): number {
  const lines = headLines(input.text, 50).map(stripEnd).filter((l) => l.trim() !== '');
  if (lines.length === 0) return 0;
  const share = lines.filter((l) => isOwnLine(l)).length / lines.length;
  // Above the RocketMap reader's 0.9: every such line is also a RocketMap row.
  return share >= 0.8 ? 0.93 : 0;
}

export function parsePtcAccGen(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const lines = splitLines(input.text);
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!);
    if (s.trim() === '') continue;
    const m = isOwnLine(s);
    if (!m) {
      rejected.push({ line: i + 1, reason: 'not a `ptc,username,password,lat,lon,username` line' });
      continue;
    }
    const [username, password] = m;
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username, password, line: i + 1, provider: 'ptc' });
  }
  return { format: 'ptc-acc-gen', accounts, rejected };
}

export const ptcAccGen: DumpFormat = { name: 'ptc-acc-gen', detect: detectPtcAccGen, parse: parsePtcAccGen };
