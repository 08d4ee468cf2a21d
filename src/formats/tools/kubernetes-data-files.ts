// A whole account file kept in a Kubernetes ConfigMap's `data:` or a Secret's `stringData:` under a
// key naming the file (`accounts.csv: |`), the way RocketMap's `--accountcsv` is given its file in a
// cluster: the ConfigMap mounted as a volume, each key a file of that name (kubernetes/website
// `content/en/docs/concepts/configuration/configmap.md`, "Using ConfigMaps as files from a Pod";
// `.../secret.md`, `stringData` "provided as plain text"). The key's block scalar is that file,
// byte for byte once its indentation is taken off (YAML 1.2 §8.1 literal style, `|`, `|-`, `|+`).
// It is read as an archive's member is: by its key's name, through every reader and the same
// verdicts (readNested with `attachment`), its lines numbered back to the manifest's. The
// manifest's other lines are settings, never read; a key or an object whose name names another
// service (`db-users.csv`, a ConfigMap `postgres-logins`) is that service's logins and stays refused.
import { OTHER_SECTION_WORDS } from '../other-services.js';
import { isKubernetesManifest } from '../not-accounts/kubernetes-manifests.js';
import { splitLines, toDumpInput } from '../decode.js';
import type { NestedReader } from '../mail/eml.js';
import { DumpError, NoAccountsError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection, type Skipped } from '../types.js';

/** A file name a key may give its file: the names a dump is dropped as (known-files.ts says so of the refusal). */
const FILE_KEY = /^([ \t]+)(["']?)([\w.-]+\.(?:csv|txt|json|ini))\2[ \t]*:[ \t]*\|([1-9]?[-+]?|[-+]?[1-9]?)[ \t]*(?:#.*)?$/;
/** A manifest of ConfigMaps or Secrets (1 MiB each, kubernetes/website configmap.md) and their workloads: a few of them. */
const MAX_OBJECT_TEXT = 4 * 1024 * 1024;
const HOLDER = /^kind:\s*["']?(ConfigMap|Secret)["']?\s*$/m;
/** Words of a name that say whose logins a file holds when no game's: other-services.ts and the mail and game-store services. */
const OTHER_WORDS = OTHER_SECTION_WORDS;

/** Whether a name (`db-users.csv`, `postgres_logins`) holds a word of another service. */
function namesOtherService(name: string): boolean {
  return name.toLowerCase().split(/[^a-z0-9]+/).some((w) => OTHER_WORDS.has(w));
}

/** One file a key holds: its key, the manifest line of the key, its text, and whose it is not. */
export interface DataFile {
  key: string;
  /** The key's line (1-based): the file's line n is the manifest's `line + n`. */
  line: number;
  text: string;
  /** The object's or key's name names another service (set: the file is not read). */
  other?: string;
}

/** The files the ConfigMaps' `data:` and Secrets' `stringData:` of a manifest hold as literal blocks. */
export function dataFiles(text: string): DataFile[] {
  if (!HOLDER.test(text) || !isKubernetesManifest(text)) return [];
  const lines = splitLines(text);
  const found: DataFile[] = [];
  let kind = '';
  let objectName = '';
  let block = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^---/.test(l)) {
      kind = objectName = block = '';
      continue;
    }
    const top = /^([A-Za-z]\w*):/.exec(l);
    if (top) {
      block = top[1]!;
      const k = /^kind:\s*["']?(\w+)/.exec(l);
      if (k) kind = k[1]!;
      continue;
    }
    if (block === 'metadata') {
      const n = /^[ \t]+name:[ \t]*["']?([^"'\s#]+)/.exec(l);
      if (n && !objectName) objectName = n[1]!;
      continue;
    }
    const key = FILE_KEY.exec(l);
    // A Secret's `data:` is base64 (one line per key): only its plain `stringData:` is a file's text here.
    if (!key || !((block === 'data' && kind !== 'Secret') || (block === 'stringData' && kind === 'Secret'))) continue;
    const keyIndent = key[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const b = lines[j]!;
      if (b.trim() !== '' && b.length - b.trimStart().length <= keyIndent) break;
      body.push(b);
    }
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    const stated = /[1-9]/.exec(key[4]!)?.[0];
    const first = body.find((b) => b.trim() !== '');
    const indent = stated ? keyIndent + Number(stated) : first ? first.length - first.trimStart().length : 0;
    const fileText = body.map((b) => b.slice(Math.min(indent, b.length - b.trimStart().length))).join('\n');
    const other = [objectName, key[3]!].find(namesOtherService);
    found.push({ key: key[3]!, line: i + 1, text: fileText + '\n', ...(other ? { other } : {}) });
    i = j - 1;
  }
  return found;
}

/** The reason a file under another service's name is not read (no line of it an account). */
function otherServiceReason(file: DataFile): string {
  return `the data key ${file.key} holds a file under the name \`${file.other}\`, which names another service than the game: its logins are that service's, not read`;
}

export function createKubernetesDataFiles(readNested: NestedReader): DumpFormat {
  return {
    name: 'kubernetes-data-file',
    textOnly: true,
    // Above the container readers: the manifest's own settings are theirs, its file is this reader's.
    // A ConfigMap or Secret holds at most 1 MiB (the API's limit): a larger dump is never searched.
    detect: (input) => (input.text.length <= MAX_OBJECT_TEXT && HOLDER.test(input.text) && dataFiles(input.text).length > 0 ? 0.97 : 0),
    async parse(input: DumpInput): Promise<DumpResult> {
      const accounts: DumpAccount[] = [];
      const rejected: Rejection[] = [];
      const skipped: Skipped[] = [];
      const formats = new Set<string>();
      const refusals: string[] = [];
      for (const file of dataFiles(input.text)) {
        if (file.other) {
          refusals.push(`line ${file.line}: ${otherServiceReason(file)}`);
          rejected.push({ line: file.line, reason: otherServiceReason(file), part: true });
          continue;
        }
        const at = (n: number) => file.line + n;
        let inner: DumpResult | null;
        try {
          inner = await readNested(toDumpInput(file.key, Buffer.from(file.text, 'utf8'), input.maxLines), { attachment: true });
        } catch (error) {
          if (!(error instanceof DumpError)) throw error;
          // The member's own refusal (a proxy table, no password column), named at its key's line.
          const own = error.message.slice(error.line ? `${error.file}:${error.line}: `.length : error.file.length + 2);
          const where = error.line ? `line ${at(error.line)} (line ${error.line} of ${file.key})` : `the data key ${file.key} (line ${file.line})`;
          refusals.push(`${where}: ${own}`);
          if (error instanceof NoAccountsError && error.rejectedLines === 0 && !error.line) continue;
          rejected.push({ line: error.line ? at(error.line) : file.line, reason: `the file ${file.key} it holds: ${own}`, part: true });
          continue;
        }
        // A file of settings beside the list (a config.ini of keys): nothing in it reads as an account, so nothing of it is said.
        if (!inner || (inner.accounts.length === 0 && inner.rejected.every((r) => r.kind !== undefined))) continue;
        formats.add(inner.format);
        for (const a of inner.accounts) accounts.push({ ...a, line: at(a.line) });
        for (const r of inner.rejected) rejected.push({ ...r, line: at(r.line) });
        for (const s of inner.skipped ?? []) skipped.push({ ...s, line: at(s.line) });
      }
      // Nothing read and nothing but whole files refused: the manifest is refused naming them.
      if (accounts.length === 0 && refusals.length > 0 && rejected.every((r) => r.part)) {
        throw new NoAccountsError(`no accounts found; read as kubernetes-data-file (a Kubernetes manifest whose ConfigMaps or Secrets hold files); ${refusals.join('; ')}`, input.name, rejected.length);
      }
      rejected.sort((a, b) => a.line - b.line);
      return { format: ['kubernetes-data-file', ...formats].join('+'), accounts, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
    },
  };
}
