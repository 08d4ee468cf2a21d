// The token `serve` and `dashboard` ask for, from `--token-file FILE`, `--token TOKEN` or
// $ACCOUNTPOOL_TOKEN, read the same way by both, and the one warning for a token given on the
// command line: every user of this machine reads a process's arguments (`ps`,
// /proc/PID/cmdline); its environment and a 0600 file are its owner's alone. Two commands with
// two wordings of the same danger (stop 55) left the operator unsure which remedy applied.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { println, type Context } from './context.js';
import { UsageError } from '../errors.js';
import { fileKind } from '../file-kind.js';

/** The flags both commands take. */
export const TOKEN_FLAGS = {
  token: { type: 'string' },
  'token-file': { type: 'string', completes: 'file' },
} as const;

/** What `accountpool COMMAND` prints when `--token` was given on its command line. */
export const COMMAND_LINE_TOKEN_WARNING = 'warning: --token on the command line can be read by every user of this machine (`ps`, /proc/PID/cmdline), and with it the accounts and their passwords; give it as --token-file FILE or in $ACCOUNTPOOL_TOKEN';

/** The token the flags or the environment give, or undefined; a token file every user may read is warned about on stderr. */
export async function tokenOption(ctx: Context, values: { token?: string; 'token-file'?: string }): Promise<string | undefined> {
  if (values.token !== undefined && values['token-file'] !== undefined) throw new UsageError('give --token or --token-file, not both');
  const token = values['token-file'] !== undefined ? await readTokenFile(resolve(ctx.cwd, values['token-file']), (line) => println(ctx.stderr, line)) : (values.token ?? (ctx.env.ACCOUNTPOOL_TOKEN || undefined));
  if (token !== undefined && token.length === 0) throw new UsageError('--token must not be empty');
  return token;
}

/** Said once the command is up (after its address line): the token it was given is visible to every local user. */
export function warnCommandLineToken(ctx: Context, values: { token?: string }): void {
  if (values.token !== undefined) println(ctx.stderr, COMMAND_LINE_TOKEN_WARNING);
}

/** Far above any token; a file this big was given by mistake (a log, /dev/zero's kin). */
const TOKEN_FILE_MAX = 4096;

/**
 * The token file's content without its line end (editors and `echo` add one). Never quoted in an
 * error. Only a regular file of a few KB is read: a FIFO (opened without waiting for a writer) or
 * a device would hang the start or fill memory. One everybody may read is named (like ssh's keys):
 * whoever reads it can take accounts.
 */
async function readTokenFile(file: string, warn: (line: string) => void): Promise<string> {
  const cannot = (why: string) => new UsageError(`--token-file: cannot read ${file} (${why})`);
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw cannot(error.code ?? 'error');
  });
  let text: string;
  try {
    const info = await handle.stat();
    const kind = fileKind(info);
    if (kind) throw cannot(`${kind}, not a regular file`);
    if (info.size > TOKEN_FILE_MAX) throw cannot(`${info.size} bytes: a token is one short line`);
    if (info.mode & 0o007) warn(`warning: --token-file ${file} can be read by every user of this machine (mode ${(info.mode & 0o777).toString(8)}): whoever reads it can take accounts; chmod o-rwx ${file}`);
    text = (await handle.readFile()).subarray(0, TOKEN_FILE_MAX).toString('utf8');
  } finally {
    await handle.close();
  }
  const token = text.replace(/[\r\n]+$/, '');
  if (token === '' || /[\r\n]/.test(token)) throw new UsageError(`--token-file: ${file} must hold the token on one line`);
  return token;
}
