// The SQL scanner fed a big dump's text a piece at a time (sql-scanner.ts: a window over
// file-lines.ts' pieces) must read what it reads of the whole text: every token, every value with
// its escapes undone, every line number and every failure, wherever the pieces are cut. The text
// is written as mysqldump writes (MariaDB client/mysqldump.c: version comments, backticked names,
// mysql_real_escape_string's escapes, --hex-blob's 0x literals, charset introducers).
import { describe, expect, it } from 'vitest';
import { SqlScanner } from '../../src/formats/databases/sql-scanner.js';

const SQL = [
  '-- MySQL dump 10.13',
  "/*!40101 SET NAMES utf8mb4 */;",
  'CREATE TABLE `acc``ount` (`username` varchar(50), `password` varchar(50)) ENGINE=InnoDB;',
  "INSERT INTO `pgpool`.`account` VALUES ('ptc','a\\'b\\\\c\\n',_utf8mb4 ",
  "'intro',x'4142',0x43,b'101',-1.5e3,.5,NULL,TRUE), # a comment",
  "('it''s',\"dq\"\"x\",12) ; /* a comment",
  'over lines */ INSERT INTO account VALUES (1,2);',
  "SELECT 'never closed",
].join('\n');

/** Every token the scanner reads, with its line, to the end or its failure. */
function tokens(sql: SqlScanner): unknown[] {
  const out: unknown[] = [];
  try {
    while ((sql.release(), sql.skipSpace(), !sql.done)) {
      const c = sql.peek();
      if (c === '`') out.push(['name', sql.tableName(), sql.line]);
      else {
        const word = sql.word();
        if (word) out.push(['word', word, sql.line]);
        else if (c === '(' || c === ')' || c === ',' || c === ';' || c === '=') out.push(['mark', (sql.pos++, c), sql.line]);
        else out.push(['value', sql.value(), sql.line]);
      }
    }
  } catch (error) {
    out.push(['failed', (error as Error).message]);
  }
  return out;
}

function inPieces(text: string, cuts: number[]): SqlScanner {
  const pieces = [...cuts, text.length].map((end, i) => text.slice(i === 0 ? 0 : cuts[i - 1], end));
  const rest = pieces.slice(1)[Symbol.iterator]();
  return new SqlScanner(pieces[0]!, 'dump.sql', rest);
}

describe('the SQL scanner over pieces of its text', () => {
  it('reads every token, value, line and failure as over the whole text, cut at any one place or every few characters', () => {
    const whole = tokens(new SqlScanner(SQL, 'dump.sql'));
    expect(whole.at(-1)).toEqual(['failed', 'dump.sql:8: not valid SQL: a quoted string is never closed']);
    expect(whole).toContainEqual(['value', "a'b\\c\n", 4]);
    expect(whole).toContainEqual(['value', 'intro', 5]);
    for (let cut = 1; cut < SQL.length; cut++) expect(tokens(inPieces(SQL, [cut])), `cut at ${cut}`).toEqual(whole);
    for (const step of [1, 2, 5]) {
      const cuts = Array.from({ length: Math.floor((SQL.length - 1) / step) }, (_, i) => (i + 1) * step);
      expect(tokens(inPieces(SQL, cuts)), `every ${step}`).toEqual(whole);
    }
  });
});
