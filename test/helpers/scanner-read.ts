// Reading an accounts file the way a scanner reads it: RocketMap's -ac and -hlvl parsers,
// PGScout's and PGNumbra's accounts files, PGPool's pgpool-import.py and /account/add lines, PoGoAccountCheck's banned.py and PoTatoCheck's logincheck.py, Monocle's csv.DictReader and its forks' import_accounts.py, jdggraaf/RocketMap's tools (either file, told apart by its first line), pogoAccountServer's accounts.txt, run in Python by scanner_read.py beside this file (python3 needed).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './cli.js';
import { pythonPath, STDLIB_ONLY } from './python.js';

const SCRIPT = join(ROOT, 'test/helpers/scanner_read.py');
const run = promisify(execFile);

export type ScannerRead = { accounts?: Record<string, string>[]; error?: string };

/** Which reader (see scanner_read.py): the rocketmap file is read by the first eight, the monocle file by the next two, either by jdggraaf. */
export type ScannerMode = 'rocketmap-ac' | 'rocketmap-hlvl' | 'pgscout-utf8' | 'pgpool-import' | 'python2-bytes' | 'pgnumbra-ngovil21' | 'pogoaccountcheck' | 'potatocheck' | 'monocle' | 'monocle-import' | 'monocle-device' | 'monocle-import-existing' | 'jdggraaf' | 'pogoaccountserver' | 'monocle-restart';

/** The scanner's reading of each file (accounts, or why the scanner would stop), one per file; for monocle-restart one per pair of files (the earlier start's, the later's). */
export async function scannerRead(mode: ScannerMode, files: string[]): Promise<ScannerRead[]> {
  const { stdout } = await run(pythonPath(), [...STDLIB_ONLY, SCRIPT, mode, ...files], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as ScannerRead);
}

/** The code points Python's str.strip() removes (str.isspace()). */
export async function pythonSpaces(): Promise<number[]> {
  return JSON.parse((await run(pythonPath(), [...STDLIB_ONLY, SCRIPT, 'isspace'])).stdout) as number[];
}
