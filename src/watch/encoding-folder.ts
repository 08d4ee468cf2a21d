// Charset by folder: a file dropped into `inbox/encoding-windows-1250/` is read as
// `import --encoding windows-1250` reads it (stated-encoding.ts), the inbox's way to name the
// charset of files that are not UTF-8 and whose bytes do not show it, as a `level-30/` folder
// names their level. The nearest such folder counts; it goes with level and columns folders either
// side of it (`inbox/level-30/encoding-cp1251/stock.txt`). A folder so named whose charset is no
// charset is an error, the file set aside with the reason: the operator meant a charset, and
// reading the file without it is not what was asked.
import { ENCODING_FLAG, statedEncoding } from '../formats/stated-encoding.js';

export type FolderEncoding = { encoding: string | undefined } | { error: string };

const ENCODING_FOLDER = /^encoding[-=](.+)$/i;

/** The charset named by the folders of `rel` (a path relative to the inbox, `/`-separated). */
export function folderEncoding(rel: string): FolderEncoding {
  const folders = rel.split('/').slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const match = ENCODING_FOLDER.exec(folders[i]!);
    if (!match) continue;
    const stated = statedEncoding(match[1]!);
    if ('problem' in stated) return { error: `folder ${folders.slice(0, i + 1).join('/')}/ names a charset, but ${stated.problem.replace(`${ENCODING_FLAG}: `, '')}` };
    return { encoding: stated.encoding };
  }
  return { encoding: undefined };
}
