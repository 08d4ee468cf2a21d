// The pool a folder lies inside, if any: `init` there made a second pool within the first (in its
// shards/ folder, or beside its shards with the same ../inbox as the outer pool, so both pools'
// watchers would read one inbox). A pool is a folder holding accountpool.yaml and shards/.
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE } from './layout.js';

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);
const isFolder = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

/** The nearest folder above `dir` that is a pool, with where `dir` lies in it; undefined when none is. */
export async function enclosingPool(dir: string): Promise<{ pool: string; inside: string } | undefined> {
  const target = resolve(dir);
  for (let above = dirname(target); ; above = dirname(above)) {
    if ((await isFile(join(above, CONFIG_FILE))) && (await isFolder(join(above, 'shards')))) return { pool: above, inside: relative(above, target) };
    if (dirname(above) === above) return undefined;
  }
}
