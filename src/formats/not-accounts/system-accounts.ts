// The machine's own account files: /etc/passwd, /etc/shadow, /etc/group (and gshadow). Split on
// its first `:`, each of their lines is a login and a "password" (`root:x:0:0:root:/root:/bin/bash`,
// `root:$6$salt$hash:20228:0:99999:7:::`), so a plain reader imported a copy of them (or a hard link
// to them dropped into the inbox) as accounts, each password the rest of the line or a password
// hash. Their layouts are fixed by passwd(5), shadow(5) and group(5): a number of fields no account
// line has, with numbers and paths in known places.

const NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*\$?$/;
const NUMBER = /^\d+$/;
const NUMBER_OR_EMPTY = /^\d*$/;
const PATH_OR_EMPTY = /^(?:\/\S*)?$/;
/** A password field of group(5) and gshadow(5): none, `x`, locked (`!`, `*`, `!*`) or a crypt(5) hash. */
const GROUP_PASSWORD = /^(?:|x|\*|!\S*|\$[\w-]+\$\S*)$/;
const MEMBERS = /^(?:[A-Za-z0-9_.][A-Za-z0-9_.$-]*(?:,[A-Za-z0-9_.][A-Za-z0-9_.$-]*)*)?$/;

/** How many `:` the line holds, counting no further than 9 (cheap: this runs on every line that is not a plain account). */
function colons(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0 && n < 9; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/** A line of /etc/passwd, /etc/shadow, /etc/group or /etc/gshadow. */
export function isSystemAccountLine(s: string): boolean {
  const n = colons(s);
  if (n !== 3 && n !== 6 && n !== 8) return false;
  const f = s.split(':');
  if (!NAME.test(f[0]!)) return false;
  // passwd(5): name:password:UID:GID:GECOS:home:shell
  if (n === 6) return NUMBER.test(f[2]!) && NUMBER.test(f[3]!) && PATH_OR_EMPTY.test(f[5]!) && PATH_OR_EMPTY.test(f[6]!);
  // shadow(5): name:password:last change:min:max:warn:inactive:expire:reserved, all numbers or empty
  if (n === 8) return f.slice(2, 8).every((x) => NUMBER_OR_EMPTY.test(x)) && f[8] === '';
  // group(5): name:password:GID:members; gshadow(5): name:password:admins:members
  return GROUP_PASSWORD.test(f[1]!) && (NUMBER.test(f[2]!) || MEMBERS.test(f[2]!)) && MEMBERS.test(f[3]!);
}
