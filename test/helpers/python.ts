// The Python interpreter the tests run (python3: the scanners' own parsers, archives made by
// zipfile and tarfile, PGPool's clients), asked for once per worker. `python3` on the PATH may be a
// version manager's shim: pyenv's is a shell script that runs pyenv before Python, ~0.35 s of CPU
// and up to seconds of wall at load 25 a call, against ~0.1 s for Python itself; CI runs on a host
// with pyenv, and the suite starts Python hundreds of times.
import { spawnSync } from 'node:child_process';

let python: string | undefined;

/** The path of the interpreter `python3` runs (sys.executable), or `python3` if it cannot say. */
export function pythonPath(): string {
  if (python) return python;
  const run = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  const path = run.status === 0 ? run.stdout.trim() : '';
  return (python = path || 'python3');
}

/**
 * Flags for a script that needs Python's standard library only (make_archive.py, scanner_read.py):
 * isolated (-I: no PYTHON* variables, no user site) and without `site` (-S), whose .pth files run
 * at every start (on this host one imports certifi: ~0.1 s of CPU a start against ~0.03 s with
 * -I -S, stop 49). Not for the PGPool clients, which import `requests` from site-packages.
 */
export const STDLIB_ONLY = ['-I', '-S'];
