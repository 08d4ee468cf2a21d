// Catchem's bot list (Lunat1q/Catchem-PoGo, a PokeMobBot GUI for many bots, 2016-2017): the text
// its "batch add" window takes, kept by its users as a file to paste again, one bot a line:
// `auth;login;pass;proxy;proxyLogin;proxyPass;desiredName;lat;lon`, the fields after the password
// optional (`Source/Catchem/MainWindow.xaml.cs` `batch_Yes_Click`: `row.Split(';')`, the fields
// taken as they are, no blank trimmed; `auth` with its first letter raised and parsed as the
// `AuthType` names `Ptc` or `Google`). The password is the third field whole: a blank inside it
// is no level note and the `;;;;Nickname` after it is no part of it, as the list readers read
// such lines. The proxy, its login and the nickname and location are never read; a line Catchem
// would drop (fewer than three fields, another auth) is refused by its line.
import { lineProblem } from '../lists/account-line.js';
import { headLines } from '../decode.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from '../types.js';

const NAME = 'catchem-batch';

/** `char.ToUpper(auth[0]) + auth.Substring(1)` then `Enum.TryParse` (case-sensitive): `ptc`/`Ptc`, `google`/`Google`. */
function provider(auth: string): 'ptc' | 'google' | undefined {
  const raised = auth.charAt(0).toUpperCase() + auth.slice(1);
  return raised === 'Ptc' ? 'ptc' : raised === 'Google' ? 'google' : undefined;
}

/** A proxy field as Catchem's users wrote it: empty, a URL, or host:port. */
const PROXY = /^$|^(?:https?|socks[45]h?):\/\/\S+$|^[\w.-]+:\d{2,5}$/i;
const COORDINATE = /^-?\d{1,3}(?:[.,]\d+)?$/;

/** Whether the line has Catchem's columns past the password (a proxy, or the location last). */
function longRow(fields: string[]): boolean {
  if (fields.length < 4 || fields.length > 9 || !PROXY.test(fields[3]!)) return false;
  return fields.length < 8 || (COORDINATE.test(fields[7]!) && (fields.length < 9 || COORDINATE.test(fields[8]!)));
}

/**
 * The blanks at a line's end. The lookbehind starts the run at its first blank only: `[ \t]+$`
 * alone is tried from each blank of a run inside the line, to its end (quadratic: a line of
 * 80,000 blanks then a word cost seconds, a megabyte hours).
 */
const END_BLANKS = /(?<![ \t])[ \t]+$/;

export function detectCatchemBatch(input: DumpInput): number {
  let lines = 0;
  let rows = 0;
  let long = 0;
  for (const raw of headLines(input.text, 2000)) {
    const line = raw.replace(END_BLANKS, '');
    if (line === '') continue;
    lines++;
    const fields = line.split(';');
    if (fields.length < 3 || !provider(fields[0]!)) continue;
    rows++;
    if (fields.length > 3) {
      if (!longRow(fields)) return 0;
      long++;
    }
  }
  return long > 0 && rows * 5 >= lines * 4 ? 0.95 : 0;
}

export function parseCatchemBatch(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  input.text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    // Blanks at the line's end are an editor's layout (the list readers drop them as well).
    const text = raw.replace(END_BLANKS, '');
    if (text.trim() === '') return;
    const fields = text.split(';');
    const p = fields.length >= 3 ? provider(fields[0]!) : undefined;
    if (!p) {
      const reason = fields.length < 3
        ? 'fewer than three `;` fields (auth;login;password): Catchem skips it too'
        : 'its first field is not `ptc` or `google` as Catchem parses it (past the first letter, case matters): the provider is unsure';
      rejected.push({ line, reason });
      return;
    }
    const username = fields[1]!;
    const password = fields[2]!;
    const problem = lineProblem(username, password);
    if (problem) rejected.push({ line, reason: problem });
    else accounts.push({ username, password, provider: p, line });
  });
  return { format: NAME, accounts, rejected };
}

export const catchemBatch: DumpFormat = { name: NAME, detect: detectCatchemBatch, parse: parseCatchemBatch };
