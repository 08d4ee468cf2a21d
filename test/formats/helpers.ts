// Fixture loading and the "same dump, other clothes" variant every format must survive.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toDumpInput } from '../../src/formats/decode.js';
import { readDump } from '../../src/formats/index.js';
import type { DumpInput } from '../../src/formats/types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/dumps/', import.meta.url));

export function fixtureBytes(file: string): Buffer {
  return readFileSync(FIXTURES + file);
}

export function fixture(file: string): DumpInput {
  return toDumpInput(file, fixtureBytes(file));
}

export function input(name: string, text: string | Buffer): DumpInput {
  return toDumpInput(name, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}

/**
 * The same file as Windows tools leave it: UTF-8 BOM, CRLF, blanks after every line with
 * content, no newline after the last line. Blank lines stay empty: a whitespace-only line is
 * not a blank line to a mail parser (it would not end a mail's headers), and no editor adds one.
 */
export function windowsVariant(bytes: Buffer, blanksKept = false): Buffer {
  // A fixture written with CRLF (ptc-acc-gen always writes \r\n) is the same file with LF.
  const lines = bytes.toString('utf8').replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  // Where a line's trailing blanks are part of its value to the tool, the variant is BOM and CRLF alone.
  const text = lines.map((l) => (l === '' || blanksKept ? l : `${l} \t `)).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** [line, username, password, level, provider] of every account a fixture gives, what was rejected, and the reader. */
export async function readExact(file: string) {
  const r = await readDump(fixture(file));
  return { accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.provider]), rejected: r.rejected, format: r.format };
}

/** Each account read as [line, provider, username, password]: what a scanner's config gives, in file order. */
export const accountRows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.provider, a.username, a.password]);
