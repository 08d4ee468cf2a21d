// ptc-acc-gen's PogoPlayer/accounts.csv (sebastienvercammen/ptc-acc-gen, index.js: outputFormat
// "ptc,%NICK%,%PASS%,%LAT%,%LON%,%UN%\r\n", appended for each account created): the RocketMap
// columns, then the start location from its config and the username once more. Read as a
// RocketMap file, the location would end up in the password. The repeated username at the end
// is the signature: the password is what lies between the username and the location.
// (Its older output, `output/accounts.txt` with `NICK PASS` lines, is a plain list.)
import { headLines, splitLines, stripEnd } from './decode.js';
import { usernameProblem } from './account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from './types.js';

/** ptc,user,password,lat,lon,user: lat and lon hold no comma (numbers, or the config's placeholder). */
const LINE = /^ptc,([^,]+),(.*),([^,]*),([^,]*),([^,]+)$/;

function isOwnLine(s: string): RegExpExecArray | undefined {
  const m = LINE.exec(s);
  return m && m[1] === m[5] ? m : undefined;
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
    const reason = usernameProblem(m[1]!) ?? (m[2] === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username: m[1]!, password: m[2]!, line: i + 1, provider: 'ptc' });
  }
  return { format: 'ptc-acc-gen', accounts, rejected };
}

export const ptcAccGen: DumpFormat = { name: 'ptc-acc-gen', detect: detectPtcAccGen, parse: parsePtcAccGen };
