// `Notch:ash01@mail.com:Pika1!x`: a name, an e-mail address and a password, as a Minecraft login
// checker prints its hits (code corpus file 34081440702: `print(f'{uname}:{username}:{password}')`,
// `{uname}:{username}:{password} :: NAME CHANGED WITHIN LAST 30 DAYS`; the Mojang login is the
// address, the first field the profile's name). Split at its first colon the line gave the login
// `Notch` and the password `ash01@mail.com:Pika1!x ...`: an account no one delivered. No password
// opens with an e-mail address and a colon, so whichever reader split it, the line is refused.

/** An e-mail address, then a colon, opening the password. */
const ADDRESS_FIRST = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}:/;

/** Why a password opening with an address and a colon is refused; undefined for any other. */
export function addressInPasswordProblem(password: string): string | undefined {
  // An address is at most 254 characters (RFC 5321's path limit): a 1 MB password is never scanned whole.
  if (!password.includes('@') || !ADDRESS_FIRST.test(password.slice(0, 256))) return undefined;
  return 'the password opens with an e-mail address and a colon: the line holds three fields (a name, a login and a password, as a Minecraft checker prints `name:email:password`?); which is the login is unsure, not imported';
}
