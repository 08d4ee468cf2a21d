// The other files of a dump that a container file names, handed to its readers with it: a
// docker-compose file's `.env` (compose-go reads it from the project folder for interpolation) and
// its services' `env_file:` files, the manifests beside a pod spec holding the Secrets and
// ConfigMaps its `envFrom:` names (container-companions.ts says which a file wants). The caller
// (import of a folder or an archive, the inbox) reads them from the same dump only, never from
// outside it: a path leading out (`../`, absolute) is refused here by the line naming it, a link or
// a file too large by the caller, with its reason.

export interface Beside {
  /** The container file's own folder in the dump (`stack`, `a/b`; '' at its top), `/`-separated. */
  dir: string;
  /** Each file found, by its path in the dump (`/`-separated, normalised: besidePath). */
  files: ReadonlyMap<string, string>;
  /** Each file named but not read, by the same path, and why (a link, not a regular file, too large). */
  refused: ReadonlyMap<string, string>;
  /** The override compose merges over this compose file (`docker-compose.override.yml`: compose-override.ts), by its path, where the dump holds one. */
  override?: string;
  /**
   * Files of a chat export (import/chat-export-pages.ts) that its messages carry but that are no
   * text (a workbook, an archive): imported on their own, as a loose file is, not read with the chat.
   */
  alone?: readonly string[];
}

/** Whether `name` is a manifest a pod spec's Secrets and ConfigMaps may be kept in beside it. */
export function isManifestName(name: string): boolean {
  return /\.(?:ya?ml|json)$/i.test(name);
}

/** The path in the dump of the file `name` in the container file's own folder. */
export function besideKey(beside: Pick<Beside, 'dir'>, name: string): string {
  return beside.dir === '' ? name : `${beside.dir}/${name}`;
}

/**
 * A path a container file in the folder `dir` of the dump names (`env_file: ./x.env`, relative to
 * that folder), as its path in the dump (a key of Beside.files); or why it is never read: outside
 * the dump (`../` past its top, absolute, a drive or a home folder), or spelt with a variable
 * compose would interpolate from the operator's shell.
 */
export function besidePath(raw: string, dir = ''): { path: string } | { refused: string } {
  const written = raw.trim();
  if (/^(?:[/\\~]|[A-Za-z]:)/.test(written)) return { refused: `${written} is an absolute path, outside this dump: not read` };
  if (written.includes('$')) return { refused: `${written} holds a variable of the operator's: which file it names is unknown here` };
  const parts: string[] = dir === '' ? [] : dir.split('/');
  for (const part of written.split(/[/\\]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return { refused: `${written} leads outside this dump (its folder or archive): not read` };
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? { refused: `${written} names no file` } : { path: parts.join('/') };
}
