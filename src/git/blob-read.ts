// One file of a commit, as the work tree would hold it (`cat-file --filters`: git-crypt's smudge
// filter decrypts an encrypted pool's shard), read through git with a bound on what it may cost:
// its size is read first and a file over the bound is never streamed (run-git.ts `gitObject`).
import { gitObject, GitError } from './run-git.js';

/** The text of `path` at `commit`; a GitError (`overLimit`) when it is over `maxBytes`, another when there is no such file. */
export async function blobText(dir: string, commit: string, path: string, maxBytes: number): Promise<string> {
  const bytes = await gitObject(`${commit}:${path}`, { cwd: dir, maxBytes, filters: path });
  if (!bytes) throw new GitError(`git cat-file --filters ${commit.slice(0, 12)}:${path}`, null, '', 'no such file in that commit');
  return bytes.toString('utf8');
}
