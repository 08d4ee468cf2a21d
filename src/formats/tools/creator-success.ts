// What account creators that write no file print while they work, kept with `> made.txt` or
// `| tee`: their console is their only record, and one line per account made names it, login
// and password together, among the steps of every attempt, made or failed. Only those lines
// are accounts; every other line is the log around them.
//   coarse/ptc-account-maker `run.py`:   success! created accountpalletash1:Pika!chu01
//     ('success! created account' + USERNAME + str(count) + ":" + PASSWORD: no blank before the
//     login; "failed! continuing with next account", an HTTPError, the steps around it)
//   alessiop86/ptc-registration `script.py`:
//     Registration of account NAME:PASS - completed with success
//     (its "- Start" line for every attempt and "- failed" with a traceback name the pair too:
//     never read)
// The login ends at the first `:` (a PTC name holds none); the password is the rest, up to the
// tool's own closing words.
import { splitLines, stripEnd } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection, Skipped } from '../types.js';

/** Each tool's success line: the words it starts with (a cheap look for detection), and the line. */
const SUCCESS: { words: string; line: RegExp }[] = [
  // A fork that put the missing blank back reads the same.
  { words: 'success! created account', line: /^success! created account ?([^:\s]+):(.*)$/ },
  { words: 'Registration of account ', line: /^Registration of account ([^:\s]+):(.*) - completed with success$/ },
];

function successOf(line: string): RegExpExecArray | null {
  for (const tool of SUCCESS) {
    if (!line.startsWith(tool.words)) continue;
    const m = tool.line.exec(line);
    if (m) return m;
  }
  return null;
}

/** A success line anywhere: a run prints many step lines for each account. */
export function detectCreatorSuccess(input: DumpInput): number {
  const text = input.text;
  for (const { words } of SUCCESS) {
    for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
      if (at > 0 && text[at - 1] !== '\n') continue;
      const end = text.indexOf('\n', at);
      if (successOf(stripEnd(text.slice(at, end < 0 ? undefined : end)))) return 0.93;
    }
  }
  return 0;
}

/**
 * A console's accounts: the lines `match` takes (its groups the login and the password), every
 * other line read past as log. pallettown-console.ts reads PalletTown's the same way.
 */
export function parseSuccessLines(input: DumpInput, format: string, match: (line: string) => RegExpExecArray | null): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  const lines = splitLines(input.text);
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!);
    if (s.trim() === '') continue;
    const m = match(s);
    if (!m) {
      skipped.push({ line: i + 1, kind: 'log' });
      continue;
    }
    const [, username, password] = m as unknown as [string, string, string];
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username, password, line: i + 1, provider: 'ptc' });
  }
  return { format, accounts, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

export function parseCreatorSuccess(input: DumpInput): DumpResult {
  return parseSuccessLines(input, 'creator-success', successOf);
}

export const creatorSuccess: DumpFormat = { name: 'creator-success', detect: detectCreatorSuccess, parse: parseCreatorSuccess };
