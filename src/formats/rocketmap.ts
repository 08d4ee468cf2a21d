// RocketMap's account CSV (`-ac`): no header, `provider,username,password`, `#` comments and
// blank lines ignored; an older fork put the level first (`25,ptc,user,pass`). Also what we
// write for a RocketMap scanner. Real CSV on both sides (csv-parse / csv-stringify), so a
// password with `,` or `"` written by us is quoted and reads back unchanged.
import { isProvider, type Account, type Provider } from '../model.js';
import { afterNthComma, parseCsv, writeCsv } from './csv.js';
import { headLines } from './decode.js';
import { usernameProblem } from './account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from './types.js';

const ROW = /^\s*(?:\d{1,4}\s*,\s*)?(?:ptc|google)\s*,/i;

const isComment = (line: string) => /^\s*#/.test(line);

/** Most leading lines name the provider first (or a level, then the provider). */
export function detectRocketmap(input: DumpInput): number {
  const lines = headLines(input.text, 50).filter((l) => l.trim() !== '' && !isComment(l));
  if (lines.length === 0) return 0;
  const share = lines.filter((l) => ROW.test(l)).length / lines.length;
  return share >= 0.8 ? 0.9 : share >= 0.5 ? 0.6 : 0;
}

export function parseRocketmap(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  for (const { fields, line, raw } of parseCsv(input.name, input.text, isComment)) {
    const first = (fields[0] ?? '').trim().toLowerCase();
    // `25,ptc,u,p`: the level column is there only when a provider follows it.
    const levelFirst = /^\d{1,4}$/.test(first) && isProvider((fields[1] ?? '').trim().toLowerCase());
    const base = levelFirst ? 1 : 0;
    const providerText = (fields[base] ?? '').trim().toLowerCase();
    let provider: Provider | undefined;
    let userAt = base + 1;
    if (isProvider(providerText)) provider = providerText;
    else if (fields.length === 2) userAt = 0; // RocketMap's `user,pass` form: ptc implied, left to the importer
    else {
      rejected.push({ line, reason: 'first column is not a provider (ptc or google)' });
      continue;
    }
    const username = (fields[userAt] ?? '').trim();
    let password = fields[userAt + 1] ?? '';
    // More columns than the form has, on a line without quotes: an unquoted password with commas.
    if (fields.length > userAt + 2 && !raw.includes('"')) password = afterNthComma(raw, userAt + 1) ?? password;
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
    if (reason) {
      rejected.push({ line, reason });
      continue;
    }
    const account: DumpAccount = { username, password, line };
    if (provider) account.provider = provider;
    if (levelFirst) account.level = Number(first);
    accounts.push(account);
  }
  return { format: 'rocketmap', accounts, rejected };
}

/** `provider,username,password`, no header; fields quoted when they need it. */
export function writeRocketmap(accounts: Account[]): string {
  return writeCsv(accounts.map((a) => [a.provider, a.username, a.password]));
}

export const rocketmap: DumpFormat = { name: 'rocketmap', detect: detectRocketmap, parse: parseRocketmap };
