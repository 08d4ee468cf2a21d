// What a start script prints of the variables it was given, kept as the console's log: Onigam/
// PoGoBotFarm's `start-all-bot.sh` reads `users.csv` (`cut -d';' -f1`, `-f2`, `-f3`), echoes
// `"$USERNAME $PASSWORD $LOCATION"`, then runs `start-bot.sh -u=... -p=... -l=...`, which prints
//   Installing new bot environment...
//   USER = farmwalk01
//   PASSWORD = Fw1#genf
//   LOCATION = 46.2050241,6.1090692
// (`echo USER = ${USER}`: the label, ` = `, the value) before it writes the bot's config and starts
// it, one block an account, among git's, wget's, make's and pip's lines of the same run. A careful
// reader takes the blocks: each is a login and the password the bot was started with. Everything
// else is the run's prose, never an account. A block beside a host, a port or a database is
// another service's login: the file is left to the other readers.
import { splitLines, stripEnd } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import { isExampleAccount, EXAMPLE_REASON } from '../lists/placeholder-passwords.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection, Skipped } from '../types.js';

/** `LABEL = value` as `echo LABEL = ${VAR}` prints it: a label in capitals, one blank each side of `=`. */
const ECHO = /^([A-Z][A-Z_]{1,19}) = ?(.*)$/;
const USER_WORDS = 'USER|USERNAME|USER_NAME|LOGIN|ACCOUNT|PTC_USER|PTC_USERNAME';
const USER_LABEL = new RegExp(`^(?:${USER_WORDS})$`);
/** A login's echo at a line's start: detection's cheap look, with USER_LABEL's words. */
const USER_ECHO = new RegExp(`^(?:${USER_WORDS}) = `, 'm');
const PASS_LABEL = /^(?:PASSWORD|PASS|PASSWD|PWD|PTC_PASS|PTC_PASSWORD)$/;
const AUTH_LABEL = /^(?:AUTH|AUTH_SERVICE|AUTH_TYPE|PROVIDER|SERVICE)$/;
/** A label saying the login is another service's: a database's, a proxy's, a server's. */
const OTHER_LABEL = /^(?:HOST|HOSTNAME|PORT|DB|DATABASE|DB_NAME|DB_HOST|SERVER|URL|URI|PROXY|SMTP|MYSQL|POSTGRES|REDIS)$/;

const SECTION = /^\s*\[[^\]]+\]\s*$/;
/** A settings file's own lines: `key = value`, `key: value`, `export KEY=value`, a comment. */
const SETTING = /^\s*(?:[#;]|\/\/|(?:export\s+)?[\w.-]+\s*[=:])/;

interface Block {
  /** 0-based index of each `LABEL = value` line, by label. */
  labels: Map<string, { at: number; value: string }>;
  first: number;
  last: number;
}

/** Each run of `LABEL = value` lines holding a login label directly followed by a password label. */
function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!ECHO.test(stripEnd(lines[i]!))) continue;
    const labels = new Map<string, { at: number; value: string }>();
    let k = i;
    for (; k < lines.length; k++) {
      const m = ECHO.exec(stripEnd(lines[k]!));
      if (!m) break;
      if (!labels.has(m[1]!)) labels.set(m[1]!, { at: k, value: m[2]! });
    }
    const user = [...labels].find(([l]) => USER_LABEL.test(l));
    const pass = [...labels].find(([l]) => PASS_LABEL.test(l));
    if (user && pass && pass[1].at === user[1].at + 1) out.push({ labels, first: i, last: k - 1 });
    i = k - 1;
  }
  return out;
}

/**
 * Sure where the file is a console: blocks of a login and its password, none beside another
 * service's labels, and lines of the run around them (a config file of `KEY = value` lines alone is
 * a settings file, its readers' to judge).
 */
export function detectVariableEchoConsole(input: DumpInput): number {
  if (!USER_ECHO.test(input.text)) return 0;
  const lines = splitLines(input.text);
  const found = blocks(lines);
  if (found.length === 0 || found.some((b) => [...b.labels.keys()].some((l) => OTHER_LABEL.test(l)))) return 0;
  // An ini file's `[section]`, or nothing but settings and comments around the blocks: a settings file.
  const inBlock = new Set(found.flatMap((b) => Array.from({ length: b.last - b.first + 1 }, (_, k) => b.first + k)));
  const around = lines.filter((l, i) => !inBlock.has(i) && l.trim() !== '');
  if (around.some((l) => SECTION.test(l))) return 0;
  return around.some((l) => !SETTING.test(l)) ? 0.9 : 0;
}

export function parseVariableEchoConsole(input: DumpInput): DumpResult {
  const lines = splitLines(input.text);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  const taken = new Set<number>();
  for (const b of blocks(lines)) {
    for (let k = b.first; k <= b.last; k++) taken.add(k);
    const [, user] = [...b.labels].find(([l]) => USER_LABEL.test(l))!;
    const [, pass] = [...b.labels].find(([l]) => PASS_LABEL.test(l))!;
    const auth = [...b.labels].find(([l]) => AUTH_LABEL.test(l))?.[1].value.trim().toLowerCase();
    // `echo` prints the value as the shell split it: no blank at either end, the rest as printed.
    const username = user.value.trim();
    const password = pass.value.trim();
    const line = user.at + 1;
    const reason = usernameProblem(username) ?? (password === '' ? 'missing password' : undefined) ?? (isExampleAccount(username, password) ? EXAMPLE_REASON : undefined);
    if (reason) rejected.push({ line, reason });
    else accounts.push({ username, password, line, provider: auth === 'google' || auth === 'ptc' ? auth : /@(?:gmail|googlemail)\.com$/i.test(username) ? 'google' : 'ptc' });
  }
  for (let i = 0; i < lines.length; i++) if (!taken.has(i) && lines[i]!.trim() !== '') skipped.push({ line: i + 1, kind: 'prose' });
  return { format: 'variable-echo-console', accounts, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

export const variableEchoConsole: DumpFormat = { name: 'variable-echo-console', detect: detectVariableEchoConsole, parse: parseVariableEchoConsole };
