// `import --columns user,pass,-`: the operator names a list's columns, as a header line would
// (columns.ts), for a list whose own lines cannot say: a last column of numbers that are no
// trainer level (`ash01|Pw12345!|70`, `ash01 Pw12345! 2017`: odd-level.ts refuses each such line),
// a count or a year the operator knows to be neither level nor password. `-` is a column read
// past. The names are the header's (any a header may use: `username`, `password`, `lvl`, ...).
import { roleOf, type Role } from './columns.js';

/** The option's help text, one source for `import --help` and the messages that point to it. */
export const COLUMNS_FLAG = '--columns';

/** The roles `text` names, or why it names none: a column for the password and one for the login, none twice. */
export function statedColumns(text: string): Role[] | { problem: string } {
  const names = text.split(',').map((c) => c.trim());
  const roles: Role[] = [];
  for (const name of names) {
    const role = name === '-' ? 'extra' : roleOf(name);
    if (!role) return { problem: `${COLUMNS_FLAG}: "${name}" names no column (user, pass, email, emailpass, level, provider, status, or - for one read past)` };
    if (role !== 'extra' && roles.includes(role)) return { problem: `${COLUMNS_FLAG}: the ${role} column is named twice` };
    roles.push(role);
  }
  if (!roles.includes('pass') || !(roles.includes('user') || roles.includes('email'))) return { problem: `${COLUMNS_FLAG} names a password column and a login's (user or email), such as user,pass,-` };
  return roles;
}

/** The columns written back as the option takes them, the column at `skip` (0-based) as `-`: the way through a refused line. */
export function columnsWithout(roles: readonly Role[], skip: number): string {
  return columnsOption(roles.map((r, i) => (i === skip || r === 'extra' ? '-' : r)));
}

/** `--columns user,pass,-`; `--columns=-,provider,user,pass` when the list opens with `-`, which the option parser would take for an option. */
export function columnsOption(names: readonly string[]): string {
  const list = names.join(',');
  return list.startsWith('-') ? `${COLUMNS_FLAG}=${list}` : `${COLUMNS_FLAG} ${list}`;
}
