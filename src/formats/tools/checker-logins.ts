// Checker outputs that hold the usernames of one verdict alone, one a line, in a file named for
// the verdict: PoGoAccountCheck's `banned.txt` and `failed.txt` (sebastienvercammen/PoGoAccountCheck
// and its forks, weizh888/ and a-moss/PoGoAccountCheck `banned.py`: `appendFile(username,
// 'banned.txt')` for a banned account, `appendFile(username, 'failed.txt')` for a login that failed
// ("It may have been deleted"), each `"%s\n" % (username)`, appended run after run; a Google
// account by its `@gmail.com` address). No password: nothing to import. The refusal names the file
// for what it is and the `mark` command that records its verdict on the accounts the pool holds.
import { counted } from '../../counted-noun.js';
import type { State } from '../../model.js';
import { contentHead } from '../decode.js';
import { shellWord } from '../../shell-word.js';

interface LoginsFile {
  /** What the file is, as the refusal names it. */
  what: string;
  state: State;
}

const FILES: Record<string, LoginsFile> = {
  // PoGoMap-GUI bundles a copy of banned.py (Go2Engle/PoGoMap-GUI `PokemonGo-Map/banned.py`) that
  // also appends a login the game refused after `api.login` let it through (`NotLoggedInException`,
  // "It may have been deleted") to banned.txt, where the checker's own returns: the same file name
  // and shape, so the refusal names both writers.
  'banned.txt': { what: "PoGoAccountCheck's banned list (the accounts it found banned; PoGoMap-GUI's copy of its banned.py also lists there logins the game refused, deleted accounts among them)", state: 'perm_banned' },
  'failed.txt': { what: "PoGoAccountCheck's failed list (the accounts whose login failed: a wrong password or a deleted account)", state: 'invalid' },
};

/** One login and nothing else: no blank and no separator a password would follow. */
const LOGIN_ALONE = /^[^\s:;,|]{3,64}$/;

/**
 * The checker file `name` and `text` are (the file's own name, a download's ` (1)` dropped), when
 * every line is a login alone; undefined otherwise (Pogo-Account-Checker's `banned.txt` holds
 * `username,password` lines, an account dump).
 */
export function checkerLoginsFile(name: string, text: string): (LoginsFile & { lines: number }) | undefined {
  const base = checkerFileName(name);
  const file = Object.hasOwn(FILES, base) ? FILES[base] : undefined; // not a file named `constructor`
  if (!file) return undefined;
  const lines = contentHead(text);
  if (lines.length === 0 || !lines.every((s) => LOGIN_ALONE.test(s))) return undefined;
  return { ...file, lines: lines.length };
}

/** The refusal's words for such a file: what it is, and the command that records its verdict. */
export function checkerLoginsRefusal(name: string, file: LoginsFile & { lines: number }): string {
  return `no accounts to import: it is ${file.what}, usernames without passwords (${counted(file.lines, 'line')}); ${markCommand(name, file.state)}`;
}

/** A file's own name (no folder), as its writer named it. */
function ownName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** A checker output's own name in lower case, minus a copy suffix such as ` (1)` that downloads add: what its writer named it. */
export function checkerFileName(name: string): string {
  return ownName(name).toLowerCase().replace(/\s*\(\d+\)(?=\.[a-z]+$)/, '');
}

/** The words that give the `mark` command recording `state` on the accounts a file of usernames names. */
export function markCommand(name: string, state: State): string {
  const own = ownName(name);
  // A download's `failed (1).txt` quoted, so the command can be pasted (shell-word.ts).
  return `to record this verdict on the accounts the pool holds: accountpool mark --from ${shellWord(own)} --verdict ${state}`;
}
