// A Kubernetes Secret's `stringData:` given to a container through `envFrom: - secretRef: name:`
// (the Kubernetes API's EnvFromSource: every key of the Secret becomes a variable of that
// container; kubernetes/website `content/en/docs/tasks/inject-data-application/distribute-
// credentials-secure.md`, "Configure all key-value pairs in a Secret as container environment
// variables"). A Secret's keys belong to the containers naming it in the same file, and to no
// other: a database's Secret of `USERNAME`/`PASSWORD` is not the bot's login.
import type { Span } from './container-spans.js';

export interface SecretData {
  /** `metadata.name`. */
  name: string;
  /** First and last line (1-based) of its `stringData:` entries. */
  from: number;
  to: number;
}

const indentOf = (l: string) => l.length - l.trimStart().length;

/** The Secret documents of a (multi-document) manifest: each one's lines and the 0-based index of its first. */
function* secretDocuments(lines: readonly string[]): Generator<{ doc: readonly string[]; at: number }> {
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !/^---(?:\s|$)/.test(lines[i]!)) continue;
    const doc = lines.slice(start, i);
    const at = start;
    start = i + 1;
    if (doc.some((l) => /^kind:\s*["']?Secret["']?\s*$/.test(l))) yield { doc, at };
  }
}

/**
 * First and last line (1-based) of each Secret document. Its `data:` values are base64 (the API's
 * Secret.data): a `USERNAME: YXNo` there is no login as written, and belongs to no container but
 * those naming the Secret; never read as the file's own variables.
 */
export function secretRanges(lines: readonly string[]): { from: number; to: number }[] {
  return [...secretDocuments(lines)].map(({ doc, at }) => ({ from: at + 1, to: at + doc.length }));
}

/** The Secrets of a (multi-document) manifest that hold `stringData:`, each with its name. */
export function secretStringData(lines: readonly string[]): SecretData[] {
  const out: SecretData[] = [];
  for (const { doc, at } of secretDocuments(lines)) {
    const meta = doc.findIndex((l) => /^metadata:\s*$/.test(l));
    let name: string | undefined;
    for (let k = meta + 1; meta >= 0 && k < doc.length && (doc[k]!.trim() === '' || indentOf(doc[k]!) > 0); k++) {
      const m = /^\s+name:\s*["']?([\w.-]+)["']?\s*$/.exec(doc[k]!);
      if (m) {
        name = m[1];
        break;
      }
    }
    const data = doc.findIndex((l) => /^stringData:\s*$/.test(l));
    if (name === undefined || data < 0) continue;
    let last = data;
    for (let k = data + 1; k < doc.length && (doc[k]!.trim() === '' || indentOf(doc[k]!) > 0); k++) if (doc[k]!.trim() !== '') last = k;
    if (last > data) out.push({ name, from: at + data + 2, to: at + last + 1 });
  }
  return out;
}

/** The Secrets a container's `envFrom:` names (`- secretRef:` then `name: X`). */
export function secretsNamedBy(lines: readonly string[], span: Span): string[] {
  const out: string[] = [];
  for (let line = span.from; line < span.to; line++) {
    if (!/^\s*(?:-\s+)?secretRef:\s*$/.test(lines[line - 1]!)) continue;
    const m = /^\s+name:\s*["']?([\w.-]+)["']?\s*$/.exec(lines[line] ?? '');
    if (m) out.push(m[1]!);
  }
  return out;
}
