// `Notch:ash01@mail.com:Pika1!x`: a name, an e-mail address and a password, as a Minecraft login
// checker prints its hits (code corpus file 34081440702: `print(f'{uname}:{username}:{password}')`,
// `{uname}:{username}:{password} :: NAME CHANGED WITHIN LAST 30 DAYS`; the Mojang login is the
// address, the first field the profile's name). Split at its first colon the line gave the login
// `Notch` and the password `ash01@mail.com:Pika1!x ...`: an account no one delivered. No password
// opens with an e-mail address and a separator, so whichever reader split it, the line is refused.
//
// `kinanre01;me+kinanre01@gmail.com;Pika1!x`: a login, its e-mail address, its password, as
// Kneckter/KinanCity-Resend's `resender.py` prints the accounts whose activation mail is missing
// (`print(username+";"+email+";"+password)`); a `,` or `|` list the same. Split at its first `;`
// the line gave the password `me+kinanre01@gmail.com;Pika1!x`. Where the address is made of the
// first field (`login@`, `base+login@`: the generators' plus trick, KinanCity's `-m` template,
// PalletTown's and Pikaptcha's plus-mail) the first field is the login and the address its mail:
// the password is what follows. Any other address leaves which is the login unsure: refused.

/** An e-mail address, then a list's separator, opening the password: its local part and the separator. */
const ADDRESS_FIRST = /^([A-Za-z0-9._%+-]+)@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}([:;,|\t])/;

const UNSURE = (sep: string) =>
  sep === ':'
    ? 'the password opens with an e-mail address and a colon: the line holds three fields (a name, a login and a password, as a Minecraft checker prints `name:email:password`?); which is the login is unsure, not imported'
    : `the password opens with an e-mail address and \`${sep === '\t' ? '<TAB>' : sep}\`: the line holds three fields (a login, an e-mail address and a password?); the address is not made of the first field, so which is the login is unsure, not imported (--columns user,email,pass reads such a list)`;

/**
 * A password opening with an e-mail address and a separator: the password after it where the
 * address is the login's own (`login@`, `x+login@`), else why the line is refused; undefined for
 * any other password.
 */
export function addressInPassword(username: string, password: string): { password: string } | { reason: string } | undefined {
  // An address is at most 254 characters (RFC 5321's path limit): a 1 MB password is never scanned whole.
  if (!password.includes('@')) return undefined;
  const m = ADDRESS_FIRST.exec(password.slice(0, 256));
  if (!m) return undefined;
  const [opening, local, sep] = [m[0], m[1]!.toLowerCase(), m[2]!];
  const rest = password.slice(opening.length);
  const login = username.toLowerCase();
  const own = local === login || local.split('+').slice(1).includes(login);
  // The rest one field: `pass;30` after it is a column the line does not explain.
  if (own && rest !== '' && !rest.includes(sep)) return { password: rest };
  return { reason: UNSURE(sep) };
}

/** Why a password opening with an address and a separator is refused; undefined for any other (and for one read past its login's own address). */
export function addressInPasswordProblem(password: string, username = ''): string | undefined {
  const r = addressInPassword(username, password);
  return r && 'reason' in r ? r.reason : undefined;
}
