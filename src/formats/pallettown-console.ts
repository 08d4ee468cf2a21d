// What PalletTown prints while it makes accounts, and the log its account script appends to
// (parislarkins/PalletTown): `GUI.java` writes `accountcreate.py`, whose `log(name, str)` prints
// `[Worker 0]: ...` and appends the same line to `pallettown.log`; it ends a made account with
//   [Worker 1]: Account palletash102:P4llet!Town successfully created.
// (then a line holding a blank, and an empty one). `AccountCreator.java` hands that last line to
// `Log`, which prints it on the console after the time (`[14:22:47] `, `HH:mm:ss`). Around it stand
// the lines of every attempt, made or not: `  Username: ...` / `  Password: ...` printed BEFORE
// the attempt, `Attempting to create user NAME:PASSWORD. Opening browser...`, the proxies tried,
// `Account 1 failed`; with several workers their lines interleave. So only the success line,
// which names login and password together, is an account.
import { splitLines, stripEnd } from './decode.js';
import { usernameProblem } from './account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection, Skipped } from './types.js';

const SUCCESS = /^(?:\[\d{2}:\d{2}:\d{2}\][ \t]+)?\[[^\]\n]{1,60}\]:[ \t]*Account (\S+?):(.*) successfully created\.[ \t]*$/;
const WORDS = ' successfully created.';

/** A success line anywhere (a long run prints hundreds of progress lines first). */
export function detectPallettownConsole(input: DumpInput): number {
  const text = input.text;
  for (let at = text.indexOf(WORDS); at >= 0; at = text.indexOf(WORDS, at + 1)) {
    const start = text.lastIndexOf('\n', at) + 1;
    const end = text.indexOf('\n', at);
    if (SUCCESS.test(stripEnd(text.slice(start, end < 0 ? undefined : end)))) return 0.93;
  }
  return 0;
}

export function parsePallettownConsole(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  const lines = splitLines(input.text);
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!);
    if (s.trim() === '') continue;
    // `[DEBUG]:` lines repeat the script's output; its last line is printed again without it.
    const m = s.includes('[DEBUG]:') ? null : SUCCESS.exec(s);
    if (!m) {
      skipped.push({ line: i + 1, kind: 'log' });
      continue;
    }
    const [, username, password] = m as unknown as [string, string, string];
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username, password, line: i + 1, provider: 'ptc' });
  }
  return { format: 'pallettown-console', accounts, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

export const pallettownConsole: DumpFormat = { name: 'pallettown-console', detect: detectPallettownConsole, parse: parsePallettownConsole };
