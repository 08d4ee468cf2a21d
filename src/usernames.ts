// Reading a list of usernames (for `mark --from`): one name per line, or any dump the importer reads.
import { isBinaryStore, toDumpInput } from './formats/decode.js';

/** Usernames in file order; a dump with passwords is read by the importer's formats. */
export async function readUsernames(name: string, bytes: Buffer, maxLines?: number): Promise<string[]> {
  // More lines than the pool's max_dump_lines: refused before they are split (formats/line-limit.ts).
  const input = toDumpInput(name, bytes, maxLines);
  const lines = input.text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));
  // A binary store (Monocle's pickle, NecroBot2's accounts.db) has no text lines: only its reader knows its usernames.
  if (!isBinaryStore(bytes) && lines.every((l) => !/[\s,:;]/.test(l))) return lines;
  // Loaded only when needed: the e-mail readers are heavy, and a plain list needs none of them. In mark's
  // program this import loads the readers' own program (scripts/build.mjs LAZY_PARTS names this file and specifier).
  const { readDump } = await import('./formats/index.js');
  const result = await readDump(input);
  return result.accounts.map((a) => a.username);
}
