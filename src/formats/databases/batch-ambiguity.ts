// The note of a file the mysql client wrote in batch mode whose only backslashes stand before `t`
// or `n`: `mysql -B` writes a tab and a line feed inside a value as `\t` and `\n`, and `mysql -B -r`
// writes a value's backslash and t or n as they are, the same bytes. Nothing else in such a file
// tells which; it is read raw, the bytes kept, and the preview says so (pgpool-tsv.ts for PGPool's
// table, mysql-batch-logins.ts for any table's login and password alone).

import type { LineList } from '../text-lines.js';

/** The lines holding a backslash before one of `letters`, for the note of a file that cannot tell raw from escaped. */
function escapeLines(lines: LineList, letters: readonly string[]): string {
  const found: number[] = [];
  for (let i = 0; i < lines.length && found.length < 6; i++) {
    const line = lines.at(i)!;
    if (letters.some((l) => line.includes(`\\${l}`))) found.push(i + 1);
  }
  return `line${found.length === 1 ? '' : 's'} ${found.slice(0, 5).join(', ')}${found.length > 5 ? ', ...' : ''}`;
}

/** The note of a file whose backslashes stand only before `t` or `n`. */
export function ambiguityNote(lines: LineList, letters: readonly string[]): string {
  const what = letters.map((l) => (l === 't' ? 'a tab' : 'a line feed')).join(' or ');
  const raw = letters.map((l) => `a backslash and ${l}`).join(' or ');
  return `${escapeLines(lines, letters)}: a backslash before ${letters.join(' or ')}, and nothing else in the file tells mysql -B's escaped output (${what}) from mysql -B -r's raw output (${raw}): read as raw, the backslash kept; to be sure, export again with mysql -B -r`;
}
