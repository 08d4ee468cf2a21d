// Columns by folder: a list dropped into `inbox/columns-user,pass,-/` is read as
// `import --columns user,pass,-` reads it (stated-columns.ts), the inbox's way to say what the
// lines of a list cannot (a last column of years or counts, `ptc,user,pass,70` rows), as a
// `level-30/` folder says their level. The nearest such folder counts, and it goes with a level
// folder either side of it (`inbox/level-30/columns-user,pass,-/stock.txt`). A list opening with
// a column read past is `columns--,provider,user,pass` (or `columns=-,provider,user,pass`). A folder
// so named whose list names no login and password is an error, the file set aside with the reason:
// the operator meant columns, and reading the file without them is not what was asked.
import { statedColumns } from '../formats/lists/stated-columns.js';
import type { Role } from '../formats/lists/columns.js';

export type FolderColumns = { columns: Role[] | undefined } | { error: string };

const COLUMNS_FOLDER = /^columns[-=](.+)$/i;

/** The columns named by the folders of `rel` (a path relative to the inbox, `/`-separated). */
export function folderColumns(rel: string): FolderColumns {
  const folders = rel.split('/').slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const match = COLUMNS_FOLDER.exec(folders[i]!);
    if (!match) continue;
    const roles = statedColumns(match[1]!);
    if ('problem' in roles) return { error: `folder ${folders.slice(0, i + 1).join('/')}/ names columns, but ${roles.problem.replace(/^--columns:? ?/, '')}` };
    return { columns: roles };
  }
  return { columns: undefined };
}

/**
 * A refusal naming `import --columns LIST` as its way through, with the inbox's own way beside it
 * (the file was dropped, not imported by hand): the folder that says the same.
 */
export function withColumnsFolder(reason: string): string {
  const m = /--columns[ =](\S+?)(?=[;,)]?(?:\s|$))/.exec(reason);
  return m ? `${reason}; in the inbox, drop the file into a folder named columns-${m[1]}/` : reason;
}
