// The pages a reader is given: the landing page README.md, then every page of docs/ (sorted, so
// the order never depends on the file system).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** Paths relative to the repository root: README.md first, then docs/*.md. */
export async function docPages(): Promise<string[]> {
  const docs = (await readdir(join(ROOT, 'docs'))).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}
