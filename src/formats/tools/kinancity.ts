// KinanCity's result log (`result.csv` by default, `-o FILE`), as its ResultLogger and
// SaveOrRetryCallbacks write it (drallieiv/KinanCity, KinanCity-core/.../worker/callbacks/):
//   # Batch creation start at : 2017-08-14 21:03:11.204
//   user;pass;email;dob;country;OK;            (AccountData.toCsv() + ";OK;")
//   user;pass;email;dob;country;ERROR;CODE     (never created)
//   # Batch creation end at : 2017-08-14 21:09:40.877
//   # 3 success, 1 errors
// The file is opened for appending, so one file holds every run. Before May 2017 toCsv() was
// `user;pass;email` only. Passwords given on the command line may hold `;`: the password runs up
// to the fixed columns counted from the end of the line, never to the first `;`.
import { headLines, splitLines, stripEnd } from '../decode.js';
import { isAddress, usernameProblem } from '../lists/account-line.js';
import { ReadAccounts } from '../account-columns.js';
import type { DumpFormat, DumpInput, DumpResult, ParseOptions, Rejection } from '../types.js';

const BATCH_LINE = /^# Batch creation (start|end) at : /;
const RESULT = /;(OK;|ERROR;[^;]*)$/;
const DOB = /^\d{4}-\d{2}-\d{2}$/;

export function detectKinancity(input: DumpInput): number {
  const lines = headLines(input.text, 50).map((l) => stripEnd(l)).filter((l) => l !== '');
  if (lines.length === 0) return 0;
  if (BATCH_LINE.test(lines[0]!)) return 0.95;
  // Comment lines are not counted: an operator's own `# bought 2017-08` above the results, or a
  // batch line cut from the top, leaves a result file all the same (and read as a plain list its
  // ERROR lines, accounts never created, would be imported).
  const counted = lines.filter((l) => !l.trimStart().startsWith('#'));
  const results = counted.filter((l) => RESULT.test(l)).length;
  return results > 0 && results / counted.length >= 0.8 ? 0.9 : 0;
}

/** Java writes a missing e-mail as `null`. */
const isEmailColumn = (f: string) => f === 'null' || isAddress(f);

/** Where the password ends: before `email;dob;country` (today) or `email` (before May 2017). */
function passwordEnd(fields: string[]): number | undefined {
  const n = fields.length;
  if (n >= 5 && DOB.test(fields[n - 2]!) && isEmailColumn(fields[n - 3]!)) return n - 3;
  if (n >= 3 && isEmailColumn(fields[n - 1]!)) return n - 1;
  return n === 2 ? 2 : undefined;
}

/** With `columnsFrom` (an import's read) each account goes into columns as it is read (account-columns.ts ReadAccounts): as records, 1,000,000 lines peaked at ~450-470 MB (scale-log.md, stop 59 M). */
export function parseKinancity(input: DumpInput, options?: ParseOptions): DumpResult {
  const accounts = new ReadAccounts(options?.columnsFrom);
  const rejected: Rejection[] = [];
  const lines = splitLines(input.text);
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!).trimStart();
    // ERROR lines are accounts KinanCity never created: skipped, as the log itself says so.
    if (s === '' || s.startsWith('#') || /;ERROR;[^;]*$/.test(s)) continue;
    if (!s.endsWith(';OK;')) {
      rejected.push({ line: i + 1, reason: 'neither an OK nor an ERROR result line' });
      continue;
    }
    const fields = s.slice(0, -';OK;'.length).split(';');
    const end = passwordEnd(fields);
    const username = fields[0]!.trim();
    const password = end === undefined ? '' : fields.slice(1, end).join(';');
    const reason = usernameProblem(username) ?? (end === undefined ? 'no e-mail column after the password' : password === '' ? 'missing password' : undefined);
    if (reason) rejected.push({ line: i + 1, reason });
    else accounts.add({ username, password, line: i + 1, provider: 'ptc' });
  }
  return { format: 'kinancity', ...accounts.held(), rejected };
}

export const kinancity: DumpFormat = { name: 'kinancity', detect: detectKinancity, parse: parseKinancity, textOnly: true };
