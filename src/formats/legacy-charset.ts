// Which 8-bit charset a file that is no UTF-8 and declares none was saved in, where its bytes say
// so for certain: Excel for Mac's "CSV (Macintosh)" writes Mac Roman, Windows Excel's "CSV" and
// Notepad's "ANSI" write windows-1252 in Western Europe and the Americas, windows-1250 in Central
// Europe (Polish, Czech, Slovak, Hungarian). The same byte is another letter in each (`ä` is 0x8A in
// Mac Roman, `Š` in windows-1252; windows-1252's `ä` 0xE4 is Mac Roman's `‰`; windows-1250's `ł`
// 0xB3 is windows-1252's `³`), so a byte inside a word votes for the charsets that read it as a
// letter in the word's case (a lower-case letter between lower-case ones). A charset is chosen
// where every such byte reads as a fitting letter in it and at least one does not in the others.
// windows-1250 only where a byte is a letter in it and none in windows-1252 (`ł`, `ą`, `ż`, `ť`):
// a file whose accented letters are letters in both (`ñ` is `ń` in windows-1250, `è` is `č`, `ř`
// is `ø`) is read as windows-1252, as stop 66 read it. Any disagreement (a password's `§`,
// which Mac Roman reads as `ß`) leaves the file undecided: its lines holding such bytes stay
// unsure, and an account there is refused as before (choose.ts), `import --encoding` the way
// through (stated-encoding.ts).

/** The charsets told apart, as WHATWG's TextDecoder names them, and as the preview names them. */
const CHARSETS = [
  { encoding: 'windows-1252', name: 'windows-1252 (Windows "ANSI")' },
  { encoding: 'macintosh', name: 'Mac Roman (Excel for Mac\'s "CSV (Macintosh)")' },
  { encoding: 'windows-1250', name: 'windows-1250 (Central European Windows "ANSI")' },
] as const;

/** Bytes each Windows charset leaves undefined (WHATWG maps them to C1 controls): a file holding one inside a word is not in it. */
const UNDEFINED: Record<string, ReadonlySet<number>> = {
  'windows-1252': new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]),
  'windows-1250': new Set([0x81, 0x83, 0x88, 0x90, 0x98]),
};

/** The bytes each charset reads, 0x80-0xFF, as one string each. */
let tables: string[] | undefined;
function table(i: number): string {
  tables ??= CHARSETS.map((c) => new TextDecoder(c.encoding).decode(Uint8Array.from({ length: 128 }, (_, b) => b + 0x80)));
  return tables[i]!;
}

const isAsciiLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
const isLower = (b: number) => b >= 0x61 && b <= 0x7a;

/** A double-byte charset of East Asia whose bytes a file may be in instead (Shift_JIS' trail bytes are ASCII letters too). */
const DOUBLE_BYTE = ['shift_jis', 'euc-jp', 'gbk', 'big5', 'euc-kr'];
const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** How much of a file is looked at: the charset shows in its first lines as well as in all of them. */
const SAMPLE = 1 << 20;

/**
 * Whether the bytes may be in a charset of another script: three bytes over 0x7F in a row (a
 * Cyrillic or Greek word in windows-1251, KOI8-R or ISO-8859-7; a Western word holds one accented
 * letter or two together), more such bytes than a third of its ASCII letters, or two together in a
 * text one of East Asia's double-byte charsets reads without an error into its scripts.
 */
function mayBeOtherScript(sample: Buffer): boolean {
  let run = 0;
  let pairs = false;
  let high = 0;
  let letters = 0;
  for (const b of sample) {
    if (b >= 0x80) {
      high++;
      // (A Polish word's `żół` too: undecided, as a Cyrillic word is.)
      if (++run >= 3) return true;
      if (run === 2) pairs = true;
    } else {
      run = 0;
      if (isAsciiLetter(b)) letters++;
    }
  }
  if (high * 3 > letters) return true;
  // Two such bytes together: a Western word's two accented letters (`créée`), or one character of
  // a double-byte charset. A high byte alone before an ASCII letter is a valid GBK or Big5
  // character too, so only a pair asks the double-byte decoders.
  return pairs && DOUBLE_BYTE.some((encoding) => {
    try {
      return EAST_ASIAN.test(new TextDecoder(encoding, { fatal: true }).decode(sample));
    } catch {
      return false;
    }
  });
}

/** The charset the bytes were saved in, when they show it for certain; undefined otherwise. */
export function legacyCharset(whole: Buffer): { encoding: string; name: string } | undefined {
  // Cut at a line's end, so a double-byte character is never split.
  const cut = whole.length > SAMPLE ? whole.lastIndexOf(0x0a, SAMPLE) : -1;
  const body = cut > 0 ? whole.subarray(0, cut) : whole;
  if (mayBeOtherScript(body)) return undefined;
  const fits = CHARSETS.map(() => ({ all: true }));
  /** beats[k][j]: a byte inside a word reads as a fitting letter in charset k and not in j. */
  const beats = CHARSETS.map(() => CHARSETS.map(() => false));
  let votes = 0;
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b < 0x80) continue;
    // A high byte inside a word: an ASCII letter on either side, the case the neighbours have.
    const before = body[i - 1];
    const after = body[i + 1];
    if (!isAsciiLetter(before) && !isAsciiLetter(after)) continue;
    const lower = isAsciiLetter(before) && isLower(before!);
    const reads = CHARSETS.map((c, k) => {
      if (UNDEFINED[c.encoding]?.has(b)) return false;
      const ch = table(k)[b - 0x80]!;
      return /\p{L}/u.test(ch) && (!lower || ch === ch.toLowerCase());
    });
    votes++;
    reads.forEach((r, k) => {
      if (!r) fits[k]!.all = false;
      else reads.forEach((o, j) => {
        if (!o) beats[k]![j] = true;
      });
    });
  }
  if (votes === 0) return undefined;
  const [ansi, mac, central] = [0, 1, 2];
  const fit = (k: number) => fits[k]!.all;
  // windows-1250 where a byte is a letter in it and no letter in windows-1252 (`ł`, `ą`, `ż`, `ť`),
  // and Mac Roman does not fit: Polish and Czech Notepad files.
  if (fit(central) && beats[central]![ansi] && !fit(mac)) return CHARSETS[central];
  // Else Mac Roman or windows-1252, as stop 66 told them apart: a Western file whose letters are
  // letters in windows-1250 too (`ñ` is `ń` there) is read as windows-1252, as before.
  const western = [ansi, mac].filter((k) => fit(k) && beats[k]![k === ansi ? mac : ansi]);
  if (western.length !== 1) return undefined;
  // Mac Roman where windows-1250 fits too and reads a byte otherwise: undecided.
  if (western[0] === mac && fit(central) && !sameReading(body, [mac, central])) return undefined;
  return CHARSETS[western[0]!];
}

/** Whether the charsets `ks` read every byte over 0x7F of `body` as the same character. */
function sameReading(body: Buffer, ks: number[]): boolean {
  const seen = new Set<number>();
  for (const b of body) if (b >= 0x80) seen.add(b);
  for (const b of seen) {
    const first = table(ks[0]!)[b - 0x80];
    if (ks.some((k) => table(k)[b - 0x80] !== first)) return false;
  }
  return true;
}
