// Password hashes where a password would be: the `user:hash` lines of an htpasswd file, which a
// proxy server's logins are kept in (Squid's basic_ncsa_auth reads `htpasswd -nbm` output:
// squid-cache/squid-cache.github.io `ConfigExamples/Authenticate/Ncsa.rst`, "DES, MD5 and SHA",
// bcrypt where built with it; nginx's auth_basic reads the same file). Split at the `:`, each line
// reads as a login and a "password" no one can type into a game: only the hash of one. The shapes
// are crypt(5)'s (`$1$` MD5, `$apr1$` Apache's MD5, `$2b$` bcrypt, `$5$`/`$6$` SHA-crypt, `$y$`
// yescrypt) and htpasswd's `{SHA}` (base64 of SHA-1). DES crypt's 13 characters are left alone:
// a generator's password may look so.
//
// And the forms a web application's user table keeps (a map's or a shop's site, exported as
// `username,password` or pasted as `user:hash`): the PHC string format (P-H-C/phc-string-format
// `phc-sf-spec.md`: `$argon2id$v=19$m=65536,t=3,p=4$salt$hash`, passlib's `$pbkdf2-sha256$29000$...`),
// Django's `algorithm$...$hash` (django/django `django/contrib/auth/hashers.py`: `pbkdf2_sha256$
// 260000$salt$hash`, `argon2$argon2id$...`, `bcrypt_sha256$$2b$12$...`, `scrypt$16384$salt$8$1$hash`,
// `sha1$salt$hex`, `md5$salt$hex`) and Werkzeug's `method$salt$hash` (pallets/werkzeug
// `src/werkzeug/security.py` `generate_password_hash`: `pbkdf2:sha256:600000$salt$hex`,
// `scrypt:32768:8:1$salt$hex`, a hashlib name's salted `sha256$salt$hex`). Each names its algorithm
// first and ends in the digest: read as accounts, a site's users would become game logins no one can
// type (stop 56's survey: a `username,password` table of bcrypt hashes was imported).
//
// And PostgreSQL's, as its connection poolers keep them beside a scanner's database: `md5` and 32
// hex digits, `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (postgres/postgres
// `doc/src/sgml/catalogs.sgml`, pg_authid's rolpassword), and Pgpool-II's `AES` and the base64 of
// its AES-256 ciphertext (pgpool/pgpool2 `src/include/auth/pool_passwd.h`: the `md5`, `AES` and
// `TEXT` prefixes; `doc/src/sgml/ref/pg_enc.sgml`). Pgpool-II's `pool_passwd` is `name:hash` a line,
// the shape of a seller's list: stop 60's survey imported every line as an account.

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

/** The algorithm a web framework's or PHC string names first, then `$`-joined fields, the last a digest. */
const WEB_HASH = new RegExp(
  '^\\$?(?:pbkdf2(?:[-_:]sha(?:1|224|256|384|512))?(?::\\d+)?|argon2(?:i|d|id)?|scrypt(?::\\d+:\\d+:\\d+)?|bcrypt(?:[-_]sha256)?|sha(?:1|224|256|384|512)|md5|unsalted_(?:md5|sha1))' +
    '\\$\\S*\\$[A-Za-z0-9+/.=_-]{22,}$',
  'i',
);

/** PostgreSQL's md5 and SCRAM-SHA-256 forms of a stored password (pg_authid's rolpassword). */
const POSTGRES_HASH = /^(?:md5[0-9a-f]{32}|SCRAM-SHA-256\$\d+:[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2})$/;
/** Pgpool-II's AES-256 ciphertext: whole 16-byte blocks in base64 (24 characters a block, `==` after one, `=` after two). */
const PGPOOL_AES = /^AES(?:[A-Za-z0-9+/]{22}==|[A-Za-z0-9+/]{43}=|(?:[A-Za-z0-9+/]{64})+(?:[A-Za-z0-9+/]{22}==|[A-Za-z0-9+/]{43}=)?)$/;

/** A PostgreSQL or Pgpool-II stored password (`md5…`, `SCRAM-SHA-256$…`, `AES…`), never one anybody types. */
export function isPostgresHash(s: string): boolean {
  return s.length >= 27 && (POSTGRES_HASH.test(s) || PGPOOL_AES.test(s));
}

/** A crypt(5), htpasswd, PHC, Django, Werkzeug or PostgreSQL hash, never a password anybody types. */
export function isPasswordHash(s: string): boolean {
  if (isPostgresHash(s)) return true;
  if (s.length < 32) return false;
  const first = s.charCodeAt(0);
  if ((first === 36 || first === 123) && WHOLE_HASH.test(s)) return true;
  // The web forms: 40 characters or more with the algorithm's `$` near the start (a cheap test first).
  const dollar = s.indexOf('$', 1);
  return s.length >= 40 && dollar > 0 && dollar <= 24 && WEB_HASH.test(s);
}

/** A line of an htpasswd file: a name, `:`, its hash (Apache's htpasswd writes nothing else). */
export function isHtpasswdLine(s: string): boolean {
  const colon = s.indexOf(':');
  return colon > 0 && !/\s/.test(s.slice(0, colon)) && isPasswordHash(s.slice(colon + 1));
}

/**
 * Pgpool-II's pool_passwd: every line `name:` and a PostgreSQL hash or AES ciphertext, or `TEXT` and
 * a database's password in the clear (pool_passwd.h's third prefix), one line at least a hash.
 */
export function isPoolPasswd(lines: string[]): boolean {
  let hashed = false;
  for (const l of lines) {
    const colon = l.indexOf(':');
    if (colon <= 0 || /\s/.test(l.slice(0, colon))) return false;
    const value = l.slice(colon + 1);
    if (isPostgresHash(value)) hashed = true;
    else if (!/^TEXT\S+$/.test(value)) return false;
  }
  return hashed;
}

/** A field of pgbouncer's auth_file: in double quotes, a `"` inside written twice. */
const USERLIST_FIELD = '"(?:[^"]|"")*"';
const USERLIST_LINE = new RegExp(`^(${USERLIST_FIELD})\\s+(${USERLIST_FIELD})(?:\\s.*)?$`);

/**
 * pgbouncer's auth_file, `userlist.txt` (pgbouncer/pgbouncer `doc/config.md`, "Authentication file
 * format": `"username" "password"` a line, both in double quotes, a `"` inside doubled, the rest of
 * the line ignored; the password in the clear, PostgreSQL's `md5…` or a `SCRAM-SHA-256$…` secret, as
 * a generator script writes it with `echo "\"$USER\" \"md5$HASH\""`): every line so, one at least a
 * PostgreSQL hash, as isPoolPasswd asks of Pgpool-II's. A database's logins, never a game's.
 */
export function isPgbouncerUserlist(lines: string[]): boolean {
  let hashed = false;
  for (const l of lines) {
    const m = USERLIST_LINE.exec(l.trim());
    if (!m) return false;
    if (isPostgresHash(m[2]!.slice(1, -1).replace(/""/g, '"'))) hashed = true;
  }
  return hashed;
}
