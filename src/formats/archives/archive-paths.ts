// A member's path inside an archive, as messages show it and as the archive readers judge it: the
// same rules for a zip's and a tar's members (archive-members.ts, archive-tar.ts).

/** Shown, never obeyed: a member's name may hold escape sequences. */
export const shown = (path: string) => path.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');

/**
 * Whether a member's path leads outside the archive: absolute (`/etc/x`, `\x`, `C:\x`, `C:x`) or
 * climbing (`../x`, `a/../../x`, with either slash). Extracting tools strip or refuse these
 * (GNU tar: "Removing leading `/' from member names"; yauzl refuses them); an archive holding one
 * was made to do harm or by mistake, and which is not ours to guess.
 */
export function leadsOutside(path: string): boolean {
  if (/^[\\/]/.test(path) || /^[A-Za-z]:/.test(path)) return true;
  return path.split(/[\\/]/).includes('..');
}

/** `./stock//level30/./a.txt` → `stock/level30/a.txt`: the one spelling a tar's members are compared and named by. */
export function tidyPath(path: string): string {
  return path
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}
