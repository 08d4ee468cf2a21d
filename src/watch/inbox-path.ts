// An inbox whose own path is not UTF-8 (a folder named in a Windows or Russian code page, or a
// link to one): Node hands such a path over as a string with U+FFFD for its bytes, a path no
// folder has, and chokidar watches strings only. The watcher would fail on its first open with a
// bare ENOENT, or report "no inbox folder" for a folder that is there. Files and folders *in* the
// inbox may be named so (raw-names.ts); the inbox's own path must be UTF-8, and the watcher
// refuses one that is not at start, saying so, never watching nothing in silence.
import { realpath } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { AppError } from '../errors.js';
import { hasRawBytes, nameOf, shownName } from './raw-names.js';

const RENAME = 'the watcher watches only a folder whose whole path is UTF-8 (names inside it may be anything); rename the folder, or the folder above it, to a UTF-8 name, or give --inbox a UTF-8 folder';

/** Throws AppError naming the path when the inbox's path, or the real path it leads to, is not UTF-8. */
export async function assertUtf8Inbox(inbox: string): Promise<void> {
  if (inbox.includes('\uFFFD') || hasRawBytes(inbox)) throw new AppError(`the inbox's path ${shownName(inbox)} is not UTF-8: ${RENAME}`);
  const real = await realpath(inbox, { encoding: 'buffer' }).catch(() => undefined);
  if (real && !isUtf8(real)) throw new AppError(`the inbox ${inbox} is ${shownName(nameOf(real))}, a path that is not UTF-8: ${RENAME}`);
}
