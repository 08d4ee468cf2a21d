// What is wrong with a shard that does not read, said without quoting it.
//
// The yaml package's messages quote the text they stumbled on ("Unresolved alias ...: Pikachu7",
// "Invalid escape sequence \u7Sec"), and in a shard that text is usually a password: an unquoted
// password starting with `*`, `>` or `|` is an easy typo by hand. Such messages reach terminals,
// logs, HTTP answers and the request log. So a shard error is built here from the error's kind,
// its line and the name of the field it is in (only a field name we know: a field name of the
// user's own is text from the file too), never from yaml's words or the file's text.
//
// The line: yaml reports an error where it noticed it, which for an unclosed quote or brace is a
// later line, or for an alias the line 1 of the whole document. In a shard every account starts at
// the beginning of a line, so the account that is broken is the first one that does not read on
// its own; its error is reported inside its own lines.
import type { Document, ErrorCode, LineCounter, YAMLError } from 'yaml';
import { yaml } from '../yaml-lazy.js';
import { DEVICE_FIELD_ORDER, FIELD_ORDER } from '../model.js';
import { FileError } from '../errors.js';

const QUOTE_IT = 'put the value in double quotes';

/** Each kind of YAML error in words that quote nothing. */
const KINDS: Partial<Record<ErrorCode, string>> = {
  BAD_SCALAR_START: `a value begins with a character YAML reserves (one of * & ! | > ' " % @ \` or "- "): ${QUOTE_IT}`,
  BLOCK_IN_FLOW: `a value inside {...} holds ": " or begins with "- ": ${QUOTE_IT}`,
  BAD_DQ_ESCAPE: 'a backslash in a double-quoted value starts no valid escape: write \\\\ for a backslash',
  MISSING_CHAR: 'a quote, bracket, brace, comma or colon is missing',
  UNEXPECTED_TOKEN: 'a quote, bracket, brace, comma or colon is out of place',
  BAD_INDENT: 'the indentation is wrong',
  TAB_AS_INDENT: 'a tab is used for indentation: use spaces',
  MULTILINE_IMPLICIT_KEY: 'a name runs over two lines',
  BLOCK_AS_IMPLICIT_KEY: 'a name runs over two lines',
  KEY_OVER_1024_CHARS: 'a name is longer than 1024 characters',
  DUPLICATE_KEY: 'the same field twice in one account',
  BAD_ALIAS: `a value begins with * (an alias in YAML): ${QUOTE_IT}`,
  ALIAS_PROPS: `a value begins with & or ! (an anchor or tag in YAML): ${QUOTE_IT}`,
  BAD_PROP_ORDER: `a value begins with & or ! (an anchor or tag in YAML): ${QUOTE_IT}`,
  MULTIPLE_ANCHORS: `a value begins with & (an anchor in YAML): ${QUOTE_IT}`,
  MULTIPLE_TAGS: `a value begins with ! (a tag in YAML): ${QUOTE_IT}`,
  TAG_RESOLVE_FAILED: `a value begins with ! (a tag in YAML): ${QUOTE_IT}`,
  BAD_DIRECTIVE: 'a line begins with % (a YAML directive)',
  MULTIPLE_DOCS: 'a line "---" starts a second YAML document: a shard is one',
  RESOURCE_EXHAUSTION: 'too many aliases (a YAML alias bomb?)',
};

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})( |\r?$)/;
const CONFLICT =
  "a git conflict marker: a merge was made without accountpool's merge driver (`accountpool init --git` registers it on this host), or left half done; " +
  'keep one version of each account between the markers, delete the marker lines, and run `accountpool verify`';

const UNRESOLVED_ALIAS = `a value begins with * and YAML reads it as an alias to an anchor that does not exist: ${QUOTE_IT}`;

const FIELDS = new Set<string>([...FIELD_ORDER, ...DEVICE_FIELD_ORDER]);
/** A `name:` (quoted or not) in a line. */
const KEY = /(?:^|[{,\s])"?([A-Za-z_]+)"?\s*:(?=\s|$)/g;

/** The field the text before the error on its line belongs to, when it is one of ours. */
function fieldAt(lineText: string, column: number): string | undefined {
  let name: string | undefined;
  for (const match of lineText.slice(0, Math.max(column - 1, 0)).matchAll(KEY)) name = match[1];
  return name !== undefined && FIELDS.has(name) ? name : undefined;
}

function shardError(file: string, text: string, line: number, column: number, kind: string): FileError {
  const lineText = text.split('\n', line)[line - 1] ?? '';
  const field = fieldAt(lineText, column);
  return new FileError(file, line, `not valid YAML${field ? ` in field ${field}` : ''}: ${kind}`);
}

type Parse = (text: string) => { doc: Document.Parsed; lineCounter: LineCounter };

interface Located {
  line: number;
  column: number;
  code: ErrorCode;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;
const isContent = (line: string) => line.trim().length > 0 && !line.trimStart().startsWith('#');

/**
 * The innermost entry among lines `from`..`to` (0-based, inclusive) that does not parse on its
 * own, and its own error. Entries start at the lines indented no deeper than the range's first
 * content line: the accounts at the top, the fields of a block-style account below. Tried from
 * the last one starting at or before `lastStart` (where yaml noticed the error) backwards: the
 * entry at fault is usually that one (one parse, whatever the shard's size), and the lines a
 * broken entry swallowed read fine on their own.
 */
function locate(lines: readonly string[], from: number, to: number, parse: Parse, lastStart = to): Located | undefined {
  const first = lines.slice(from, to + 1).findIndex(isContent);
  if (first < 0) return undefined;
  const depth = indentOf(lines[from + first]!);
  const starts: number[] = [];
  for (let i = from + first; i <= to; i++) if (isContent(lines[i]!) && indentOf(lines[i]!) <= depth) starts.push(i);
  for (let s = starts.filter((start) => start <= lastStart).length - 1; s >= 0; s--) {
    const start = starts[s]!;
    const end = s + 1 < starts.length ? starts[s + 1]! - 1 : to;
    const cut = indentOf(lines[start]!);
    const own = parse(lines.slice(start, end + 1).map((l) => l.slice(Math.min(cut, indentOf(l)))).join('\n'));
    const error = own.doc.errors[0];
    if (!error) continue;
    const inner = start < end ? locate(lines, start + 1, end, parse) : undefined;
    if (inner) return inner;
    const at = own.lineCounter.linePos(error.pos[0]);
    const line = start + at.line - 1;
    return line > end ? { line: end, column: Number.MAX_SAFE_INTEGER, code: error.code } : { line, column: at.col + cut, code: error.code };
  }
  return undefined;
}

/**
 * The error of a shard whose parse reported `error`: where the entry at fault (the last one up to
 * the error's line that does not parse on its own) says it is; else `error` where yaml put it.
 */
export function describeParseError(file: string, text: string, error: YAMLError, lineCounter: LineCounter, parse: Parse): FileError {
  const at = lineCounter.linePos(error.pos[0]);
  const lines = text.split('\n');
  // git's markers (never YAML) where a merge ran without our driver, or a hand merge was left half done.
  const marker = lines.findIndex((line) => CONFLICT_MARKER.test(line));
  if (marker >= 0) return new FileError(file, marker + 1, CONFLICT);
  const found = locate(lines, 0, lines.length - 1, parse, at.line - 1);
  if (found) return shardError(file, text, found.line + 1, found.column, KINDS[found.code] ?? 'not a mapping of usernames to accounts');
  return shardError(file, text, at.line, at.col, KINDS[error.code] ?? 'not a mapping of usernames to accounts');
}

/** Why turning a parsed shard into data failed (an alias to no anchor, an alias bomb), at the alias's line. */
export function describeDataError(file: string, text: string, doc: Document.Parsed, lineCounter: LineCounter): FileError {
  const { visit } = yaml();
  let found: { offset: number; kind: string } | undefined;
  visit(doc, {
    Alias(_, alias) {
      const offset = alias.range?.[0] ?? 0;
      if (!alias.resolve(doc)) found = { offset, kind: UNRESOLVED_ALIAS };
      else found ??= { offset, kind: KINDS.RESOURCE_EXHAUSTION! };
      return found.kind === UNRESOLVED_ALIAS ? visit.BREAK : undefined;
    },
  });
  if (!found) return new FileError(file, 1, 'not valid YAML: it cannot be read as data');
  const at = lineCounter.linePos(found.offset);
  return shardError(file, text, at.line, at.col, found.kind);
}
