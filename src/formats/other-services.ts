// The words that name another service than the game: a database, a server, a panel, a proxy, a
// chat, a captcha solver. A login named by one is that service's, never a game account. One list
// for the two places that read them, so they no longer grow apart (stop 55):
//   - a settings file's key (left-pairs.ts: `db_user`/`db_pass`, `ProxyUsername`, a `[mysql]` block
//     around `user`/`password`), matched as one of the key's words;
//   - a letter's or a list's heading (mail/site-logins.ts: `MySQL login`, `=== phpMyAdmin ===`,
//     `Discord:` above `user:pass` lines), matched as the heading's first word, spelled with the blanks
//     people type (`my sql`, `php my admin`).

export interface Service {
  /** The word as a key's words have it (lower case, no blank): `phpmyadmin`, `2captcha`. */
  word: string;
  /** How a heading spells it (a regex source, case-insensitive), when not the word itself; `null`: never a heading's. */
  heading?: string | null;
  /**
   * How a seller's record's cell spells it (labelled-items.ts: `MySQL | user: root | password: x`,
   * a label `Proxy:`), when not the heading's spelling; `null`: never a cell's (a word that leads
   * real shop stock: `Basic | Login: x`, or one too common in a cell to say whose a login is).
   */
  cell?: string | null;
}

export const SERVICES: readonly Service[] = [
  // Databases.
  { word: 'db' },
  { word: 'database', heading: String.raw`data\s?base` },
  { word: 'mysql', heading: String.raw`my\s?sql` },
  { word: 'mariadb', heading: String.raw`maria\s?db` },
  { word: 'sql', heading: String.raw`sql(?:\s?server)?` },
  { word: 'sqlserver', heading: null }, // the heading spelling is `sql`'s (`SQL Server`)
  { word: 'mssql', heading: String.raw`ms\s?sql` },
  { word: 'sqlite' },
  { word: 'postgres', heading: 'postgres(?:ql)?' },
  { word: 'postgresql', heading: null }, // `postgres`'s heading spelling holds it
  { word: 'psql' },
  { word: 'redis' },
  { word: 'mongo', heading: 'mongo(?:db)?' },
  { word: 'mongodb', heading: null }, // `mongo`'s heading spelling holds it
  { word: 'phpmyadmin', heading: String.raw`php\s?my\s?admin` },
  { word: 'adminer' },
  // Servers, hosting and their panels.
  { word: 'ftp', heading: 'ftps?' },
  { word: 'ftps', heading: null }, // `ftp`'s heading spelling holds it
  { word: 'sftp' },
  { word: 'ssh' },
  { word: 'rdp' },
  { word: 'vnc' },
  { word: 'vps' },
  { word: 'cpanel' },
  { word: 'plesk' },
  { word: 'whm' },
  { word: 'webmin' },
  { word: 'directadmin', heading: String.raw`direct\s?admin` },
  { word: 'wordpress' },
  { word: 'wp', heading: String.raw`wp[\s-]?admin`, cell: String.raw`wp(?:[\s-]?admin)?` }, // a heading's `wp-admin`; a key's `wp_user`
  { word: 'hosting' },
  { word: 'webhost', heading: String.raw`web\s?host` },
  { word: 'registry', cell: null },
  { word: 'docker' },
  { word: 'git', cell: null },
  { word: 'github' },
  // Mail servers.
  { word: 'smtp' },
  { word: 'imap' },
  { word: 'pop3' },
  // Proxies and message brokers.
  { word: 'proxy' },
  { word: 'proxies' },
  { word: 'socks', heading: 'socks[45]?' },
  { word: 'vpn' },
  { word: 'ldap' },
  { word: 'mqtt' },
  { word: 'amqp' },
  { word: 'rabbitmq' },
  // Web maps' own pages and the APIs and chats a scanner posts to.
  { word: 'http', cell: 'https?' },
  { word: 'dashboard' },
  { word: 'panel' },
  { word: 'api' },
  { word: 'webhook' },
  { word: 'discord' },
  { word: 'telegram' },
  { word: 'twitter' },
  // Game stores and chats whose logins sellers and bots keep beside the game's.
  { word: 'steam' },
  { word: 'twitch' },
  { word: 'slack' },
  { word: 'reddit' },
  // Hashing and captcha services a scanner pays for.
  { word: 'hash', cell: null }, // a cell's `Hash:` may be the account's own data
  { word: 'captcha' },
  { word: '2captcha' },
  { word: 'anticaptcha', heading: String.raw`anti[\s-]?captcha` },
  // Key words only. A heading of them names no service for sure:
  // `Web-created accounts:` (a PTC account made on the web), a shop's `Admin:` chat sender or
  // signature above the accounts it pastes, a `Basic` tier of a shop's accounts, an `Account manager:`,
  // a mail's `Sender:`. In a settings key they name the map's web page, its admin or an HTTP login.
  // In a record's cell `Admin | user: x` names a panel's login; `Basic`, `Manager`, `Sender`, `Web` lead shop stock there.
  { word: 'web', heading: null, cell: null },
  { word: 'admin', heading: null, cell: 'admin' },
  { word: 'basic', heading: null, cell: null },
  { word: 'manager', heading: null, cell: null },
  { word: 'sender', heading: null, cell: null },
];

/** A settings key's word that names another service (left-pairs.ts). */
export const OTHER_SERVICE_WORDS: ReadonlySet<string> = new Set(SERVICES.map((s) => s.word));

/**
 * A section's or a file's name naming another service (json.ts's sections, kubernetes-data-files.ts's
 * keys): the keys' words and the mail words, which as a settings key's word (`email`) or a seller's
 * label (`Email:`) are the game account's own e-mail, never another service's, but as a section
 * around a login (`"mail": {"user": ...}`, `mail-users.csv`) are a mail server's.
 */
export const OTHER_SECTION_WORDS: ReadonlySet<string> = new Set([...OTHER_SERVICE_WORDS, 'mail', 'email', 'mailbox', 'mailboxes', 'mailserver', 'identity', 'wifi']);

/** A seller's record cell or label naming another service (labelled-items.ts), each word's cell spelling. */
export const OTHER_SERVICE_CELL = new RegExp(
  String.raw`\b(?:${SERVICES.filter((s) => s.cell !== null)
    .map((s) => s.cell ?? s.heading ?? s.word)
    .join('|')})\b`,
  'i',
);

/** The alternation of every heading spelling (a regex source, case-insensitive; site-logins.ts). */
export const OTHER_SERVICE_HEADING = `(?:${SERVICES.filter((s) => s.heading !== null)
  .map((s) => s.heading ?? s.word)
  .join('|')})`;
