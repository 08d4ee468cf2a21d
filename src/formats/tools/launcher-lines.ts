// A command line as the program that launches it hands it on, where that program changes the text
// first: cron and supervisord both give `%` a meaning of their own, and supervisord cuts comments off
// the line. Read as written, `-p Pika%C01` in a crontab or `-p Pika%%S01` in a supervisord program is
// a password RocketMap never got.
// - cron (cronie-crond/cronie `src/do_command.c`, child_process, as vixie-cron did before it): the
//   first `%` not escaped by `\` ends the command, the rest is the command's standard input; a `\%`
//   is a `%` with the backslash dropped, every other backslash kept for the shell (`/bin/sh -c`).
// - supervisord (Supervisor/supervisor `supervisor/options.py`): `command=` is read by
//   UnhosedConfigParser, which on Python 3 (supervisor 4) ends the value at `;` or `#` after a
//   blank, on Python 2 (supervisor 3, RawConfigParser) at `;` after a blank only; then `expand()`
//   formats it with Python's `%` (`%%` a `%`, `%(ENV_X)s` the daemon's environment, any other `%`
//   an error: the program is not started); then `process.py` get_execv_args splits it with
//   shlex.split, a shell's quoting without expansion.

/** A crontab entry: an `@reboot`-like keyword or five time fields (names allowed), a system crontab's user after them or not. */
const CRON_ENTRY = /^\s*(?:@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)|[\d*][\w*/,-]*(?:\s+[\w*/,-]+){4})\s+\S/i;

/** supervisord's own names for `%(name)s` (options.py: ProcessConfig's expansions), each a value it knows, never an account. */
const SUPERVISOR_NAME = /^(?:ENV_\w+|program_name|process_num|group_name|host_node_name|here|numprocs)$/;

export type LauncherLine = { text: string } | { problem: string };

/** The account options' names, as RocketMap's parser takes them (short and long, `--user` abbreviations). */
const ACCOUNT_OPTION = /(?:^|\s)(?:-u|-p|--user\w*|--pass\w*)(?:[\s=]|$)/;

/**
 * The command a crontab entry or a supervisord `command=` line hands on, or why its account options
 * cannot be known from it; undefined where the line is neither. `supervisor` says the file holds a
 * `[program:x]` section (its `command=` lines are supervisord's).
 */
export function launcherLine(raw: string, supervisor: boolean): LauncherLine | undefined {
  if (supervisor && /^\s*command\s*=/.test(raw)) return supervisordCommand(raw);
  if (CRON_ENTRY.test(raw)) return cronCommand(raw);
  return undefined;
}

function cronCommand(raw: string): LauncherLine {
  // The command's characters gathered in a list (a `\%` takes its backslash back): linear in the line.
  const text: string[] = [];
  let escaped = false;
  for (let k = 0; k < raw.length; k++) {
    const c = raw[k]!;
    if (escaped) {
      escaped = false;
      if (c === '%') text.pop();
      text.push(c);
      continue;
    }
    if (c === '%') {
      // The rest is the command's input, never its options: read the command before it only where the
      // `%` stands between words and no account option follows it.
      const before = text.join('');
      if (/\s$/.test(before) && !ACCOUNT_OPTION.test(` ${raw.slice(k + 1)}`)) return { text: before };
      return { problem: "cron ends the command at a `%` (crontab(5): an unescaped `%` becomes a newline, the rest is the command's input), so RocketMap got its account options cut there: write `\\%` for a `%` in a value" };
    }
    escaped = c === '\\';
    text.push(c);
  }
  return { text: text.join('') };
}

function supervisordCommand(raw: string): LauncherLine {
  // supervisor 3 (Python 2) ends the value at ` ;`, supervisor 4 (Python 3) at ` ;` or ` #`.
  const old = raw.replace(/\s;.*$/, '');
  const value = old.replace(/\s#.*$/, '');
  if (value !== old) {
    const quotes = [...value].filter((c) => c === '"').length % 2 + [...value].filter((c) => c === "'").length % 2;
    if (ACCOUNT_OPTION.test(old.slice(value.length)) || quotes > 0)
      return { problem: 'supervisor 4 reads ` #` in a command as the start of a comment, supervisor 3 as part of the command: which account options the program got depends on its version' };
  }
  const text: string[] = [];
  // The word being built (from `word` in `text`) and the one before it, kept as the line is walked.
  let word = 0;
  let previous = '';
  const push = (c: string) => {
    if (/\s/.test(c)) {
      if (text.length > word) previous = text.slice(word).join('');
      word = text.length + 1;
    }
    text.push(c);
  };
  for (let k = 0; k < value.length; k++) {
    const c = value[k]!;
    if (c !== '%') {
      push(c);
      continue;
    }
    if (value[k + 1] === '%') {
      push('%');
      k++;
      continue;
    }
    const named = /^%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdirfxXoeEgGc]/.exec(value.slice(k, k + 200));
    if (!named || !SUPERVISOR_NAME.test(named[1]!)) return { problem: "supervisord formats a command with Python's `%` (`%%` is a `%`), and this `%` is no such format: it refuses to start the program" };
    // A value supervisord puts in: harmless in another option, unknown here in an account's.
    const current = text.slice(word, word + 40).join('');
    const option = /^(?:-u|-p|--user\w*|--pass\w*)$/;
    if (/^(?:-u|-p|--user\w*|--pass\w*)=/.test(current) || (text.length > word ? option.test(previous) && !option.test(current) : option.test(previous)))
      return { problem: `an account option's value is supervisord's %(${named[1]})s, which it fills in from its own environment: the account is not in this file` };
    for (const d of named[0]) push(d);
    k += named[0].length - 1;
  }
  return { text: text.join('') };
}

/**
 * A command handed whole as one quoted string to a program that runs it in a shell or types it
 * into one: `tmux new-session -d 'python runserver.py ...'` (tmux runs a one-word command with
 * `sh -c`), `bash -c`, `su -c`, `ssh host '...'`, and typed: `tmux send-keys '...' C-m`, `screen -X
 * stuff "...^M"` (tmux(1) send-keys, screen(1) stuff: `^M` is the Enter key). A double-quoted
 * string is the outer shell's first (`\$` a `$`, `$X` its variable), and the inner shell expands
 * `$`, backquotes and backslashes again; a typed line meets an interactive bash, which expands
 * `!` from its history (Bash Reference Manual 9.3, on by default in an interactive shell).
 */
const RUNNER = /\b(?:tmux|screen|bash|sh|dash|zsh|su|ssh)\b/;
const PROGRAM = /(?:^|\s)\S*(?:runserver|pokecli)\.py(?:\s|$)/;
/** The keys `tmux send-keys` sends after the text: Enter. */
const KEYS = /^(?:(?:C-m|Enter|KPEnter|C-j)(?:\s+|$))*$/;

export function shellString(line: string): LauncherLine | undefined {
  // Found by index, not one pattern: a long line of quotes and words is scanned a few times, never backtracked over.
  const open = line.search(/['"]/);
  if (open < 1 || !/\s/.test(line[open - 1]!)) return undefined;
  const before = line.slice(0, open);
  if (!RUNNER.test(before)) return undefined;
  const quote = line[open]!;
  const close = line.lastIndexOf(quote);
  if (close <= open || !KEYS.test(line.slice(close + 1).trim())) return undefined;
  let inner = line.slice(open + 1, close);
  if (!PROGRAM.test(inner)) return undefined;
  const keys = line.slice(close + 1).trim();
  const typed = /\b(?:send-keys|send|stuff)\b/.test(before!);
  if (quote === '"') {
    // The outer shell's double quotes: a `$` or backquote it expands leaves the string unknown here.
    if (/(?<!\\)[$`]/.test(inner)) return { problem: 'the command is a double-quoted string the script\'s shell expands `$` or a backquote in before the program gets it: its account options are unknown here' };
    inner = inner.replace(/\\([$`"\\])/g, '$1');
  }
  // screen's stuff ends the typed line with `^M` (or `\n`, `\r`, `\015`).
  if (typed && !keys) {
    for (let cut = true; cut; ) {
      const end = ['^M', '\\n', '\\r', '\\015'].find((e) => inner.endsWith(e));
      cut = end !== undefined;
      if (end) inner = inner.slice(0, -end.length);
    }
  }
  // The words the inner shell gets as account values: any it would expand again are unknown.
  const values = accountValues(inner);
  if (values.some((v) => /[$`\\]/.test(v))) return { problem: "the command string runs in a shell, which expands a `$`, a backquote or a backslash in an account's value: the value RocketMap got is unknown here" };
  if (typed && values.some((v) => v.includes('!'))) return { problem: 'the command is typed into an interactive bash, which expands a `!` in an account\'s value from its history (or fails the line): the value RocketMap got is unknown here' };
  return { text: inner };
}

/** The raw words after `-u`/`-p` (or `--username=`...), quotes and all: what a shell would still expand. */
function accountValues(text: string): string[] {
  const ws = text.split(/\s+/);
  const out: string[] = [];
  ws.forEach((w, k) => {
    const eq = /^(?:--user\w*|--pass\w*)=(.*)$/.exec(w);
    if (eq) out.push(eq[1]!);
    else if (/^(?:-u|-p|--user\w*|--pass\w*)$/.test(w) && ws[k + 1] !== undefined) out.push(ws[k + 1]!);
  });
  return out;
}
