// What a dump without accounts looks like, in one phrase for the error that refuses it: "a proxy
// list (40 of 40 lines)", "a config file", "a list of e-mail addresses without passwords". The
// operator who dropped the wrong file sees at once what it was.
import { headLines, stripEnd } from './decode.js';
import { KIND_NAME, nonAccountKind } from './line-kinds.js';
import type { LineKind } from './types.js';

const WHOLE: Record<LineKind, string> = {
  url: 'a list of links',
  proxy: 'a proxy list',
  address: 'a list of e-mail addresses without passwords',
  key: 'API or hash keys',
  config: 'a config file',
  code: 'code or data (Python, JSON)',
  table: 'a table (checker statistics?)',
  stats: 'statistics (labels and numbers)',
  header: 'column headers without accounts',
  prose: 'a message without accounts (a newsletter?)',
};

/** Counts of each kind of line among the first lines that are not blank or `#` comments. */
export function countKinds(text: string): { kinds: Map<LineKind, number>; lines: number } {
  const kinds = new Map<LineKind, number>();
  let lines = 0;
  for (const raw of headLines(text, 2000)) {
    const s = stripEnd(raw).trim();
    if (s === '' || s.startsWith('#')) continue;
    lines++;
    const kind = nonAccountKind(s);
    if (kind) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return { kinds, lines };
}

/** "it looks like a proxy list (12 of 12 lines)", or the mix of what was seen; '' when nothing stands out. */
export function describeContent(text: string): string {
  const { kinds, lines } = countKinds(text);
  const sorted = [...kinds].sort((a, b) => b[1] - a[1]);
  if (sorted.length === 0) return '';
  const [kind, n] = sorted[0]!;
  if (n * 2 >= lines) return `it looks like ${WHOLE[kind]} (${n} of ${lines} lines)`;
  return `of its ${lines} lines, ${sorted.slice(0, 3).map(([k, c]) => `${c} look like ${KIND_NAME[k]}`).join(', ')}`;
}

/** "3 proxies (host:port), 2 config lines": the kinds of the lines a reader set aside. */
export function describeKinds(kinds: LineKind[]): string {
  const counts = new Map<LineKind, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${c} like ${KIND_NAME[k]}`).join(', ');
}

/** What a mail without accounts read as: its skipped lines' kinds ('' when it had none). */
export function describeSkipped(skipped: { kind: LineKind }[] | undefined): string {
  if (!skipped || skipped.length === 0) return '';
  const counts = new Map<LineKind, number>();
  for (const s of skipped) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  const [kind, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return n * 2 >= skipped.length ? `it looks like ${WHOLE[kind]}` : '';
}
