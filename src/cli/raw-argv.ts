// Command-line arguments that are not UTF-8, kept whole. A file named in a Windows or DOS code page
// (`accountpool import caf$'\xe9'.txt`, or `accountpool import inbox/*` over such a name) reaches
// Node as a string with U+FFFD for its bytes, a name no file has. On Linux /proc/self/cmdline still
// holds the bytes: such an argument is taken from there, as raw-names.ts's string for it (which
// opens the very file, and shows its bytes as `\xE9`).
import { readFileSync } from 'node:fs';
import { hasRawBytes, nameOf, shownName } from '../watch/raw-names.js';
import { UsageError } from '../errors.js';

/** `args` (the tail of process.argv) with each argument holding U+FFFD taken from the bytes the process was given. */
export function rawArgs(args: string[], cmdline = () => readFileSync('/proc/self/cmdline')): string[] {
  if (!args.some((arg) => arg.includes('\uFFFD'))) return args; // the usual case: nothing read
  let raw: Buffer[];
  try {
    const bytes = cmdline();
    raw = [];
    for (let start = 0; start < bytes.length; ) {
      const end = bytes.indexOf(0, start);
      raw.push(bytes.subarray(start, end < 0 ? bytes.length : end));
      start = end < 0 ? bytes.length : end + 1;
    }
  } catch {
    return args; // no /proc (not Linux): the names stay as Node gave them
  }
  // The arguments are cmdline's last ones (before them: node, its options, the script); each
  // must decode to what Node gave, or nothing is taken from there.
  const tail = raw.slice(raw.length - args.length);
  if (tail.length !== args.length || tail.some((bytes, i) => bytes.toString('utf8') !== args[i])) return args;
  return args.map((arg, i) => (arg.includes('\uFFFD') ? nameOf(tail[i]!) : arg));
}

/**
 * Refuses an output file (`allocate --accountcsv`, `export --out`) named by bytes that are not
 * UTF-8. Its name reaches here as raw-names.ts's string for them, which the writers (the journal,
 * the temp beside it) would write as U+FFFD: the file was written under another name than the one
 * given (`acc\xFF.csv` -> `acc\xEF\xBF\xBD.csv`), and the scanner read its old accounts, since
 * handed to another instance (stop 56). Refused before anything is held or written.
 */
export function refuseRawOutputName(flag: string, path: string): void {
  if (hasRawBytes(path)) throw new UsageError(`${flag} ${shownName(path)}: the name is not UTF-8, and accountpool writes files only under UTF-8 names; give the file a UTF-8 name (rename its folder too if that is where the bytes are)`);
}
