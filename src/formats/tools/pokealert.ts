// The PokeAlert account list, as PalletTown writes it with its "PokeAlert" output format
// (parislarkins/PalletTown, src/pallettown/AccountCreator.java: `accUser + " " + accPw + " PTC None"`,
// one line per created account, appended with BufferedWriter.newLine, so CRLF on Windows).
// PalletTown's other two formats are read by other readers: RocketMap (`ptc,user,pass`) by
// rocketmap.ts, Standard (`user,pass`) by plain.ts. Blanks cannot start or end a password here,
// but a password given by hand may hold them: it runs from the first blank to the provider.
import { headLines, splitLines, stripEnd } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from '../types.js';

const LINE = /^(\S+) (.+) (PTC|GOOGLE) None$/i;

export function detectPokealert(input: DumpInput): number {
  const lines = headLines(input.text, 50).map(stripEnd).filter((l) => l.trim() !== '');
  if (lines.length === 0) return 0;
  const share = lines.filter((l) => LINE.test(l.trimStart())).length / lines.length;
  // Above the RocketMap reader's 0.9; a list that is only half this shape is no one's for sure.
  return share >= 0.8 ? 0.92 : share >= 0.5 ? 0.6 : 0;
}

export function parsePokealert(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const lines = splitLines(input.text);
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!).trimStart();
    if (s === '' || s.startsWith('#')) continue;
    const m = LINE.exec(s);
    if (!m) {
      rejected.push({ line: i + 1, reason: 'not a `username password PTC None` line' });
      continue;
    }
    const reason = usernameProblem(m[1]!);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username: m[1]!, password: m[2]!, line: i + 1, provider: m[3]!.toLowerCase() === 'google' ? 'google' : 'ptc' });
  }
  return { format: 'pokealert', accounts, rejected };
}

export const pokealert: DumpFormat = { name: 'pokealert', detect: detectPokealert, parse: parsePokealert };
