// What coarse/ptc-account-maker prints while it makes accounts (`run.py`, Python 2 `print`, kept
// with `python run.py 5 > made.txt` or `| tee`): it writes no file, so its console is its only
// record. Each made account is one line,
//   success! created accountpalletash1:Pika!chu01
// ('success! created account' + USERNAME + str(count) + ":" + PASSWORD: no blank before the
// login, which is the credentials.json `username` numbered, and one password for every account).
// Around it stand the steps of every attempt, made or not ("trying to open verification form...",
// "filling up form...", "failed! continuing with next account", an HTTPError), none naming a
// password. So only the success lines are accounts; the login ends at the first `:` (a PTC name
// holds none), the password is the rest of the line.
import { splitLines, stripEnd } from './decode.js';
import { usernameProblem } from './account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection, Skipped } from './types.js';

const WORDS = 'success! created account';
// A fork that put the missing blank back reads the same.
const SUCCESS = /^success! created account ?([^:\s]+):(.*)$/;

/** A success line anywhere: a run prints ten step lines for each account. */
export function detectPtcAccountMaker(input: DumpInput): number {
  const text = input.text;
  for (let at = text.indexOf(WORDS); at >= 0; at = text.indexOf(WORDS, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    const end = text.indexOf('\n', at);
    if (SUCCESS.test(stripEnd(text.slice(at, end < 0 ? undefined : end)))) return 0.93;
  }
  return 0;
}

export function parsePtcAccountMaker(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  const lines = splitLines(input.text);
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!);
    if (s.trim() === '') continue;
    const m = SUCCESS.exec(s);
    if (!m) {
      skipped.push({ line: i + 1, kind: 'log' });
      continue;
    }
    const [, username, password] = m as unknown as [string, string, string];
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username, password, line: i + 1, provider: 'ptc' });
  }
  return { format: 'ptc-account-maker', accounts, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

export const ptcAccountMaker: DumpFormat = { name: 'ptc-account-maker', detect: detectPtcAccountMaker, parse: parsePtcAccountMaker };
