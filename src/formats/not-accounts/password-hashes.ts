// Password hashes where a password would be: the `user:hash` lines of an htpasswd file, which a
// proxy server's logins are kept in (Squid's basic_ncsa_auth reads `htpasswd -nbm` output:
// squid-cache/squid-cache.github.io `ConfigExamples/Authenticate/Ncsa.rst`, "DES, MD5 and SHA",
// bcrypt where built with it; nginx's auth_basic reads the same file). Split at the `:`, each line
// reads as a login and a "password" no one can type into a game: only the hash of one. The shapes
// are crypt(5)'s (`$1$` MD5, `$apr1$` Apache's MD5, `$2b$` bcrypt, `$5$`/`$6$` SHA-crypt, `$y$`
// yescrypt) and htpasswd's `{SHA}` (base64 of SHA-1). DES crypt's 13 characters are left alone:
// a generator's password may look so.

const B64 = '[./0-9A-Za-z]';
const HASH = new RegExp(
  [
    `\\$(?:1|apr1)\\$${B64}{1,8}\\$${B64}{22}`,
    `\\$2[abxy]?\\$\\d\\d\\$${B64}{53}`,
    `\\$[56]\\$(?:rounds=\\d+\\$)?${B64}{1,16}\\$(?:${B64}{43}|${B64}{86})`,
    `\\$y\\$${B64}+\\$${B64}+\\$${B64}{43}`,
    '\\{SHA\\}[A-Za-z0-9+/]{27}=',
  ].map((s) => `(?:${s})`).join('|'),
);
const WHOLE_HASH = new RegExp(`^(?:${HASH.source})$`);

/** A crypt(5) or htpasswd hash (32 characters or more), never a password anybody types. */
export function isPasswordHash(s: string): boolean {
  return s.length >= 32 && (s.charCodeAt(0) === 36 || s.charCodeAt(0) === 123) && WHOLE_HASH.test(s);
}

/** A line of an htpasswd file: a name, `:`, its hash (Apache's htpasswd writes nothing else). */
export function isHtpasswdLine(s: string): boolean {
  const colon = s.indexOf(':');
  return colon > 0 && !/\s/.test(s.slice(0, colon)) && isPasswordHash(s.slice(colon + 1));
}
