// Checker and creator outputs whose verdict is in the file NAME, not in the lines: PGNumbra's
// accounts-blind.csv, Pogo-Account-Checker's temp_banned.txt, ... The lines are an ordinary
// dump (read by whichever reader fits); the name adds state and level. KinanCity's result log
// is here too: it says per line whether the account was really created.
import type { State } from '../model.js';
import { headLines, splitLines, stripEnd } from './decode.js';
import type { NestedReader } from './eml.js';
import { isAddress, usernameProblem } from './account-line.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from './types.js';

interface Verdict {
  state: State;
  level?: number;
}

/** The file's own name (no folder), minus a copy suffix such as ` (1)` that downloads add. */
function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? name).toLowerCase().replace(/\s*\(\d+\)(?=\.[a-z]+$)/, '');
}

/**
 * PGNumbra: accounts-good/-blind/-banned.csv (captcha and error files say nothing about the
 * account). Pogo-Account-Checker: not_banned[_L<level>].txt, banned.txt, temp_banned.txt,
 * wrong_credentials.txt.
 */
export function verdictOf(name: string): Verdict | undefined {
  const base = baseName(name);
  const numbra = /^accounts-(good|blind|banned)\.csv$/.exec(base);
  if (numbra) return { state: ({ good: 'ok', blind: 'blind', banned: 'perm_banned' } as const)[numbra[1] as 'good' | 'blind' | 'banned'] };
  const checker = /^(not_banned(?:_l(\d{1,3}))?|banned|temp_banned|wrong_credentials)\.txt$/.exec(base);
  if (!checker) return undefined;
  if (checker[1]!.startsWith('not_banned')) return checker[2] ? { state: 'ok', level: Number(checker[2]) } : { state: 'ok' };
  return { state: ({ banned: 'perm_banned', temp_banned: 'temp_banned', wrong_credentials: 'invalid' } as const)[checker[1] as 'banned'] };
}

export function createVerdictFiles(readNested: NestedReader): DumpFormat {
  return {
    name: 'verdict',
    // Above every content reader: the name is the only place the verdict is written.
    detect: (input) => (verdictOf(input.name) ? 0.99 : 0),
    async parse(input) {
      const verdict = verdictOf(input.name);
      const inner = await readNested(input, { exclude: ['verdict'] });
      if (!inner) throw new DumpError('no accounts found in a checker output file', input.name);
      if (!verdict) return inner;
      // What the lines themselves say (a jsonl state, a level column) is more specific than the name.
      const accounts = inner.accounts.map((a) => ({ ...a, state: a.state ?? verdict.state, ...(a.level === undefined && verdict.level !== undefined ? { level: verdict.level } : {}) }));
      return { format: `verdict+${inner.format}`, accounts, rejected: inner.rejected };
    },
  };
}

// ---- KinanCity result log ----

const KINAN_START = /^# Batch creation (start|end) at : /;

export function detectKinancity(input: DumpInput): number {
  const lines = headLines(input.text, 50).map((l) => stripEnd(l)).filter((l) => l !== '');
  if (lines.length === 0) return 0;
  if (KINAN_START.test(lines[0]!)) return 0.95;
  const results = lines.filter((l) => /;(OK;|ERROR;.*)$/.test(l)).length;
  return results / lines.length >= 0.8 ? 0.9 : 0;
}

/**
 * `username;password;email...;OK;` lines are created accounts; `;ERROR;<code>` lines were never
 * created and are skipped without a word (the log says so itself). A password may hold `;`: it
 * runs up to the e-mail column, found by its shape.
 */
export function parseKinancity(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const lines = splitLines(input.text);
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!).trimStart();
    if (s === '' || s.startsWith('#') || /;ERROR;[^;]*$/.test(s)) continue;
    if (!s.endsWith(';OK;')) {
      rejected.push({ line: i + 1, reason: 'neither an OK nor an ERROR result line' });
      continue;
    }
    const fields = s.slice(0, -';OK;'.length).split(';');
    const email = fields.findIndex((f, k) => k >= 2 && isAddress(f));
    const username = fields[0]!.trim();
    const password = email > 0 ? fields.slice(1, email).join(';') : (fields[1] ?? '');
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username, password, line: i + 1, provider: 'ptc' });
  }
  return { format: 'kinancity', accounts, rejected };
}

export const kinancity: DumpFormat = { name: 'kinancity', detect: detectKinancity, parse: parseKinancity };
