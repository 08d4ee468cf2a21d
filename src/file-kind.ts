// What stands at a path where a regular file was expected, in one set of words: the settings
// file, the token file, the inbox's files, the pool's own files and a write's target each refuse
// a folder, a device, a FIFO or a socket there, and an operator reading two such refusals should
// meet the same name for the same thing.
import type { Stats } from 'node:fs';

/** `a folder`, `a FIFO`, ... for what `info` describes; undefined for a regular file. */
export function fileKind(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a link';
  return 'no regular file';
}
