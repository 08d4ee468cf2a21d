// JSON documents written one after another into one file: what a generator leaves when it
// appends each account it made as its own document. CouchGamerDad/auto_ptc `index.js`:
// `fs.appendFileSync('./accounts.txt', "\n\n" + JSON.stringify(account, null, 2))`, pretty-printed
// objects with blank lines between (aslafy-z/ptc-account-generator appends one-line objects the
// same way, which jsonl.ts reads). `JSON.parse` refuses the whole file; each document alone is
// valid JSON.
import { appendAll } from './long-arrays.js';

/**
 * The file's top-level documents, when it is two or more JSON objects or lists with only blanks
 * between them; undefined otherwise (one document, text between documents, or one left open).
 */
export function jsonDocuments(text: string): string[] | undefined {
  const documents: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 0) {
      if (c === '{' || c === '[') {
        start = i;
        depth = 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return undefined;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) documents.push(text.slice(start, i + 1));
    }
  }
  return depth === 0 && documents.length >= 2 ? documents : undefined;
}

/**
 * The documents parsed, lists spread into their items; undefined when one is no valid JSON, or
 * when each stands on a line of its own.
 */
export function parseJsonDocuments(text: string): unknown[] | undefined {
  const documents = jsonDocuments(text);
  // One document a line is JSON lines (our export, ptc-account-generator's file): jsonl.ts's.
  if (!documents || !documents.some((d) => d.includes('\n'))) return undefined;
  const values: unknown[] = [];
  try {
    for (const document of documents) {
      const value = JSON.parse(document) as unknown;
      if (Array.isArray(value)) appendAll(values, value as unknown[]);
      else values.push(value);
    }
  } catch {
    return undefined;
  }
  return values;
}
