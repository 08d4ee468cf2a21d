// One file of a commit, as the work tree would hold it (`cat-file --filters`: git-crypt's smudge
// filter decrypts an encrypted pool's shard), read through git with a bound on what it may cost.
import { git } from './run-git.js';

/** The text of `path` at `commit`; a GitError (`overLimit`) when it is over `maxBytes`. */
export async function blobText(dir: string, commit: string, path: string, maxBytes?: number): Promise<string> {
  return (await git(['cat-file', '--filters', `${commit}:${path}`], { cwd: dir, maxBytes })).stdout;
}
