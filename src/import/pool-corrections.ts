// A reply mail that delivers nothing and names an account's new password (`New password for
// ash_02: X`), imported after the delivery it answers (a later `import`, or the watcher taking
// the reply after the delivery was filed): its reader offers each login the sentence names
// (DumpResult.poolCorrections), and the pool decides. Exactly one of them an account of the pool:
// the sentence names it and says the password changed, so it is applied, at the sentence's line.
// None: refused as the reader refused it. Several: refused naming them, never a guess.
import { AppError } from '../errors.js';
import type { DumpResult } from '../formats/types.js';
import { rejectedSummary } from '../formats/choose.js';
import type { Account } from '../model.js';
import { wasReplaced } from '../replaced-passwords.js';

export interface PoolCorrectionOptions {
  /** An archive's member, whose archive is refused only when all of it gives nothing. */
  member?: boolean;
  /** `import --older-passwords`: a password the account replaced is taken back, and said as a correction. */
  olderPasswords?: boolean;
}

/**
 * Throws, naming `file` and the lines, when no sentence was about an account of the pool: the mail
 * gave nothing. `member`: an archive's member, whose archive is refused only when all of it gives
 * nothing (import-archive.ts): its sentences stay rejected lines.
 */
export function withPoolCorrections(file: string, dump: DumpResult, known: (username: string) => Account | undefined, { member = false, olderPasswords = false }: PoolCorrectionOptions = {}): DumpResult {
  if (!dump.poolCorrections) return dump;
  const byLine = new Map<number, { username: string; password: string; already: boolean; older: boolean }[]>();
  for (const c of dump.poolCorrections) {
    const account = known(c.username);
    if (account) byLine.set(c.line, [...(byLine.get(c.line) ?? []), { username: account.username, password: c.password, already: account.password === c.password, older: !olderPasswords && wasReplaced(account, c.password) }]);
  }
  const accounts = [...dump.accounts];
  const notes: string[] = [];
  const rejected = dump.rejected.flatMap((r) => {
    const found = byLine.get(r.line);
    if (!found) return [r];
    const names = [...new Set(found.map((f) => f.username))];
    if (names.length === 1) {
      const first = found[0]!;
      accounts.push({ username: first.username, password: first.password, line: r.line });
      // Said by name: a file that delivers no account changed one already in the pool. The same
      // fix imported again changes nothing, and is said so, never as a correction (stop 64 X).
      // A fix older than the pool's password: the merge keeps the pool's and says so, with the line (stop 65 X).
      if (!first.older) notes.push(first.already ? `line ${r.line} gives \`${first.username}\` the password the pool already holds for it (applied before): nothing changed` : `line ${r.line} corrects the password of \`${first.username}\`, which this file does not deliver (the pool held it, or another file of this import delivered it): its password is now the one the line gives`);
      return [];
    }
    return [{ line: r.line, reason: `a correction of a password for no account this mail delivers that names several accounts of the pool (${names.join(', ')}): which one is unsure; correct it by hand` }];
  });
  if (accounts.length === 0 && !member) {
    throw new AppError(`${file}: no accounts found; read as ${dump.format}; ${rejectedSummary(rejected.length, rejected)}`);
  }
  const { poolCorrections: _, ...rest } = dump;
  return { ...rest, accounts, rejected, ...(notes.length > 0 ? { notes: [...(dump.notes ?? []), ...notes] } : {}) };
}
