// How zip names without the UTF-8 flag are read (archive-zip-names.ts): the names bench/zip-names-make.py
// makes per code page, each alone in its zip and in pairs of one page (a zip's names are judged
// together): right, wrong (another name, sure of it) or unsure (shown as CP437 reads it, marked).
// Usage: python3 bench/zip-names-make.py 41 1000 /tmp/names.json && node --import tsx bench/zip-names-measure.ts /tmp/names.json
import { readFileSync } from 'node:fs';
import { ZipNames } from '../src/formats/archives/archive-zip-names.js';

interface Row { page: string; name: string; hex: string; cp437: string }
const rows: Row[] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const entry = (r: Row) => ({ fileNameRaw: Buffer.from(r.hex, 'hex'), fileName: r.cp437, generalPurposeBitFlag: 0, extraFields: [] }) as never;
const tally = new Map<string, { right: number; wrong: number; unsure: number; examples: string[] }>();
function judge(key: string, group: Row[]): void {
  const names = new ZipNames();
  for (const r of group) names.list(entry(r));
  names.decide();
  for (const r of group) {
    const t = tally.get(key) ?? { right: 0, wrong: 0, unsure: 0, examples: [] };
    tally.set(key, t);
    const { path, unsure } = names.of(entry(r));
    if (path === r.name.replace(/\\/g, '/').normalize('NFC')) t.right++;
    else if (unsure) t.unsure++;
    else {
      t.wrong++;
      if (t.examples.length < 6) t.examples.push(`${r.name} -> ${path}`);
    }
  }
}
const byPage = new Map<string, Row[]>();
for (const r of rows) byPage.set(r.page, [...(byPage.get(r.page) ?? []), r]);
for (const [page, list] of byPage) {
  for (const r of list) judge(`${page} alone`, [r]);
  for (let i = 0; i + 1 < list.length; i += 2) judge(`${page} pairs`, [list[i]!, list[i + 1]!]);
}
for (const [key, t] of tally) console.log(`${key.padEnd(18)} right ${String(t.right).padStart(4)} wrong ${String(t.wrong).padStart(4)} unsure ${String(t.unsure).padStart(4)}  ${t.examples.join(' | ')}`);
