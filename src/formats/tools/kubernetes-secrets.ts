// A Kubernetes Secret's `stringData:` given to a container through `envFrom: - secretRef: name:`
// (the Kubernetes API's EnvFromSource: every key of the Secret becomes a variable of that
// container; kubernetes/website `content/en/docs/tasks/inject-data-application/distribute-
// credentials-secure.md`, "Configure all key-value pairs in a Secret as container environment
// variables"). A Secret's keys belong to the containers naming it in the same file, and to no
// other: a database's Secret of `USERNAME`/`PASSWORD` is not the bot's login. A Secret's `data:`
// holds the same keys with each value base64-encoded (the Kubernetes API's Secret: `data`, base64;
// `stringData`, plain text, merged over `data`): the container gets the decoded bytes.
import type { Span } from './container-spans.js';

export interface SecretData {
  /** `metadata.name`. */
  name: string;
  /** First and last line (1-based) of its `stringData:` or `data:` entries. */
  from: number;
  to: number;
  /** `data:`: each value base64 (decodedSecretValue decodes it). */
  encoded: boolean;
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

/** The Secrets' `stringData:` and `data:` blocks of a (multi-document) manifest, each with the Secret's name. */
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
    if (name === undefined) continue;
    // `data:` first: `stringData:` is merged over it, so its keys come later and win (the last setting wins).
    for (const [key, encoded] of [[/^data:\s*$/, true], [/^stringData:\s*$/, false]] as const) {
      const data = doc.findIndex((l) => key.test(l));
      if (data < 0) continue;
      let last = data;
      for (let k = data + 1; k < doc.length && (doc[k]!.trim() === '' || indentOf(doc[k]!) > 0); k++) if (doc[k]!.trim() !== '') last = k;
      if (last > data) out.push({ name, from: at + data + 2, to: at + last + 1, encoded });
    }
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

/**
 * A `data:` value as the container gets it: standard base64 (RFC 4648, as the API server checks it)
 * decoded, or undefined where it is no base64 or its bytes are no UTF-8 text, which this reader
 * cannot be sure the bot would log in with.
 */
export function decodedSecretValue(value: string): string | undefined {
  const v = value.trim();
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(v, 'base64'));
  } catch {
    return undefined;
  }
}
