// A cache file under .cache/ as the program reads and writes it (src/cache-seal.ts): the tests
// that set up a state the program itself could have left (a summary checked long ago, an older
// version's settings) write it sealed; a forgery is written without, or sealed again on purpose.
import { readFile, writeFile } from 'node:fs/promises';
import { sealText, unsealText } from '../../src/cache-seal.js';

/** The cache's value; throws where its seal does not hold (the program would not believe it). */
export async function readSealed<T = any>(path: string): Promise<T> {
  const body = unsealText(await readFile(path, 'utf8'));
  if (body === undefined) throw new Error(`${path}: not a sealed cache`);
  return JSON.parse(body) as T;
}

/** Writes `value` as the program writes its caches, sealed. */
export async function writeSealed(path: string, value: unknown): Promise<void> {
  await writeFile(path, sealText(`${JSON.stringify(value)}\n`));
}
