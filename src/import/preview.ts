// What `import --dry-run` shows of a file before anything is written, so an operator can trust an
// import before making it: the reader chosen and why, the first accounts as they would be stored
// (`username  ********  level  provider`, never a password, then the verdict when the file states
// one: a checker's banned or blind, a scanner's captcha), the lines read past as prose or as
// something other than an account, and the lines rejected, each with its line number.
import { KIND_NAME } from '../formats/lists/line-kinds.js';
import type { ImportReport } from './merge.js';

/** How many accounts the preview lists. */
export const PREVIEW_ACCOUNTS = 10;

/** `lines 3, 7-9, 12`: consecutive lines as ranges, at most `max` entries. */
export function lineList(lines: number[], max = 20): string {
  const parts: string[] = [];
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length && parts.length < max; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j;
  }
  const more = parts.length === max && sorted.length > 0 ? ', ...' : '';
  return `line${sorted.length === 1 ? '' : 's'} ${parts.join(', ')}${more}`;
}

/** The preview's lines for one file, after its summary line. */
export function previewLines(report: ImportReport, total: number): string[] {
  const out = [`  read as ${report.format}${report.why ? `: ${report.why}` : ''}`];
  for (const note of report.notes ?? []) out.push(`  note: ${note}`);
  const sample = report.sample ?? [];
  if (sample.length > 0) {
    out.push(`  accounts${total > sample.length ? ` (first ${sample.length} of ${total})` : ''}:`);
    const width = Math.max(...sample.map((a) => a.username.length));
    // The verdicts (when the file states any) stand in one column after the provider.
    const providerWidth = sample.some((a) => a.verdict) ? Math.max(...sample.map((a) => a.provider.length)) : 0;
    for (const a of sample) {
      const note = a.outcome === 'new' ? '' : `  (${a.outcome === 'duplicate' ? 'duplicate' : `already in the pool, ${a.outcome}`})`;
      const verdict = a.verdict ? `  ${a.verdict}` : '';
      // A split conversation's later file (`message_2.json`) is named: the account is not in the file imported.
      const from = a.file !== undefined ? `  (${a.file} line ${a.line})` : '';
      out.push(`    ${a.username.padEnd(width)}  ********  ${String(a.level).padStart(2)}  ${verdict ? a.provider.padEnd(providerWidth) : a.provider}${verdict}${note}${from}`);
    }
  }
  const byKind = new Map<string, number[]>();
  for (const s of report.skipped ?? []) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.line]);
  for (const [kind, lines] of byKind) out.push(`  skipped as ${kind === 'prose' ? 'prose' : KIND_NAME[kind as keyof typeof KIND_NAME]}: ${lineList(lines)}`);
  for (const r of report.rejected.slice(0, 20)) out.push(`  rejected line ${r.line}: ${r.reason}`);
  if (report.rejected.length > 20) out.push(`  ... and ${report.rejected.length - 20} more rejected lines`);
  for (const d of report.duplicates.slice(0, 10)) out.push(`  duplicate line ${d.line} (of line ${d.first}), skipped`);
  return out;
}
