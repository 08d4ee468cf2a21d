// weizh888/PTCPasswordChanger (2017) `change_password.py`: it reads a RocketMap list or `user:pass`
// lines, splitting each line at every `,` and `:` (`re.split('[,:]', line)`) and taking the last two
// pieces as login and password; after changing the password on the PTC site its `append_to_file`
// writes `'ptc,' + username + ',' + password + '\n'` to `succeed.csv` (the new password, the one
// `-pw` of the run, as typed: 8-50 characters with a symbol, so it may hold `,`) or to `failed.csv`
// (the current one). Both names are fixed in the code. What a careful reader can take from that:
// - in `succeed.csv` everything after `ptc,<login>,` is the new password, so `ptc,ash,Pw!x,30` is the
//   password `Pw!x,30` if the tool wrote the line, and a level column if a person added one: the
//   bytes are the same, so such a row is refused by its line, the two ways through named;
// - a login never holds `,` or `:` and the tool never writes a level; fed `ptc,user,pass,30` it takes
//   `pass` for the login and `30` for the password, and its `failed.csv` keeps `ptc,pass,30`: a
//   password of one or two digits is no PTC or Google password (6 and 8 characters at least), the
//   row's fields shifted (rocketmap.ts refuses it in any such file).
import { COLUMNS_FLAG } from '../lists/stated-columns.js';

/** `succeed.csv`, as the tool names it, or a copy a browser or a file manager named `succeed (1).csv`. */
export function isChangerSucceedName(name: string): boolean {
  const own = (name.split(/[\\/]/).pop() ?? name).toLowerCase();
  return /^succeed(?: ?\(\d+\))?\.csv$/.test(own);
}

/** Why a `succeed.csv` row with fields after its password is refused (never quoting them: they may be the password's). */
export const CHANGER_TAIL_REASON =
  "in PTCPasswordChanger's succeed.csv (its name) a row is `ptc,login,NEW PASSWORD`, the new password as typed and free to hold `,`: the field after it is the password's end, or a level column added later? unsure, not imported; " +
  `import ${COLUMNS_FLAG} provider,user,pass if it is the password's (it then runs to the line's end), ${COLUMNS_FLAG} provider,user,pass,level if it is a level`;

/** A password of one or two digits: no account's (PTC asked for 6 characters, Google 8), a level shifted into its place. */
export const isShiftedLevel = (password: string): boolean => /^\d{1,2}$/.test(password.trim());

export const SHIFTED_LEVEL_REASON =
  "the password is a number of one or two digits, shorter than any PTC or Google password: a row whose fields were shifted, a level read as the password and the password as the login (PTCPasswordChanger's failed.csv keeps `ptc,PASSWORD,LEVEL` from a `ptc,user,pass,level` line)? not imported";
