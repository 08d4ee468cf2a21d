// Label blocks in a language email-labels.ts does not know: `Felhasználó: x` / `Jelszó: y`, then
// the same two labels over the next account, and the next. Each label's line splits like a
// `user:pass` line, so the list reader made every label a login (`Jelszó` with the password `y`).
// Which label names the login and which the password cannot be told from words we do not know,
// so the lines are rejected, saying so, never read by their order: unsure means no.
import { isMailChrome, LABEL_LINE } from './email-labels.js';

/** A word or a few before `:` (no digit: logins hold them, labels do not), then one token. */
const LABEL_VALUE = /^([\p{L}\p{M}][\p{L}\p{M}'’. -]{0,38}?)[ \t]*[:：][ \t]*(\S+)[ \t]*$/u;

export interface UnknownLabels {
  /** The 0-based indexes of the label lines. */
  lines: Set<number>;
  /** The labels, as written, in their order over a block. */
  labels: string[];
  /** Every value a word: the labels are chat senders' names (`Bob: hi`), not an account's. */
  chat: boolean;
}

/**
 * The blocks of `lines` (unquoted) that repeat the same two or more unknown labels in the same
 * order, each label over different values; undefined when there are none. Only asked of a text
 * with no label email-labels.ts knows.
 */
export function unknownLabelBlocks(lines: string[]): UnknownLabels | undefined {
  const found: { i: number; key: string; label: string; value: string }[] = [];
  for (const [i, raw] of lines.entries()) {
    const s = raw.trim();
    if (s === '') continue;
    // Cheap first: a list's `user1:pass` line has a digit before its colon (the regex costs µs a line).
    const colon = s.search(/[:：]/);
    if (colon < 2 || colon > 40 || /\d/.test(s.slice(0, colon))) continue;
    const m = LABEL_VALUE.exec(s);
    if (!m || LABEL_LINE.test(s) || isMailChrome(s)) continue;
    found.push({ i, key: m[1]!.toLocaleLowerCase(), label: m[1]!, value: m[2]! });
  }
  const count = new Map<string, Set<string>>();
  for (const f of found) count.set(f.key, (count.get(f.key) ?? new Set()).add(f.value));
  const repeated = found.filter((f) => (count.get(f.key)?.size ?? 0) >= 2);
  // The cycle: the labels up to the first one seen again.
  const cycle: string[] = [];
  for (const f of repeated) {
    if (cycle.includes(f.key)) break;
    cycle.push(f.key);
  }
  if (cycle.length < 2 || repeated.length < cycle.length * 2) return undefined;
  if (!repeated.every((f, n) => f.key === cycle[n % cycle.length])) return undefined;
  // `Bob: hi` / `Alice: sure`: people's names over words, a chat's copy, no login's or password's
  // labels: every value a word of letters (a login or a password holds a digit or a mark, nearly).
  const chat = repeated.every((f) => CHAT_WORD.test(f.value));
  return { lines: new Set(repeated.map((f) => f.i)), labels: repeated.slice(0, cycle.length).map((f) => f.label), chat };
}

/** A chat message's word: letters, perhaps a sentence's mark after them (`hi`, `thanks!`, `ok?`). */
const CHAT_WORD = /^\p{L}+[.,!?…]*$/u;

/** Why such a line is rejected: the labels by name, never a value. */
export function unknownLabelsReason(labels: string[], chat = false): string {
  const named = labels.map((l) => `\`${l}:\``).join(', ');
  if (chat) return `looks like chat lines (${named} naming who wrote, words after them), no account: accounts pasted between them are read`;
  return `labels of a language accountpool does not know (${labels.map((l) => `\`${l}:\``).join(', ')} over every account): which one names the login and which the password is unsure; write them as Username: and Password:, or the accounts as user:pass lines`;
}
