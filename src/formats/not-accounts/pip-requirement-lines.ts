// pip's requirements-file grammar, line by line (pip `req/req_file.py`; PEP 508 for a requirement,
// PEP 440 for its versions), so a requirements file is known by what its lines are, not by which
// packages it names. A line is one of: an option (`-r base.txt`, `-e git+https://...`, `--index-url
// URL`, `--pre`), a URL or VCS requirement (`git+https://...#egg=pgoapi`), a local archive or folder
// (`./dist/pkg.whl`), or `name[extras] (op version, ...) ; marker`, `name @ URL`, each perhaps with
// per-requirement options (`--hash=sha256:...`). It is strict where an account line could slip in:
// versions are PEP 440 ones (`==1.0.2`, never `==Pika1234`), a marker is pip's expression of its
// environment names, a URL has a scheme and a host, a path starts like one. `user:pass`, `user pass`,
// `user;pass`, `user==Pass!1`, `mail@x.com:pass` are none of these.

/** PEP 508's name (pip accepts `_` and `.` too). */
const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
/** PEP 440's version, public and local parts, any case, `.*` after `==`/`!=`. */
const VERSION = 'v?(?:\\d+!)?\\d+(?:\\.\\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\\d*)?(?:-\\d+|[-_.]?(?:post|rev|r)[-_.]?\\d*)?(?:[-_.]?dev[-_.]?\\d*)?(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?(?:\\.\\*)?';
/** One clause: `>=1.0`; `===` compares as text, but a version's text starts with a digit. */
const CLAUSE = `\\s*(?:(?:~=|==|!=|<=|>=|<|>)\\s*${VERSION}|===\\s*\\d[A-Za-z0-9._+!*-]*)\\s*`;
const SPECIFIER = `${CLAUSE}(?:,${CLAUSE})*`;
/**
 * A run of blanks taken whole (`(?=(\s*))\1`, an atomic group): every part after one starts with
 * a non-blank or may be empty, so giving blanks back never helps a match. Plain `\s*` before the
 * optional extras, specifier and `\s*$` split a line's run of blanks three ways at every blank:
 * `abc` + 996 blanks + `x` (a 1,000-character line, headLines' cap) took 2-5 s of one readDump.
 */
const blanks = (n: number) => `(?=(?<b${n}>\\s*))\\k<b${n}>`;
const NAMED = new RegExp(`^(${NAME})${blanks(1)}(?:\\[\\s*(?:${NAME}(?:\\s*,\\s*${NAME})*\\s*)?\\])?${blanks(2)}(?:\\(${SPECIFIER}\\)|${SPECIFIER}|@\\s*(?<url>\\S+))?\\s*$`, 'i');
/** A URL pip installs from: a scheme (a VCS one too), a host and a numeric port, or `git+git@host:path`. */
const URL = /^(?:(?:git|hg|svn|bzr)\+)?(?:https?|ftp|file|ssh|git|svn|hg|bzr)(?:\+[a-z]+)?:\/\/(?:[^\s/@]+@)?[^\s/@:]*(?::\d+)?(?:[/?#]\S*)?$|^git\+git@[\w.-]+:\S+$/i;
/** A local archive or project folder, as pip takes one: a path that starts like a path, or a distribution's file name. */
const PATH = /^(?:\.{1,2}(?:[/\\]\S*)?|~?\/\S*|[A-Za-z]:\\\S*|[\w.+-]+(?:\.whl|\.tar\.gz|\.tar\.bz2|\.tgz|\.zip))$/;

/**
 * The line without its comment: pip cuts `#` at the line's start or after a blank. The blanks
 * before it are tried from a run's first blank only (`(?<!\s)`): from every blank, a long run
 * without a `#` is read again and again (20,000 blanks: 0.5 s).
 */
const withoutComment = (line: string) => line.replace(/(?:^|(?<!\s)\s+)#.*$/, '').trim();

/** pip's options that stand on a line (`pip/_internal/req/req_file.py` SUPPORTED_OPTIONS) and whether each takes a value. */
const LINE_OPTIONS = new Map<string, boolean>([
  ['-r', true], ['--requirement', true], ['-c', true], ['--constraint', true], ['-e', true], ['--editable', true],
  ['-i', true], ['--index-url', true], ['--extra-index-url', true], ['--no-index', false], ['-f', true], ['--find-links', true],
  ['--pre', false], ['--prefer-binary', false], ['--require-hashes', false], ['--only-binary', true], ['--no-binary', true],
  ['--trusted-host', true], ['--use-feature', true], ['-Z', false], ['--always-unzip', false], ['--process-dependency-links', false],
]);
/** Options after a requirement (SUPPORTED_OPTIONS_REQ). */
const REQUIREMENT_OPTIONS = new Set(['--hash', '--global-option', '--install-option', '--config-settings']);
const HASH = /^(?:sha256|sha384|sha512|md5|sha1|sha224):[0-9a-f]+$/i;

/** PEP 508's marker: environment names, quoted strings, comparisons, `and`/`or`, parentheses. */
const MARKER_VARIABLES = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release', 'platform_system', 'platform_version',
  'platform_machine', 'platform_python_implementation', 'implementation_name', 'implementation_version', 'extra',
  'os.name', 'sys.platform', 'platform.version', 'platform.machine', 'platform.python_implementation', 'python_implementation',
]);
const MARKER_TOKEN = /\s*(?:(\()|(\))|('[^']*'|"[^"]*")|(===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)|(and|or)\b|([A-Za-z_][\w.]*))/y;

function isMarker(text: string): boolean {
  const tokens: { kind: 'open' | 'close' | 'value' | 'op' | 'bool' | 'name'; text: string }[] = [];
  MARKER_TOKEN.lastIndex = 0;
  while (MARKER_TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(MARKER_TOKEN.lastIndex))) break;
    const m = MARKER_TOKEN.exec(text);
    if (!m) return false;
    const kind = m[1] ? 'open' : m[2] ? 'close' : m[3] ? 'value' : m[4] ? 'op' : m[5] ? 'bool' : 'name';
    if (kind === 'name' && !MARKER_VARIABLES.has(m[6]!)) return false;
    tokens.push({ kind, text: m[0] });
  }
  let at = 0;
  const operand = () => tokens[at]?.kind === 'value' || tokens[at]?.kind === 'name';
  // expression := atom ((and|or) atom)*; atom := ( expression ) | operand op operand
  const expression = (): boolean => {
    if (!atom()) return false;
    while (tokens[at]?.kind === 'bool') {
      at++;
      if (!atom()) return false;
    }
    return true;
  };
  const atom = (): boolean => {
    if (tokens[at]?.kind === 'open') {
      at++;
      if (!expression() || tokens[at]?.kind !== 'close') return false;
      at++;
      return true;
    }
    if (!operand()) return false;
    at++;
    if (tokens[at]?.kind !== 'op') return false;
    at++;
    if (!operand()) return false;
    at++;
    return true;
  };
  return tokens.length > 0 && expression() && at === tokens.length;
}

/** A requirement itself: named (PEP 508, its `@ URL` checked), a URL, or a path; then a marker after `;`. */
function isRequirement(text: string): boolean {
  // pip splits a URL's marker off at `; ` (a space after it), a named requirement's at the first `;`.
  const urlLike = URL.test(text.split(/;\s/)[0]!.trim()) || PATH.test(text.split(/;\s/)[0]!.trim());
  const cut = urlLike ? text.search(/;\s/) : text.indexOf(';');
  const spec = (cut < 0 ? text : text.slice(0, cut)).trim();
  if (cut >= 0 && !isMarker(text.slice(cut + 1))) return false;
  if (URL.test(spec) || PATH.test(spec)) return true;
  const named = NAMED.exec(spec);
  return named !== null && (named.groups!.url === undefined || URL.test(named.groups!.url));
}

/** An option and its value, as optparse reads them: `--opt=value`, `--opt value`, `-rvalue`, `-r value`. */
function options(words: string[], known: (name: string) => boolean | undefined, check: (name: string, value: string) => boolean): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const long = /^(--[a-z][a-z-]*)(?:=(.*))?$/.exec(w);
    const name = long ? long[1]! : w.slice(0, 2);
    const takes = known(name);
    if (takes === undefined || !/^-/.test(w)) return false;
    let value = long ? long[2] : w.length > 2 ? w.slice(2) : undefined;
    if (takes && value === undefined) value = words[++i];
    if (takes ? value === undefined || value === '' || !check(name, value) : value !== undefined) return false;
  }
  return true;
}

/** One logical line of a requirements file (comment cut, continuations joined) is one pip reads. */
export function isPipLine(line: string): boolean {
  const s = withoutComment(line).replace(/\$\{[A-Z0-9_]+\}/g, 'x');
  if (s === '') return true;
  if (s.startsWith('-')) {
    const words = s.split(/\s+/);
    const first = /^(--[a-z-]+)/.exec(words[0]!)?.[1] ?? words[0]!.slice(0, 2);
    // `-e` and `-r` take the rest of the line (an editable URL, a file name); the others are options alone.
    if (['-e', '--editable'].includes(first)) {
      const value = s.replace(/^(?:-e|--editable)(?:=|\s+)?/, '');
      return value !== '' && (isRequirement(value) || URL.test(value.split(/\s+/)[0]!));
    }
    return options(words, (n) => LINE_OPTIONS.get(n), (n, v) => !/^-/.test(v) && (!['-i', '--index-url', '--extra-index-url'].includes(n) || URL.test(v)));
  }
  // Per-requirement options start at the first word that starts with `--`.
  const at = s.search(/\s--[a-z]/);
  if (at < 0) return isRequirement(s);
  return isRequirement(s.slice(0, at)) && options(s.slice(at).trim().split(/\s+/), (n) => (REQUIREMENT_OPTIONS.has(n) ? true : undefined), (n, v) => n !== '--hash' || HASH.test(v));
}

/** A bare name (`flask`): pip reads it, but so is a login on a list of usernames. */
export function isBareName(line: string): boolean {
  return new RegExp(`^${NAME}$`).test(withoutComment(line));
}

/**
 * A line pip reads that other files hold as well: a bare name, or a plain web address (a proxy
 * list's `http://1.2.3.4:8080`), not a VCS one, an archive or an `#egg=` requirement.
 */
export function isAmbiguousPipLine(line: string): boolean {
  const s = withoutComment(line);
  return isBareName(s) || (/^(?:https?|ftp|socks[45]?h?):\/\//i.test(s) && !/#egg=|\.(?:whl|tar\.gz|tar\.bz2|tgz|zip)(?:[#?]|$)/i.test(s));
}

/** The logical lines: a line ending in `\` goes on in the next, as pip joins them. */
export function logicalLines(lines: string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const l of lines) {
    if (/(?:^|[^\\])\\$/.test(l)) pending += l.slice(0, -1) + ' ';
    else {
      out.push(pending + l);
      pending = '';
    }
  }
  if (pending !== '') out.push(pending.trim());
  return out;
}
