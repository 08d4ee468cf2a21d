// Issue 14's done-when, kept true as readers and fixtures are added: the import table of
// docs/formats.md (the README's "every format and the tool it comes from") has a row for every
// reader `import --format` accepts, naming the tool it comes from; and test/fixtures/README.md
// names every fixture, each row citing the repository (owner/name) and file the fixture follows,
// or saying why there is none (our own case, written by hand). The reader names come from the
// code (formatNames(), what `import --format` and its help use), never from a copy.
import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { formatNames } from '../../src/formats/index.js';
import { ROOT } from '../helpers/cli.js';

/** The cells of a Markdown table row; `\|` inside a cell is no column break. */
function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** The rows (not header, not rule) of every table of a page, each with the heading it stands under. */
interface Row {
  header: string[];
  cells: string[];
  line: number;
  /** The prose between the row's section heading and its table. */
  intro: string;
}
function tableRows(markdown: string): Row[] {
  const rows: Row[] = [];
  const lines = markdown.split('\n');
  let header: string[] | undefined;
  let intro = '';
  lines.forEach((line, i) => {
    if (/^#/.test(line)) intro = '';
    else if (!line.startsWith('|')) intro += `${line}\n`;
    if (!line.startsWith('|')) return void (header = undefined);
    if (header === undefined) return void (header = cells(line));
    if (/^\|(\s*:?-+:?\s*\|)+\s*$/.test(line)) return;
    rows.push({ header, cells: cells(line), line: i + 1, intro });
  });
  return rows;
}

/** Reader names a cell gives as `reader NAME` / `readers A, B and C` (or `--format NAME`). */
function readersNamed(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\b(?:readers?|--format)\s+((?:`[a-z0-9-]+`(?:,\s*|\s+and\s+|\s+or\s+)?)+)/g)) {
    for (const name of m[1]!.matchAll(/`([a-z0-9-]+)`/g)) names.push(name[1]!);
  }
  return names;
}

const formatsPage = await readFile(join(ROOT, 'docs/formats.md'), 'utf8');
const fixturesReadme = await readFile(join(ROOT, 'test/fixtures/README.md'), 'utf8');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out.sort();
}


/** `folder/*` as a test of a path below test/fixtures/dumps (`*` never crosses a `/`). */
const globRegExp = (glob: string) => new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);

describe("docs/formats.md's import table", () => {
  const importRows = tableRows(formatsPage).filter((row) => row.header[1] === 'comes from');

  it('is there, with its "comes from" column', () => {
    expect(importRows.length).toBeGreaterThan(20);
  });

  it('has a row for every reader `import --format` accepts, naming the tool it comes from', () => {
    const missing: string[] = [];
    for (const name of formatNames()) {
      const rows = importRows.filter((row) => readersNamed(row.cells.join(' | ')).includes(name));
      if (rows.length === 0) missing.push(`${name}: no row names it (write "reader \`${name}\`" in its row)`);
      else if (!rows.some((row) => (row.cells[1] ?? '').replace(/[`\s]/g, '') !== '')) missing.push(`${name}: its row names no tool it comes from`);
    }
    expect(missing, `docs/formats.md's import table lacks:\n${missing.join('\n')}`).toEqual([]);
  });

  it('names no reader the code does not have', () => {
    const known = new Set(formatNames());
    const unknown = importRows.flatMap((row) => readersNamed(row.cells.join(' | ')).filter((name) => !known.has(name)).map((name) => `line ${row.line}: ${name}`));
    expect(unknown, `docs/formats.md names readers that do not exist:\n${unknown.join('\n')}`).toEqual([]);
  });
});

describe('test/fixtures/README.md', () => {
  const rows = tableRows(fixturesReadme).filter((row) => row.header[0] === 'fixture');
  /** Outside code spans, a repository as GitHub names it, `owner/name` (`Noctem/Monocle`, `RocketMap/RocketMap`). */
  // A MIME type (`multipart/alternative`, `message/rfc822`) is written the same way and is no repository.
  const REPOSITORY = /(?:^|[\s(])(?!(?:application|audio|image|message|multipart|text|video)\/)[A-Za-z0-9][\w-]*\/[A-Za-z0-9][\w.-]*[A-Za-z0-9](?=[\s),:;]|$)/;
  /** Why a row cites no repository: the case is ours, written by hand, or made up. */
  const NO_REPOSITORY = /\bour own\b|\bby hand\b|\bmade[- ]up\b|\bhand-written\b/i;
  /** A row that follows what the row above it cites ("the same file, ...", "made by the same script"). */
  const SAME = /^(?:\w+ )?(?:by |from |in )?the same\b/i;

  it('names every file under test/fixtures', async () => {
    const named = new Set(rows.flatMap((row) => [...row.cells[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)));
    // The generators are named where they are run, in the Regenerating section's commands.
    const text = fixturesReadme;
    // A row may name a folder of one generator's outputs as `folder/*`.
    const globs = [...named].filter((name) => name.includes('*')).map(globRegExp);
    const missing: string[] = [];
    for (const path of await filesUnder(join(ROOT, 'test/fixtures'))) {
      const rel = relative(join(ROOT, 'test/fixtures'), path);
      if (rel === 'README.md') continue;
      const base = rel.split('/').pop()!;
      const inDumps = rel.slice('dumps/'.length);
      if (rel.startsWith('dumps/') ? !named.has(base) && !named.has(rel) && !globs.some((glob) => glob.test(inDumps)) : !text.includes(rel)) missing.push(rel);
    }
    expect(missing, `test/fixtures/README.md names no row for:\n${missing.join('\n')}`).toEqual([]);
  });

  it('names no fixture that is not there', async () => {
    const files = (await filesUnder(join(ROOT, 'test/fixtures/dumps'))).map((path) => relative(join(ROOT, 'test/fixtures/dumps'), path));
    const present = new Set(files.map((path) => path.split('/').pop()!));
    const there = (name: string) => (name.includes('*') ? files.some((file) => globRegExp(name).test(file)) : present.has(name.split('/').pop()!));
    const gone = rows.flatMap((row) => [...row.cells[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((name) => !there(name)).map((name) => `line ${row.line}: ${name}`));
    expect(gone, `test/fixtures/README.md names fixtures that do not exist:\n${gone.join('\n')}`).toEqual([]);
  });

  it('cites for every row the repository and file it follows, or says why none', () => {
    const cited = (row: Row): boolean => {
      const text = row.cells.slice(1).join(' | ');
      // A section's introduction may say it once for all its rows (the seller deliveries: no such mail is public).
      return REPOSITORY.test(text.replace(/`[^`]*`/g, ' ')) || NO_REPOSITORY.test(text) || NO_REPOSITORY.test(row.intro.replace(/`[^`]*`/g, ''));
    };
    const uncited: string[] = [];
    let above = false;
    rows.forEach((row, i) => {
      const follows = row.cells.at(-1)!;
      const ok = cited(row) || (i > 0 && rows[i - 1]!.header === row.header && SAME.test(follows) && above);
      if (!ok) uncited.push(`line ${row.line}: ${row.cells[0]}`);
      above = ok;
    });
    expect(uncited, `rows of test/fixtures/README.md citing no repository (owner/name \`file\`) nor saying "our own" / "by hand":\n${uncited.join('\n')}`).toEqual([]);
  });
});
