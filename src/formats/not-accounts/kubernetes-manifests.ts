// A Kubernetes manifest: YAML documents (split by `---`), each an object with its `apiVersion:` and
// `kind:` at the top (the Kubernetes API's TypeMeta; kubernetes/website `content/en/docs/concepts/
// overview/working-with-objects/_index.md`, "Describing a Kubernetes object"). Its `USERNAME:` /
// `PASSWORD:` lines are settings of the objects: a Secret's keys are the environment of the
// containers naming it (kubernetes-env-from.ts), a database's login beside a bot as often as the
// bot's. The scanner and bot readers take the accounts a manifest holds for their images
// (rocketmap-command.ts, benmag-bot-docker.ts, jabbink-docker.ts); what is left is no account list,
// and the generic readers must not take `USERNAME: dbadmin01` for one.

const API_VERSION = /^apiVersion:\s*["']?[\w.-]+(?:\/[\w.-]+)?["']?\s*$/;
const KIND = /^kind:\s*["']?[A-Z]\w*["']?\s*$/;

/** The top-level fields of a Kubernetes object (TypeMeta, ObjectMeta, and a Secret's, ConfigMap's or workload's own). */
const OBJECT_FIELD = /^(?:apiVersion|kind|metadata|spec|status|data|stringData|binaryData|type|immutable):/;

/**
 * A Kubernetes object written without its `apiVersion:`/`kind:` (a fragment pasted from a manifest,
 * a Helm values snippet): a `metadata:` block with a `name:` under it and every other top-level key
 * an object's field. Its `stringData:` `USERNAME: dbadmin01` is a setting, no account: the generic
 * e-mail reader imported it.
 */
function isObjectFragment(text: string): boolean {
  // Most files never say `metadata:`: one native search spares splitting a 1,000,000-line dump into
  // lines and a regular expression each (~0.3 s of CPU of its import, scale-log.md stop 49 I1).
  if (!text.includes('metadata:')) return false;
  const lines = text.split(/\r?\n/);
  const top = lines.filter((l) => /^\S/.test(l) && !l.startsWith('#') && !/^---/.test(l));
  // (metadataNamed finds a top-level `metadata:` line first.)
  return top.length > 0 && top.every((l) => OBJECT_FIELD.test(l)) && metadataNamed(lines);
}

/**
 * Whether a top-level `metadata:` has a `name:` in the indented block under it (blank lines
 * allowed). A walk over the lines: the regular expression it replaces
 * (`^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:`) split each indented line between `[ \t]+` and
 * `.*` every way before it gave up, exponential in the lines: 18 lines of `   a` under `metadata:`
 * took 37 s, 20 five minutes (stop 66 A).
 */
function metadataNamed(lines: readonly string[]): boolean {
  let under = false;
  for (const line of lines) {
    if (/^metadata:\s*$/.test(line)) under = true;
    else if (!under || line.trim() === '') continue;
    else if (!/^[ \t]/.test(line)) under = false;
    else if (/^[ \t]+name:/.test(line)) return true;
  }
  return false;
}

/** Whether every document of `text` with content is a Kubernetes object (its own `apiVersion:` and `kind:`), or the file is one object without them. */
export function isKubernetesManifest(text: string): boolean {
  if (isObjectFragment(text)) return true;
  if (!/^kind:/m.test(text) || !/^apiVersion:/m.test(text)) return false;
  let objects = 0;
  for (const doc of text.split(/^---[ \t]*(?:#.*)?$/m)) {
    const lines = doc.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    if (lines.length === 0) continue;
    if (!lines.some((l) => API_VERSION.test(l)) || !lines.some((l) => KIND.test(l))) return false;
    objects++;
  }
  return objects > 0;
}
