// Line numbers of a mail's body as lines of the file. A reader reads the body mailparser decoded,
// so its line numbers count lines of that body; an operator looks at the file. A body sent as
// 7bit or 8bit (and most quoted-printable lines) is in the file as it reads: each body line is
// found, in order, after the mail's headers. When every line a result names is found, its numbers
// become the file's; when one is not (a base64 body, a line quoted-printable escaped), the result
// keeps the body's numbers rather than mixing the two.
import type { DumpResult } from './types.js';

/** How far past the last line found the next one may be: a body is contiguous in its file. */
const WINDOW = 200;

/** Body line → file line (1-based) for the body lines found in order in `file` from `from` (0-based). */
function lineMap(file: string[], body: string[], from: number): Map<number, number> {
  const map = new Map<number, number>();
  let j = from;
  for (let k = 0; k < body.length; k++) {
    const b = body[k]!.trimEnd();
    if (b === '') continue;
    for (let f = j; f < file.length && f < j + WINDOW; f++) {
      if (file[f]!.trimEnd() === b) {
        map.set(k + 1, f + 1);
        j = f + 1;
        break;
      }
    }
  }
  return map;
}

/** The first line after the mail's headers (0-based): the first blank line ends them. */
function bodyStart(file: string[]): number {
  const blank = file.findIndex((l) => l.trim() === '');
  return blank < 0 ? file.length : blank + 1;
}

/**
 * `result` with the lines of the file `raw` holding the body `body`, `offset` lines further on (the
 * mail's place in an mbox); `result` itself when some line it names is not found in the file.
 */
export function withFileLines(result: DumpResult, raw: string, body: string, offset = 0): DumpResult {
  const file = raw.split('\n');
  const map = lineMap(file, body.split('\n'), bodyStart(file));
  const lines = [...result.accounts, ...result.rejected, ...(result.skipped ?? [])].map((x) => x.line);
  if (lines.some((n) => !map.has(n))) return result;
  const at = (n: number) => map.get(n)! + offset;
  return {
    ...result,
    accounts: result.accounts.map((a) => ({ ...a, line: at(a.line) })),
    rejected: result.rejected.map((r) => ({ ...r, line: at(r.line) })),
    ...(result.skipped ? { skipped: result.skipped.map((s) => ({ ...s, line: at(s.line) })) } : {}),
  };
}
