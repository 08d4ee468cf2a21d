// An account as an import adds it, written as bytes straight into its shard's new file.
//
// Nearly every line an import writes is such an account with a plain ASCII name and password:
// `"name": {"password": "pw"` + a middle every account of the import shares (provider, level,
// state, time) + its seq + an end it shares too (source). Encoding each as text and then the text
// into the file (a string made of fifteen pieces, a call into the encoder) was most of what
// planning an import's shards cost; here the shared parts are bytes made once and the rest is
// copied character by character. The bytes are encodeAccountLine's (shard-codec.ts), UTF-8:
// test/store/plan-shards.test.ts compares whole files with the canonical encoder's.
import type { Account } from '../model.js';
import { freshEnd, freshMiddle, isFreshRecord, isPlainText } from './shard-codec.js';
import type { FreshAccounts } from './fresh-accounts.js';

const PASSWORD = Buffer.from(': {"password": ');

/** The bytes of a text freshMiddle or freshEnd gave, for as long as it gives that very string. */
class SharedBytes {
  private text = '';
  private bytes: Buffer | undefined = Buffer.alloc(0);

  of(text: string): Buffer | undefined {
    if (text !== this.text) {
      this.text = text;
      // Only ASCII is written as it is; other text leaves the line to the encoder.
      this.bytes = isPlainAscii(text) ? Buffer.from(text, 'latin1') : undefined;
    }
    return this.bytes;
  }
}

function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}

const middles = new SharedBytes();
const ends = new SharedBytes();

/** The bytes every fresh line with these fields shares, between the password and the seq (middle) and after the seq (end). */
function sharedOf(provider: string, level: number, state: string, addedAt: string, source: string): { middle: Buffer; end: Buffer } | undefined {
  const middle = middles.of(freshMiddle(provider, level, state, addedAt));
  const end = ends.of(freshEnd(source));
  return middle && end ? { middle, end } : undefined;
}

function digitsOf(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    digits++;
  }
  return digits;
}

/**
 * The UTF-8 length of the account's line (encodeAccountLine) when writeFreshLine can write it: an
 * account of exactly the shape an import adds, its name and password plain ASCII (quoted as they
 * are), its seq a whole number written in digits, the shared parts ASCII. Otherwise -1.
 */
export function freshLineLength(account: Account): number {
  if (!isFreshRecord(account as unknown as Record<string, unknown>)) return -1;
  return lineLength(account.username, account.password!, account.seq, sharedOf(account.provider, account.level, account.state, account.added_at, account.source!));
}

function lineLength(username: string, password: string, seq: number, shared: { middle: Buffer; end: Buffer } | undefined): number {
  if (!shared || !isPlainText(username) || !isPlainText(password) || !Number.isSafeInteger(seq) || seq < 0) return -1;
  return username.length + password.length + 4 + PASSWORD.length + shared.middle.length + digitsOf(seq) + shared.end.length;
}

/** freshLineLength of the account at place `n` of an import's columns (fresh-accounts.ts), without making it. */
export function freshColumnLength(fresh: FreshAccounts, n: number): number {
  // Its name and password are bytes there when plain, read by length only: no string touched.
  if (!fresh.isPlain(n)) return -1;
  const seq = fresh.seq(n);
  const shared = sharedOf(fresh.provider(n), fresh.level(n), 'ok', fresh.addedAt, fresh.source);
  if (!shared || !Number.isSafeInteger(seq) || seq < 0) return -1;
  return fresh.passwordEnd(n) - fresh.start(n) + 4 + PASSWORD.length + shared.middle.length + digitsOf(seq) + shared.end.length;
}

/** writeFreshLine of the account at place `n` of an import's columns, which freshColumnLength measured. */
export function writeFreshColumn(fresh: FreshAccounts, n: number, out: Buffer, at: number): number {
  const text = fresh.bytes;
  const nameEnd = fresh.nameEnd(n);
  at = copyQuoted(text, fresh.start(n), nameEnd, out, at);
  out.set(PASSWORD, at);
  at = copyQuoted(text, nameEnd, fresh.passwordEnd(n), out, at + PASSWORD.length);
  return writeRest(fresh.seq(n), sharedOf(fresh.provider(n), fresh.level(n), 'ok', fresh.addedAt, fresh.source)!, out, at);
}

/** `"` + text[from, to) + `"` at `at`: a loop, as a call into Buffer.copy costs more than a name's few bytes. */
function copyQuoted(text: Buffer, from: number, to: number, out: Buffer, at: number): number {
  out[at++] = 0x22;
  for (let i = from; i < to; i++) out[at++] = text[i]!;
  out[at++] = 0x22;
  return at;
}

function writeQuoted(text: string, out: Buffer, at: number): number {
  out[at++] = 0x22;
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  out[at++] = 0x22;
  return at;
}

/** Writes the line of an account freshLineLength measured (no line break) at `at`; returns where it ends. */
export function writeFreshLine(account: Account, out: Buffer, at: number): number {
  return writeLine(account.username, account.password!, account.seq, sharedOf(account.provider, account.level, account.state, account.added_at, account.source!)!, out, at);
}

function writeLine(username: string, password: string, seq: number, shared: { middle: Buffer; end: Buffer }, out: Buffer, at: number): number {
  at = writeQuoted(username, out, at);
  out.set(PASSWORD, at);
  at = writeQuoted(password, out, at + PASSWORD.length);
  return writeRest(seq, shared, out, at);
}

/** What follows the password: the shared middle, the seq's digits, the shared end. */
function writeRest(seq: number, { middle, end }: { middle: Buffer; end: Buffer }, out: Buffer, at: number): number {
  out.set(middle, at);
  at += middle.length;
  // The seq's digits, last first (seq is 0 for -0, as JSON writes it).
  let n = seq;
  const last = at + digitsOf(n) - 1;
  for (let i = last; i >= at; i--) {
    out[i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  at = last + 1;
  out.set(end, at);
  return at + end.length;
}
