// ptc-acc-gen's PogoPlayer/accounts.csv (sebastienvercammen/ptc-acc-gen, index.js: outputFormat
// "ptc,%NICK%,%PASS%,%LAT%,%LON%,%UN%\r\n", appended for each account created): the RocketMap
// columns, then the start location from its config and the username once more. Read as a
// RocketMap file, the location would end up in the password. The repeated username at the end
// is the signature: the password is what lies between the username and the location.
// The file's reader, PogoPlayer (interbiznw/PogoPlayer `pogo.js`), splits each line on every `,`
// and logs in with a[1] and a[2] (so a password holding `,` reached it cut short: the account's
// password is still the one the generator set, the whole middle), a[5] the trainer name it claims
// (`accounts.csv.example`: `ptc,username1,password1,00.00,00.00,dovahkiin1`), another than the login.
// A fork writes "ptc,%NICK%,%PASS%,%UN%\r\n" (no location): `ptc,user,password,user`, read the
// same way. (Its older output, `output/accounts.txt` with `NICK PASS` lines, is a plain list.)
// Users edited `outputFormat`, and the file shows it (jeffersoncarpenter/ptc-acc-gen
// `PogoPlayer/accounts.csv.old`, committed beside that fork's `index.js`): rows whose last field
// is another name than the login (`ptc,user,pass,37.79038,-122.240701,othername`), and a format
// naming `%NICK%` twice without `\r\n`: `String.replace` with a string replaces the first
// `%NICK%` only, so each row ends with the literal `%NICK%` and the next row follows on the same
// line (`...,-112.076675,%NICK%ptc,user2,...`). Read as RocketMap rows, the location and every
// row after the first of such a line became one invented password.
// PogoPlayer logs a row in with Google unless its first field is `ptc` (`a[0] === "ptc" ?
// pogobuf.PTCLogin() : pogobuf.GoogleLogin()`), so an operator adds Google accounts to the same
// file as `google,mail@gmail.com,pass,lat,lon,name`: the same columns, the provider Google's.
// Read as RocketMap rows (ptc-acc-gen's own rows no longer all of the file), every password of
// such a file took the location and the name with it.
import { headLines, splitLines, stripEnd } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import { ReadAccounts } from '../account-columns.js';
import type { DumpFormat, DumpInput, DumpResult, ParseOptions, Rejection } from '../types.js';

/** ptc,user,password,lat,lon,user: lat and lon hold no comma (numbers, or the config's placeholder). */
const LINE = /^ptc,([^,]+),(.*),([^,]*),([^,]*),([^,]+)$/;

/** google,mail,password,lat,lon,name: a Google account an operator added to PogoPlayer's file. */
const GOOGLE_LINE = /^google,([^,@]+@[^,]+),(.*),(-?\d{1,3}\.\d+),(-?\d{1,3}\.\d+),([^,]+)$/;

/** ptc,user,password,user: the fork's form. */
const SHORT_LINE = /^ptc,([^,]+),(.*),([^,]+)$/;

/** A placeholder of `outputFormat` left in the file as written (`String.replace` replaced its first occurrence only). */
const PLACEHOLDER = /^%(?:NICK|PASS|LAT|LON|UN)%$/;

/** A latitude or longitude as a config sets it (decimals), or the config's own placeholder. */
const COORDINATE = /^(?:-?\d{1,3}\.\d+|LATITUDE|LONGITUDE)$/;

/** [username, password] of one row the generator wrote (or PogoPlayer reads: GOOGLE_LINE), or undefined. */
function ownRow(s: string): [string, string] | undefined {
  // Its location must be one: `google,mail,pass,1,2,note` stays RocketMap's.
  if (s.charCodeAt(0) === 103) {
    const g = GOOGLE_LINE.exec(s);
    return g ? [g[1]!, g[2]!] : undefined;
  }
  const m = LINE.exec(s);
  if (m) {
    // Indexed, not destructured: array destructuring walks an iterator, a cost on every line.
    const user = m[1]!;
    const last = m[5]!;
    if (last === user || PLACEHOLDER.test(last)) return [user, m[2]!];
    // Another name last: the generator's only if the location is one, so `1,2,note` stays RocketMap's.
    if (COORDINATE.test(m[3]!) && COORDINATE.test(m[4]!)) return [user, m[2]!];
  }
  const short = SHORT_LINE.exec(s);
  return short && (short[1] === short[3] || PLACEHOLDER.test(short[3]!)) ? [short[1]!, short[2]!] : undefined;
}

/** A line holding rows written without a line break: each ends with a placeholder left as it was. */
const GLUED = /(%(?:NICK|PASS|LAT|LON|UN)%)(?=ptc,)/g;

/** [username, password] of each row of one of the generator's lines, or undefined if any row is not its. */
function isOwnLine(s: string): [string, string][] | undefined {
  // The placeholder test first: `%` is rare in a line, so other lines pay one indexOf and no split.
  if (!s.includes('%')) {
    const r = ownRow(s);
    return r && [r];
  }
  const out: [string, string][] = [];
  for (const row of s.replace(GLUED, '$1\n').split('\n')) {
    const r = ownRow(row);
    if (!r || PLACEHOLDER.test(r[0]) || PLACEHOLDER.test(r[1])) return undefined;
    out.push(r);
  }
  return out;
}

export function detectPtcAccGen(input: DumpInput): number {
  const lines = headLines(input.text, 50).map(stripEnd).filter((l) => l.trim() !== '');
  if (lines.length === 0) return 0;
  const share = lines.filter((l) => isOwnLine(l)).length / lines.length;
  // Above the RocketMap reader's 0.9: every such line is also a RocketMap row.
  return share >= 0.8 ? 0.93 : 0;
}

/** With `columnsFrom` (an import's read) each account goes into columns as it is read (account-columns.ts ReadAccounts): as records, 1,000,000 lines peaked at ~450-470 MB (scale-log.md, stop 59 M). */
export function parsePtcAccGen(input: DumpInput, options?: ParseOptions): DumpResult {
  const accounts = new ReadAccounts(options?.columnsFrom);
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
    for (let k = 0; k < m.length; k++) {
      const username = m[k]![0];
      const password = m[k]![1];
      const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined);
      if (reason) rejected.push({ line: i + 1, reason });
      else accounts.add({ username, password, line: i + 1, provider: s.charCodeAt(0) === 103 ? 'google' : 'ptc' });
    }
  }
  return { format: 'ptc-acc-gen', ...accounts.held(), rejected };
}

export const ptcAccGen: DumpFormat = { name: 'ptc-acc-gen', detect: detectPtcAccGen, parse: parsePtcAccGen, textOnly: true };
