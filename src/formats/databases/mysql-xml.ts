// An account table as the mysql client's `--xml` (`mysql -X -e 'SELECT * FROM account'`) or
// `mysqldump --xml` writes it (MariaDB 10.11's, made by test/fixtures/generators/make-pgpool-xml.sh):
// `<row>` after `<row>`, each value a `<field name="column">value</field>` line, NULL as
// `<field name="column" xsi:nil="true" />`, `<`, `>`, `&` and `"` written as entities, anything
// else (a tab, a line feed) as itself. mysqldump's `<table_structure>` names its columns with
// `Field=`, not `name=`, so only the data is read. The columns are named, so any table the
// PGPool reader knows by its header (PGPool's and its forks', ShuckleTools', RDM's, Flygon's,
// MAD's) is read by name, as under `mysql -B`'s header.
import { pgpoolHeader } from './pgpool-tsv.js';
import { pgpoolAccount, type PgpoolRow } from './pgpool-row.js';
import { TableAccounts } from './table-accounts.js';
import { referencedChar } from '../character-reference.js';
import type { DumpFormat, DumpInput, DumpResult, ParseOptions, Rejection } from '../types.js';

const ROW = /<row>([\s\S]*?)<\/row>/g;
const FIELD = /<field name="([^"]*)"(?:\s+xsi:nil="true"\s*\/>|>([^<]*)<\/field>)/g;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's five named entities and character references turned into their characters (one past Unicode kept as written). */
export function unescape(value: string): string {
  return value.replace(ENTITY, (whole: string, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
    name ? NAMED[name]! : (referencedChar(dec ?? hex!, dec === undefined) ?? whole));
}

/** The column names of the first row, when they are a table the PGPool reader knows. */
function knownColumns(text: string): string[] | undefined {
  if (!/^\s*<\?xml[^>]*\?>\s*<(?:resultset|mysqldump)\b/.test(text.slice(0, 4096))) return undefined;
  const first = new RegExp(ROW.source).exec(text);
  if (!first) return undefined;
  const names = [...first[1]!.matchAll(FIELD)].map((m) => m[1]!);
  return pgpoolHeader(names.join('\t'));
}

export function detectMysqlXml(input: DumpInput): number {
  return knownColumns(input.text) ? 0.97 : 0;
}

/** With `columnsFrom` (an import's read) the rows' accounts go into columns as they are read (table-accounts.ts). */
export function parseMysqlXml(input: DumpInput, options?: ParseOptions): DumpResult {
  const accounts = new TableAccounts(options?.columnsFrom);
  const rejected: Rejection[] = [];
  const text = input.text;
  let line = 1;
  let counted = 0;
  for (const row of text.matchAll(ROW)) {
    for (; counted < row.index; counted++) if (text.charCodeAt(counted) === 10) line++;
    const cells: PgpoolRow = new Map();
    for (const f of row[1]!.matchAll(FIELD)) cells.set(f[1]!.toLowerCase(), f[2] === undefined ? null : unescape(f[2]));
    if (!cells.has('username') || !cells.has('password')) continue; // another table of a whole database's dump
    const read = pgpoolAccount(cells, line);
    if (typeof read === 'string') rejected.push({ line, reason: read });
    else accounts.add(read);
  }
  return accounts.result('mysql-xml', rejected);
}

export const mysqlXml: DumpFormat = { name: 'mysql-xml', detect: detectMysqlXml, parse: parseMysqlXml, textOnly: true };
