// What the Python account creators print on the console when an account is made, kept by
// operators as `ptc >> accounts.txt` or `pikaptcha ... | tee run.log`:
//   jepayne1138/PTCAccount `ptcaccount/console.py`:   Created new account:
//   sriyegna/Pikaptcha `pikaptcha/console.py`:          (after its own progress lines)
//     '  Username:  {}'
//     '  Password:  {}'
//     '  Email   :  {}'
// pikapy, Pikaptcha's forerunner (Lutmak/pikapy `pikapy/console.py`, August 2016), prints the same
// block with its own misspelt label, '  Passwrd:  {}'.
// All print the block only once the account exists. Around it stand the tools' progress lines,
// some naming an account that was only attempted ("Attempting to create user NAME:PASSWORD.
// Opening browser...", "Failed to create user: NAME" in pikaptcha/accountcreator.py), the 2captcha
// balance, the e-mail verification's keys: none is ever read as an account, and none makes the
// file look like something else than the accounts it holds.
import { splitLines, stripEnd } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection, Skipped } from '../types.js';

const USER = '  Username:  ';
const PASS = '  Password:  ';
/** pikapy's label. */
const PASSWRD = '  Passwrd:  ';
const passLabel = (s: string) => (s.startsWith(PASS) ? PASS : s.startsWith(PASSWRD) ? PASSWRD : undefined);
const MAIL = /^ {2}Email {3}: {2}/;

/** The tools' own block, found anywhere (a long run prints hundreds of progress lines first). */
export function detectCreatorConsole(input: DumpInput): number {
  const text = input.text;
  for (let at = text.indexOf(USER); at >= 0; at = text.indexOf(USER, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    // The three lines together, `Email   :` padded as the tools pad it: a seller's mail that
    // indents its labels is left to the mail reader, which reads its levels too.
    const next = text.indexOf('\n', at);
    const third = next >= 0 && (text.startsWith(PASS, next + 1) || text.startsWith(PASSWRD, next + 1)) ? text.indexOf('\n', next + 1) : -1;
    if (third >= 0 && MAIL.test(text.slice(third + 1, third + 14))) return 0.9;
  }
  return 0;
}

export function parseCreatorConsole(input: DumpInput): DumpResult {
  const lines = splitLines(input.text);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!);
    if (s === '' || MAIL.test(s)) continue;
    if (!s.startsWith(USER)) {
      skipped.push({ line: i + 1, kind: 'log' });
      continue;
    }
    const username = s.slice(USER.length).trim();
    const next = i + 1 < lines.length ? stripEnd(lines[i + 1]!) : '';
    // The password is printed as it is: everything after the label, blanks inside it kept.
    const label = passLabel(next);
    const password = label ? next.slice(label.length) : '';
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.push({ username, password, line: i + 1, provider: 'ptc' });
    if (label) i++;
  }
  return { format: 'creator-console', accounts, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

export const creatorConsole: DumpFormat = { name: 'creator-console', detect: detectCreatorConsole, parse: parseCreatorConsole };
