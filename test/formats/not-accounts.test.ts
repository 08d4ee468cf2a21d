// Files that hold no accounts import nothing and say what they look like; a URL scheme, an IP, a
// port, a Python or JSON token or a header word is never a username or a password; an unsure
// reader refuses instead of guessing, and --format is the way through.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fieldKind, nonAccountKind } from '../../src/formats/lists/line-kinds.js';
import { fixture, input } from './helpers.js';

describe('files that hold no accounts', () => {
  const cases: [file: string, says: RegExp][] = [
    ['proxies.txt', /no accounts found.*it looks like a proxy list \(10 of 10 lines\)/],
    ['pgnumbra-status.txt', /no accounts found.*it looks like a table \(checker statistics\?\)/],
    // PGScout's scout screen: each scout's login, its warn flag and counts, no password.
    ['pgscout-status.txt', /no accounts found.*it looks like a table \(checker statistics\?\)/],
    ['checker-summary.txt', /no accounts found.*it looks like statistics \(labels and numbers\)/],
    ['addresses.txt', /no accounts found.*it looks like a list of e-mail addresses without passwords/],
    ['keys.txt', /no accounts found.*it looks like API or hash keys/],
    ['newsletter.eml', /no accounts found.*it looks like a newsletter without accounts \((?:a List-Unsubscribe header|an unsubscribe link)/],
    ['proxies-user-first.txt', /no accounts found.*it looks like a proxy list \(6 of 6 lines\)/],
    ['scanner-notes.txt', /no accounts found.*it looks like code or data/],
    ['rocketmap-runserver.log', /no accounts found.*it looks like a log file/],
    // Its options (`strict_chain`, `tcp_read_time_out 15000`), `[ProxyList]` and proxies with their logins: named (s47).
    ['proxychains.conf', /no accounts found.*it looks like proxychains' config \(proxychains\.conf/],
    // Named for what they are (s47): once refused as "a config file" or by no reader at all, saying nothing.
    ['pokealarm-config.ini', /no accounts found.*it looks like PokeAlarm's config\.ini/],
    ['android-device-ids.txt', /it looks like a list of device ids \(Android IDs of 16 hex digits or UUIDs/],
    ['requirements-bare.txt', /it looks like a Python requirements file/],
    // Settings with a comment after each value, ConfigArgParse's way: a sentence in the comment is no prose line.
    ['pgscout-config.ini', /no accounts found.*it looks like a config file \(11 of 13 lines\)/],
    ['mrmime_config.json', /no accounts found.*it looks like code or data/],
    // `userName:palletash`, `password:P4llet!Town` are the settings of a generator, no account it made.
    // Said to be a config file, not an unsure list: its `avPass:...` line splits like an account, but the file is settings.
    ['pallettown.config', /no accounts found; .*it looks like a config file \(21 settings, one `name:value` a line\), not an account dump/],
    // pikapy's first usernames.txt: the logins it made, one a line, no password.
    ['pikapy-usernames.txt', /it looks like a list of usernames without passwords \(2 of 2 lines\)/],
    // weissi1994/Pokemap's generate_accounts.py writes each login's e-mail address beside its accounts.csv:
    // read as a list, every address was taken for a password (s36-hunt).
    ['pokemap-generated_mails.csv', /no accounts found.*it looks like logins with their e-mail addresses, without passwords \(3 of 3 lines/],
    // `mon_fresh04 - unknown`: a level not known yet is no password.
    ['monocle-print_levels.txt', /no accounts found.*it looks like statistics/],
    // A proxy server's files beside its proxy list (s46-nonaccounts): Squid's htpasswd file (every line
    // once imported as the account pkuser0N / its hash), its squid.conf and HAProxy's haproxy.cfg (both
    // once "a message without accounts (a newsletter?)"), and chat bots' tokens (Telegram's once accounts).
    ['squid-passwords', /no accounts found.*it looks like a password file of hashes \(htpasswd/],
    // Pgpool-II's pool_passwd beside a scanner's PostgreSQL (stop 60's survey: every `name:md5…` and
    // `name:AES…` line imported as an account): md5, AES and SCRAM hashes and a `TEXT` password.
    ['pgpool-pool_passwd', /no accounts found.*it looks like Pgpool-II's pool_passwd/],
    // pgbouncer's auth_file beside it (`"name" "md5…"`, a SCRAM secret, a clear password with its `"` doubled):
    // stop 60's survey (G) refused it as "code or data"; named for what it is.
    ['pgbouncer-userlist.txt', /no accounts found.*it looks like pgbouncer's userlist\.txt/],
    // hzpz/PGPoolClient's `pgpool_export.py` console, Python's logging without a format (`INFO:__main__:Adding
    // account x`): stop 62's survey (G) imported `INFO` with the password `__main__:Marking account ... as banned`.
    ['pgpoolclient-export-console.txt', /no accounts found.*it looks like a log file \(7 of 7 lines\)/],
    ['squid.conf', /no accounts found.*it looks like a proxy server's config \(Squid's squid.conf/],
    ['haproxy.cfg', /no accounts found.*it looks like a proxy server's config \(HAProxy's haproxy.cfg/],
    ['bot-tokens.txt', /no accounts found.*it looks like API or hash keys \(4 of 4 lines\)/],
    // A map's or a site's own users, exported with their password hashes under `password` (stop 56's survey:
    // each row once imported as an account whose password was its hash): PMSF's `users` table (bcrypt by PHP's
    // password_hash), Django's auth_user (pbkdf2_sha256, argon2), a Flask site's (Werkzeug's pbkdf2 and scrypt).
    ['pmsf-users.csv', /no accounts found.*line 2: a password's hash .*line 3: a password's hash .*line 4: missing password/],
    ['django-auth-user.csv', /no accounts found.*line 2: a password's hash .*line 3: a password's hash /],
    ['flask-users.csv', /no accounts found.*line 2: a password's hash .*line 3: a password's hash /],
  ];
  for (const [file, says] of cases) {
    it(`${file} is refused, saying what it looks like`, async () => {
      await expect(readDump(fixture(file))).rejects.toThrow(says);
    });
  }

  // Laid out as passwd(5), shadow(5), group(5) and gshadow(5) say (made up here, not this machine's);
  // each line once imported as an account whose password was the rest of the line or its hash.
  const systemFiles: [name: string, text: string][] = [
    ['passwd', 'root:x:0:0:root:/root:/bin/bash\nmail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nash01:x:1000:1000:Ash,,,:/home/ash01:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'],
    ['shadow', 'root:$6$Zq1x9Ab2$J7q1mXkq9w0dHf3Jz5T0q3R5sYb8Zx2v4Q1wE9rT6yU7iO0pA3sD5fG8hJ1kL4zX7cV0bN2mQ5wE8rT1yU4iO.:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\nash01:$y$j9T$a1b2c3$d4e5f6g7h8i9j0:20228:0:99999:7:::\nmisty2:!:20228::::::\n'],
    ['group', 'root:x:0:\nsudo:x:27:ash01,misty2\nash01:x:1000:\n'],
    ['gshadow', 'root:*::\nsudo:*::ash01,misty2\npolkitd:!*::\nash01:!::\n'],
  ];
  for (const [name, text] of systemFiles) {
    it(`a copy of /etc/${name} is refused, saying what it is, also when read as a plain list`, async () => {
      await expect(readDump(input(name, text))).rejects.toThrow(/no accounts found.*it looks like the machine's own account file/);
      await expect(readDump(input(`${name}.txt`, text), { format: 'plain' })).rejects.toThrow(/no accounts found.*it looks like the machine's own account file/);
    });
  }

  // A database table's columns named the way SQL names them, none a password's: RealDeviceMap's
  // `device` table (RealDeviceMap/RealDeviceMap `resources/migrations/1.sql`: uuid, instance_name,
  // last_host, last_seen, account_username, last_lat, last_lon) cut down to the columns that say
  // which phone ran which account. Read as a list, each row was an account `iPhone01` whose
  // password was the rest of the row. Any such table is a table's rows, whatever its separator.
  for (const [name, text] of [
    ['rdm-devices.csv', 'uuid,instance_name,account_username\niPhone01,nyc-pokemon,pogo_acc01\niPhone02,nyc-pokemon,pogo_acc02\niPhone03,nyc-quest,pogo_acc03\n'],
    ['rdm-devices.tsv', 'uuid\tinstance_name\taccount_username\tlast_host\niPhone01\tnyc-pokemon\tpogo_acc01\t10.0.0.21\niPhone02\tnyc-pokemon\tpogo_acc02\t10.0.0.22\n'],
    ['scan_areas.txt', 'area_name;geofence_id;spawn_count\ndowntown;12;431\nharbour;13;208\n'],
  ] as const) {
    it(`${name}: a table under SQL column names, none a password's, imports nothing`, async () => {
      await expect(readDump(input(name, text))).rejects.toThrow(/no accounts found.*it looks like a table/);
    });
  }

  it('never takes a proxy\'s parts for a login: the proxy list of the issue gave six "accounts" like http / //user:pass@host:3128', async () => {
    const r = await readDump(input('mixed.txt', 'ash_k1:Pika!1234\nhttp://user:pass@10.0.0.8:3128\nmisty2:Star#5678\n')).catch((e: Error) => e);
    expect(r).not.toBeInstanceOf(Error);
    if (r instanceof Error) return;
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_k1', 'misty2']);
    expect(r.rejected).toEqual([{ line: 2, reason: 'looks like a proxy (host:port), not an account', kind: 'proxy' }]);
  });
});

describe("a proxy's `ip:port:user:pass` and a seller's `user:pass:email:emailpass`", () => {
  // Both have four `:` fields; a port is no password and an IP no login, an e-mail address is no port.
  const proxies = '185.199.229.156:7492:pkuser01:Prx9x2aB\nus.proxymesh.com:31280:pkuser02:Hk3mZq77\n';
  const sellers = 'ashk01:Pika!1234:ashk01@gmail.com:MailPw99\nmisty02:Star#5678:misty02@yahoo.com:MailPw88\n';

  it('the proxies alone are refused as a proxy list, their passwords not in the message', async () => {
    const e = await readDump(input('proxies.txt', proxies)).catch((x: Error) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toMatch(/no accounts found.*it looks like a proxy list \(2 of 2 lines\)/);
    expect((e as Error).message).not.toMatch(/Prx9x2aB|Hk3mZq77/);
  });

  it("the seller's lines are accounts with their e-mail, and mixed with the proxies only they are", async () => {
    for (const text of [sellers, `${sellers}${proxies}`]) {
      const r = await readDump(input('delivery.txt', text));
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ashk01', 'Pika!1234'], ['misty02', 'Star#5678']]);
    }
  });
});

describe('a proxy written with blanks among accounts', () => {
  // Found by non-accounts.property.test.ts: `socks5 1.1.1.1 80` lost its port as a note after
  // s34-notes and was read as the account socks5 / 1.1.1.1, in a list of either separator.
  it.each([':', ' '])('is rejected as a proxy among `user%spass` lines, the accounts read', async (sep) => {
    const r = await readDump(input('mixed.txt', `ash_k1${sep}Pika!1234\nsocks5 1.1.1.1 80\nhttp 10.0.0.8 3128\nmisty2${sep}Star#5678\n`)).catch((e: Error) => e);
    expect(r).not.toBeInstanceOf(Error);
    if (r instanceof Error) return;
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_k1', 'misty2']);
    expect([...(r.rejected ?? []), ...(r.skipped ?? [])].map((l) => [l.line, l.kind])).toEqual([[2, 'proxy'], [3, 'proxy']]);
  });
});

describe('a proxy with its login after an `@` or a `|` among accounts', () => {
  // Found by non-accounts.property.test.ts (seed 328376839): `aaa.com:80@aaa0:0a^A-a?` was the
  // account aaa.com / 80@aaa0:..., and `host:port|user:pass` gave the proxy's login as an account.
  // Proxy tools read both orders (pypi proxyutils 0.1.0 README.md: `1.1.1.1:8080@user:pass`,
  // `1.1.1.1:8080|user:pass`, a host in the IP's place).
  it.each(['proxy1.example.net:8080@pxuser:Xk29fLq', 'proxy1.example.net:8080|pxuser:Xk29fLq', '51.158.68.68:8811|pxuser:Xk29fLq'])('%s is a proxy, the accounts around it read', async (line) => {
    expect(nonAccountKind(line)).toBe('proxy');
    const r = await readDump(input('mixed.txt', `ash_k1:Pika!1234\n${line}\nmisty2:Star#5678\n`));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika!1234'], ['misty2', 'Star#5678']]);
    expect([...r.rejected, ...(r.skipped ?? [])].map((l) => [l.line, l.kind])).toEqual([[2, 'proxy']]);
  });
});

/** A web framework's and the PHC format's hashes (password-hashes.ts): Django, Werkzeug, argon2, passlib. */
const WEB_HASH_LINES = [
  'gymleader:pbkdf2_sha256$260000$Q5quZ8dSdqc33Qo5kvtq5g$uqeGBYxNEJK7d9CvH7Q/Cex6yuenIPqfqfHIEtxob1M=',
  'raidhost:bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuuO5sYb8Zx2v4Q1wE9rT6yU7iO0pA3sD5',
  'mapadmin:pbkdf2:sha256:600000$Nv2nrlYRjYbTB4y4$1267a28128a9c7dda3ce35923f188517707a977b73d6182b1672fc0cd5a963c8',
  'moderator:$argon2id$v=19$m=65536,t=3,p=4$bkP4g/DdXYba720IV40C2A$EB6axukcqYZRBPGB5i5t1ErnDIlcKiikt+hn7BnTNdE',
  'staff1:$pbkdf2-sha256$29000$N2bMWcs5R6j1HmNMSWlNKQ$Q2wFh2b3xkT0Jc1CeDjz1uY7W3pQ9ZlC3q8bYkCwTzE',
];

/** PostgreSQL's stored passwords (md5, SCRAM-SHA-256) and Pgpool-II's AES ciphertexts of one and two blocks. */
const POSTGRES_HASH_LINES = [
  'postgres:md53175bce1d3201d16594cebf9d7eb3f9d',
  'pgscout:SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0MTI=$QmFzZTY0U3RvcmVkS2V5QmFzZTY0U3RvcmVkS2V5MTI=:QmFzZTY0U2VydmVyS2V5QmFzZTY0U2VydmVyS2V5MTI=',
  'rocketmap:AESdLGFZTuA8wsfq9sqXDEhbg==',
  'monocle:AES7k2LmNpQrStUvWxYz0a1b2c3d4e5f6g7h8i9j0kAbcd=',
];

describe('password hashes and bot tokens among accounts', () => {
  // An htpasswd line (Squid's basic_ncsa_auth file) and a Telegram bot's token (PokeAlarm's `bot_token`)
  // split like `user:pass`; a Discord token is one key. None is an account; the accounts around them are read.
  it.each(['pkuser01:$apr1$Xk2b9Qz1$j9fthgLhWDcbzr9LywOz51', 'pkuser04:{SHA}5SMGOXtbf+i9T2a2HKBsr5PelrQ=', 'pkuser06:$2y$10$abcdefghijklmnopqrstuuO5sYb8Zx2v4Q1wE9rT6yU7iO0pA3sD5', '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs', ...WEB_HASH_LINES, ...POSTGRES_HASH_LINES])('%s is set aside', async (line) => {
    const r = await readDump(input('mixed.txt', `ash_k1:Pika!1234\n${line}\nmisty2:Star#5678\n`));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika!1234'], ['misty2', 'Star#5678']]);
    expect([...r.rejected, ...(r.skipped ?? [])].map((l) => [l.line, l.kind])).toEqual([[2, 'key']]);
  });

  it('a password that only starts like a hash, or a login of digits with a short password, stays an account', async () => {
    // `AESthetic!2024` and `md5Rocks!` only start like PostgreSQL's and Pgpool-II's prefixes.
    const r = await readDump(input('list.txt', 'ash_k1:$apr1$Pika12\n123456789:Pika!1234\nmisty2:Star#5678\nbrock_3:AESthetic!2024\nerika_4:md5Rocks!\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', '$apr1$Pika12'], ['123456789', 'Pika!1234'], ['misty2', 'Star#5678'], ['brock_3', 'AESthetic!2024'], ['erika_4', 'md5Rocks!']]);
  });

  it("a hash under a table's `password` column or a JSON `password` is refused by its line in every reader; a password only naming an algorithm stays", async () => {
    // The store's rule (account-rules.ts), not the plain list's line kinds: the monocle reader took
    // `username,password` rows of hashes whole before stop 56, and so would a generator's JSON.
    const [django, bcrypt] = [WEB_HASH_LINES[0]!.split(':')[1]!, 'pkuser06:$2y$10$abcdefghijklmnopqrstuuO5sYb8Zx2v4Q1wE9rT6yU7iO0pA3sD5'.slice(9)];
    const json = JSON.stringify([{ username: 'ash_k1', password: 'Pika!1234' }, { username: 'raidhost', password: django }, { username: 'mapadmin', password: bcrypt }]);
    for (const [name, text, lines] of [
      ['users.csv', `username,password\nash_k1,Pika!1234\nraidhost,${django}\nmapadmin,${bcrypt}\n`, [3, 4]],
      ['gen.json', json, [1, 1]],
    ] as const) {
      const r = await readDump(input(name, text));
      expect(r.accounts.map((a) => a.username), name).toEqual(['ash_k1']);
      expect(r.rejected.map((l) => l.reason), name).toEqual(lines.map(() => expect.stringContaining("a password's hash")));
    }
    // PMSF's `users` table by `mysql -B`: a Discord login's password is the client's `NULL`, no password
    // (stop 56: read as a list under its header, it was the account 123456789012345678 / `NULL`).
    const pmsf = 'id\tuser\tpassword\ttemp_password\texpire_timestamp\tsession_id\tlogin_system\taccess_level\n1\tash_k1\tPika!1234\tNULL\t1893456000\tNULL\tnative\t1\n2\t123456789012345678\tNULL\tNULL\t1577836800\tNULL\tdiscord\t0\n';
    const table = await readDump(input('users.tsv', pmsf));
    expect(table.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika!1234']]);
    expect(table.rejected.map((l) => [l.line, l.reason])).toEqual([[3, expect.stringContaining("the database's NULL")]]);
    // A program's missing value printed where the password goes (stop 56 B2): Python's `None` (an f-string
    // or `str()` of an unset field), JSON's `null` and JavaScript's `undefined` (a template literal of a
    // missing field), Ruby's or Lua's `nil`, Go's `<nil>`. Each was the account's password before.
    for (const missing of ['None', 'null', 'undefined', 'nil', '<nil>']) {
      for (const [name, text] of [
        ['made.csv', `username,password\nash_k1,Pika!1234\nmisty_k2,${missing}\n`],
        ['made.json', JSON.stringify([{ username: 'ash_k1', password: 'Pika!1234' }, { username: 'misty_k2', password: missing }], null, 2)],
        ['made.txt', `ash_k1 Pika!1234\nmisty_k2 ${missing}\n`],
      ] as const) {
        const r = await readDump(input(name, text));
        expect(r.accounts.map((a) => a.username), `${name} ${missing}`).toEqual(['ash_k1']);
        expect(r.rejected.map((l) => l.reason), `${name} ${missing}`).toEqual([expect.stringMatching(/^missing password/)]);
      }
    }
    const kept = await readDump(input('list.txt', 'ash_k1:sha256$Pikachu$2025\nmisty2:md5$Star#5678$ThisIsMyLongPassword!!\n'));
    expect(kept.accounts.map((a) => a.password)).toEqual(['sha256$Pikachu$2025', 'md5$Star#5678$ThisIsMyLongPassword!!']);
  });
});

describe("a captcha service's key or a 2FA secret under its label among accounts", () => {
  // Found by non-accounts.property.test.ts (seed 1220079472): `2captcha:0aaaaaaaaAaAaaaaaaaa` was the
  // account 2captcha / its key. The account creators solve captchas through 2captcha with a key
  // (sriyegna/Pikaptcha pikaptcha/console.py prints its balance); a service's name is no login.
  it.each(['2captcha:0aaaaaaaaAaAaaaaaaaa', '2captcha:Ab12Cd34Ef56Gh78', 'anticaptcha:ab12cd34ef56ab78cd90ab12cd34ef56', '2fa:JBSWY3DPEHPK3PXP'])('%s is a key, the accounts around it read', async (line) => {
    expect(nonAccountKind(line)).toBe('key');
    const r = await readDump(input('mixed.txt', `ash_k1:Pika!1234\n${line}\nmisty2:Star#5678\n`));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika!1234'], ['misty2', 'Star#5678']]);
    expect(r.rejected.map((l) => [l.line, l.kind])).toEqual([[2, 'key']]);
  });
});

describe('what is never a username or a password', () => {
  it.each([
    ['http', '//user:pass@host:3128', 'url'],
    ['10.0.0.8', 'Pika!1234', 'proxy'],
    // A proxy written with blanks (`socks5 1.1.1.1 80`), its port read as a note: the scheme and the address are no login.
    ['socks5', '1.1.1.1', 'proxy'],
    ['ash_k1', '10.0.0.8:3128', 'proxy'],
    ['http', '10.0.0.8', 'proxy'],
    ['proxy.example.com', '3128', 'proxy'],
    ["'auth'", "'ptc',", 'code'],
    ['use_ssl', 'False,', 'code'],
    ['username', 'Pika!1234', 'config'],
    ['ash_k1', 'password', 'header'],
    ['Good', '120', 'stats'],
    ['1', 'Level 30 PTC,2.99', 'table'],
    ['ABCD1234EFGH5678IJKL', '2018-01-01', 'key'],
    ['pokestop1', '40.7128,-74.0060', 'stats'],
    ['2017-10-14', '18:03:15,pika02,captcha', 'table'],
    ['pika01', 'banned', 'table'],
    ['pika02', 'OK', 'table'],
    ['mon_fresh04', 'unknown', 'table'],
    // `ash_k1 lvl 30`: the level's word where the password goes, its number read as the level.
    ['ash_k1', 'lvl', 'stats'],
    ['ash_k1', 'Lv.', 'stats'],
    ['ash_k1', 'Level', 'stats'],
  ])('%s / %s is %s', (username, password, kind) => {
    expect(fieldKind(username, password)).toBe(kind);
  });

  it.each([
    ['socks5://45.77.102.33:1080', 'proxy'],
    ['51.158.68.68:8811:pxuser:Xk29fLq', 'proxy'],
    ['proxy1.example.net:8080:pxuser2:Xk29fLq', 'proxy'],
    ['us-east.proxymesh.com:31280:pxuser:Xk29fLq', 'proxy'],
    ['hash-key: 7UKQ3ZPF2X9LRB0D8AYT', 'key'],
    ['AIzaSyD3hF8s1Lq9XkR2mN7vB4pT6yW0zC5eJ1a', 'key'],
    ['username: [ash_k1, misty2]', 'config'],
    ['SPEED_LIMIT = 19.5', 'config'],
    ['"username": "ash_k1",', 'code'],
    ['Banned: 9 (3.6%)', 'stats'],
    ['| Good     |   120 |', 'table'],
    ['========================', 'table'], // a title's underline, as `---` and `___` are
    ['username:password:email', 'header'],
    ['Thanks for your order, the accounts are below.', 'prose'],
    // A label, a blank, digit-less words: a mail's or a note's line, whatever the label.
    ['name: thanks!', 'prose'],
    ['Bob: enjoy the accounts', 'prose'],
    ['Re: order', 'prose'],
    ['auth-service: ptc', 'config'],
    ['ash_k1:Pika!1234', undefined],
    ['ash.k@gmail.com:Pika!1234', undefined],
  ])('%s is %s', (line, kind) => {
    expect(nonAccountKind(line)).toBe(kind);
  });
});

describe("a checker's counts and a login's level are no accounts", () => {
  // `Wrong password: 3` was the account `Wrong` / `3` (a password labelled after a login, password-labels.ts):
  // alone it imported, among a checker's other counts the file was "unsure" and offered --format plain.
  it.each(['Wrong password: 3\n', 'Checked: 200\nGood: 180\nBanned: 12\nWrong password: 3\nInvalid password: 2\n'])('%j is refused as statistics', async (text) => {
    await expect(readDump(input('stats.txt', text))).rejects.toThrow(/no accounts found; .*it looks like statistics/);
  });

  it('`ash_k1 lvl 30` lines (logins with their levels, no password) are refused; among accounts only the accounts are read', async () => {
    await expect(readDump(input('levels.txt', 'ash_k1 lvl 30\nmisty2 lvl 29\n'))).rejects.toThrow(/no accounts found/);
    const r = await readDump(input('mixed.txt', 'ash_k1:Pika!1234\nbrock3 lvl 30\nmisty2:Star#5678\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika!1234'], ['misty2', 'Star#5678']]);
  });

  it('`ash01 password: Pika!1234` is still an account with its password labelled', async () => {
    const r = await readDump(input('list.txt', 'ash01x password: Pika!1234\nmisty02 password: Star#5678\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash01x', 'Pika!1234'], ['misty02', 'Star#5678']]);
  });
});

describe('prose with a colon is no account', () => {
  // Stop 60 W2: `Sorry, ash_02 had a typo, use this: ash_02:X` alone was "a letter without accounts
  // (... no line gives a login and a password)", though it gives one: a correction with nothing here to correct.
  // Stop 62 L: such a file (`fix.txt`) is offered to the pool as a mail's reply is; the import applies it
  // only to the one pool account it names (test/import/mail-pool-corrections.test.ts), never an account made.
  it('a file holding only a correction gives no account: its line is refused naming its login, offered to the pool', async () => {
    for (const [line, text] of [
      [2, 'Hi,\nSorry, ash_02 had a typo, use this: ash_02:Pika2!xy\nBest regards\n'],
      [2, 'Hi,\nSorry, the new password for ash_02 is Pika2!xy\nBest regards\n'],
      [1, 'sorry, the password for ash_02 is now Pika2!xy\n'],
      [1, 'New password for ash_02: Pika2!xy\n'],
    ] as const) {
      const r = await readDump(input('fix.txt', text));
      expect(r.accounts).toEqual([]);
      expect(r.poolCorrections).toEqual([{ line, username: 'ash_02', password: 'Pika2!xy' }]);
      expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[line, expect.stringMatching(/^a correction of the password of `ash_02`, an account neither this file nor the pool holds: nothing was imported and the pool was not changed/)]]);
      expect(JSON.stringify(r.rejected)).not.toContain('Pika2!xy');
    }
    // A sentence naming no login offers nothing: refused whole, as before.
    await expect(readDump(input('fix.txt', 'sorry, the password is now Pika2!xy\n'))).rejects.toThrow(/no accounts found/);
    await expect(readDump(input('note.txt', 'Thanks for your order! Change your password after login.\n'))).rejects.toThrow(/a letter without accounts/);
  });

  it.each(['name: thanks!', 'Bob: thanks!', 'Note: good luck', 'PS: enjoy!', 'Hi: there', 'Ash: see you soon'])('a file holding only `%s` gives none, and says it is a message', async (line) => {
    await expect(readDump(input('note.txt', `${line}\n`))).rejects.toThrow(/no accounts found; .*it looks like (?:a letter without accounts|a message without accounts: chat lines)/);
  });

  it('among accounts it is read past as prose; `user:pass` without the blank is an account: forced, a word over a digit-less value too (the operator said accounts), unforced refused by its line (word-pairs.ts)', async () => {
    // (Unforced, the mail reader, which still reads `misty:thanks!`, disagrees, and the file is refused as unsure.)
    const r = await readDump(input('list.txt', 'alice1:Pw1!aaaa\nbob22:Pw2!bbbb\nBob: thanks!\nmisty:thanks!\nmisty_3:thanks!\n'), { format: 'plain' });
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['alice1', 'Pw1!aaaa'], ['bob22', 'Pw2!bbbb'], ['misty', 'thanks!'], ['misty_3', 'thanks!']]);
    expect([...(r.skipped ?? []), ...r.rejected].filter((x) => x.line === 3).map((x) => x.kind)).toEqual(['prose']);
    const unforced = await readDump(input('list.txt', 'alice1:Pw1!aaaa\nbob22:Pw2!bbbb\nmisty:thanks!\nmisty_3:thanks!\n'));
    expect(unforced.rejected.filter((x) => x.line === 3).map((x) => x.reason)).toEqual([expect.stringMatching(/label:value.*--format plain/)]);
  });
});

describe('tables are no account lists', () => {
  it("a checker's verdict table (a login column, no password column) gives no account: a verdict is no password", async () => {
    for (const text of ['account,status\nashuser01,banned\nmisty22,good\nbrock33,blind\n', 'Username;Level;Status\nashuser01;30;banned\nmisty22;27;good\n']) {
      await expect(readDump(input('checked.csv', text))).rejects.toThrow(/no accounts found; read as plain .*it looks like a table whose first line names its columns \((?:account, status|Username, Level, Status)\) and none a password/);
    }
  });

  it("a shop's price list (numbered rows) gives no account", async () => {
    await expect(readDump(input('products.csv', 'id,name,price\n1,Level 30 PTC,2.99\n2,Level 25 PTC,1.99\n'))).rejects.toThrow(/no accounts found.*it looks like a table/);
  });

  it('a label line above a list (`Type: PTC`, `Account: Level 30`) is not a table header: the list is read', async () => {
    for (const label of ['Type: PTC', 'Account: Level 30', 'Account type: PTC']) {
      const r = await readDump(input('list.txt', `${label}\nashuser01:Pika!1234\nmisty22:Star#5678\n`));
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ashuser01', 'Pika!1234'], ['misty22', 'Star#5678']]);
    }
  });
});

describe('settings, logs and maps are no accounts', () => {
  it.each([
    ['dbconf.json', '{"username": "pgpool", "password": "Db!pass99", "host": "localhost", "database": "pgpool"}\n', /connection settings/],
    ['db.env', 'user=admin\npassword=Adm1n!pw\nhost=127.0.0.1\n', /it looks like a config file/],
    ['db.ini', '[database]\nhost = localhost\nuser = monocle\npassword = Db!pass99\n', /no accounts found/],
    ['hashkeys.csv', 'hashkey,expires\nABCD1234EFGH5678IJKL,2018-01-01\nQWER1234TYUI5678OPAS,2018-02-01\n', /it looks like API or hash keys/],
    ['workers.txt', 'worker1: 40.7128,-74.0060\nworker2: 40.7306,-73.9352\n', /it looks like statistics/],
    ['checked.txt', 'pika01 banned\npika02 ok\nmisty03 blind\n', /it looks like a table/],
    ['log.csv', '2017-10-14 18:03:12,pika01,login ok\n2017-10-14 18:03:15,pika02,captcha\n', /no accounts found/],
  ])('%s is refused', async (name, text, says) => {
    await expect(readDump(input(name, text))).rejects.toThrow(says);
  });
});

describe("a program's saved settings are a config file", () => {
  // PalletTown's `saveSettings` shape in another program's words: `name:value` and `name=value`
  // lines, a login and a password among flags, numbers and paths (CRLF, as Java on Windows writes).
  it.each([
    ['gen.config', 'accountName:trainerbase\r\nmailPass:Mail!pass9\r\nthreads:4\r\nuseProxies:false\r\noutputPath:C:\\gen\\out.csv\r\nretries:3\r\n'],
    ['gen.properties', '# saved\nuser=trainerbase\nloginPass=Pa55!word\ncount=50\ndebug=true\ndelay=2500\n'],
  ])('%s gives no account and is called a config file', async (name, text) => {
    await expect(readDump(input(name, text))).rejects.toThrow(/no accounts found; .*it looks like a config file \(/);
  });

  it('a list of digit-less logins with a count line is still a list', async () => {
    const r = await readDump(input('list.txt', 'mistyfan:Starmie!22\nbrockrock:Onix!9999\ngarygary:Eevee#77\nTotal: 3\n'));
    expect(r.accounts.map((a) => a.username)).toEqual(['mistyfan', 'brockrock', 'garygary']);
  });
});

describe('an unsure reader refuses', () => {
  it('when two readers nearly as sure read different accounts, and --format chooses', async () => {
    // A mail reader takes `note:` for a mail's note; a list reader for an account named note.
    // (`note:remember2`: with a digit; `note:remember` both now refuse, word-pairs.ts.)
    const text = 'alice1:Pw1!aaaa\nbob22:Pw2!bbbb\nThanks for buying, have fun\nnote:remember2\n';
    await expect(readDump(input('list.txt', text))).rejects.toThrow(/unsure what this is: read as email-text it gives 2 accounts.*; read as plain, 3 accounts.*choose with --format email-text or --format plain/);
    const forced = await readDump(input('list.txt', text), { format: 'plain' });
    expect(forced.accounts.map((a) => a.username)).toEqual(['alice1', 'bob22', 'note']);
    expect(forced.why).toBe('--format plain');
  });

  it('when they read the same accounts, the one that accounts for every line wins: broken lines are rejected, not read past', async () => {
    const text = 'alice1:Pw1!aaaa\nbob22:Pw2!bbbb\ncarol3:Pw3!cccc\ndave\neve:\nfrank: x y\n';
    const r = await readDump(input('list.txt', text));
    expect(r.format).toBe('plain');
    expect(r.accounts.map((a) => a.username)).toEqual(['alice1', 'bob22', 'carol3']);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [4, 'missing password'],
      [5, 'missing password'],
      [6, 'looks like prose, not an account'],
    ]);
  });

  it('when the reader chosen finds nothing another reads accounts in, the refusal names that reader as the way through', async () => {
    // A mail of blank-separated `user pass` lines whose logins hold no digit: too like words for the mail reader.
    const text = 'Hello,\n\nYour accounts:\nmistyfan Starmie!22\nbrockrock Onix!9999\n\nRegards\n';
    await expect(readDump(input('order.txt', text))).rejects.toThrow(/no accounts found; read as email-text .*; read as plain it gives 2 accounts, 0 lines rejected, 3 skipped: look with --dry-run --format plain$/);
    const forced = await readDump(input('order.txt', text), { format: 'plain' });
    expect(forced.accounts.map((a) => [a.username, a.password])).toEqual([['mistyfan', 'Starmie!22'], ['brockrock', 'Onix!9999']]);
    // A file without accounts names no way: no reader finds more accounts than lines of other kinds.
    await expect(readDump(fixture('proxies.txt'))).rejects.toThrow(/proxy list \(10 of 10 lines\)$/);
  });

  it('when most lines of a list are something else than accounts', async () => {
    const text = ['ash_k1:Pika!1234', ...Array.from({ length: 4 }, (_, i) => `10.0.0.${i + 1}:8080`)].join('\n');
    await expect(readDump(input('mixed.txt', text))).rejects.toThrow(/unsure this is an account dump: 1 line reads as an account, but 4 look like something else \(4 like a proxy \(host:port\)\); .*--format plain/);
    expect((await readDump(input('mixed.txt', text), { format: 'plain' })).accounts.map((a) => a.username)).toEqual(['ash_k1']);
  });

  it('logins mapped to passwords (`"lavaCave01": "Magmar!126a"` lines, a JSON object keyed by login) are refused naming --format login-map, a settings object not', async () => {
    // Stop 56 left these refused with no way through: `--format plain` and `--columns` refuse them the same.
    // A dictionary of two strings is any config, so detection still refuses them; the refusal, unforced or
    // with another reader forced, names the reader that reads them (login-map.ts), which json.test.ts tries.
    for (const [name, text] of [
      ['pairs.txt', '"lavaCave01": "Magmar!126a",\n"misty_k2": "Star#5678",\n"brock07": "Onix!9999"\n'],
      ['accounts.json', '{"lavaCave01": "Magmar!126a", "misty_k2": "Star#5678", "brock07": "Onix!9999"}'],
      ['accounts.json', '[{"lavaCave01": "Magmar!126a"}, {"misty_k2": "Star#5678"}, {"brock07": "Onix!9999"}]'],
      // The same dictionary as Python's print and pprint write it (stop 57 Q2).
      ['accounts.txt', "{'lavaCave01': 'Magmar!126a', 'misty_k2': \"St'ar#5678\", 'brock07': 'Onix!9999'}\n"],
      ['accounts.txt', "{'brock07': 'Onix!9999',\n 'lavaCave01': 'Magmar!126a',\n 'misty_k2': \"St'ar#5678\"}\n"],
    ]) {
      for (const format of [undefined, 'plain', 'json']) {
        const e = await readDump(input(name!, text!), format ? { format } : {}).catch((x: Error) => x);
        expect((e as Error).message, `${text} ${format}`).toMatch(/read as login-map it gives 3 accounts, 0 lines rejected: look with --dry-run --format login-map$/);
        expect((e as Error).message).not.toMatch(/Magmar|Star#|Onix/);
      }
    }
    // Named only where its read is accounts: a program's settings (no digit in a value, or more
    // members refused than read) and a known service's object are refused as before, naming no reader.
    for (const text of ['{"theme": "dark", "language": "en-US", "nickname": "ashy"}', '{"mybot": "Secret123", "token": "NzkyNzE1NDU0MTk2MDg4ODQy.X-hvzA", "prefix": "!"}', '{"lavaCave01": "Magmar!126a", "host": "db.example", "port": 5432, "database": "monocle"}', "{'lavaCave01': 'Magmar!126a', 'host': 'db.example', 'port': 5432, 'debug': True}", "{'theme': 'dark', 'nickname': 'ashy'}"]) {
      const e = await readDump(input('settings.json', text)).catch((x: Error) => x);
      expect((e as Error).message, text).toMatch(/no accounts found/);
      expect((e as Error).message, text).not.toMatch(/login-map/);
    }
  });

  it("a letter's `Password: Pw12345! 30` names no flag: `--format plain`, which it named before stop 57, finds no account in a letter", async () => {
    const text = 'Hello,\n\nHere is your account:\nUsername: ash01x\nPassword: Pika12345! 30\n\nThanks\n';
    const e = await readDump(input('order.txt', text)).catch((x: Error) => x);
    expect((e as Error).message).toMatch(/line 5: a number after the password and a blank: its level or the end of the password, unsure \(no reader or flag can tell/);
    expect((e as Error).message).not.toMatch(/--format|--columns/);
    await expect(readDump(input('order.txt', text), { format: 'plain' })).rejects.toThrow(/no accounts found/);
  });

  it('an unknown --format names the readers', async () => {
    await expect(readDump(input('a.txt', 'a1:b\n'), { format: 'csv' })).rejects.toThrow(/no reader named "csv" \(readers: .*plain/);
  });
});

// Issue 14 rule 4: another tool's options (a database's, ssh's, a proxy's `-u`/`-p`, a `-p` that is
// a port) are never a game account; tool-options.ts is the one rule pikaptcha.ts and
// rocketmap-command.ts both ask.
describe("another tool's command line or options are no account", () => {
  const never = async (text: string) => {
    const got = await readDump(input('options.txt', text)).catch(() => undefined);
    expect(got?.accounts ?? []).toEqual([]);
  };
  it.each([
    '-u admin -p 8080',
    '-u admin -p 8080\n-u dbuser -p 5432\n',
    '-u admin -p 8080 -h db.local',
    '-u root -p 3306 --host 10.0.0.8',
    '-a ptc -u ash1 -p 8080',
    'python runserver.py -a ptc -u ash1 -p 8080',
    'node pogo.js -a ptc -u ash1 -p 5432',
    'POGOBan.exe -t PTC -u ash1 -p 1080',
    'ssh -p 22 root@10.0.0.8',
    'mysql -u root -p',
    'mysql -u root -pS3cretDb rocketmap',
    'psql -U rocket -p 5432 -h localhost rocketmap',
    'redis-cli -p 6379 -a Redis!pw1',
    'curl -u bob:Pika!1234 https://example.com/api',
    'sshpass -p Pika!1234 ssh root@10.0.0.8',
    'docker login -u deploybot -p Pika!1234 registry.example.com',
    'scp -P 2222 dump.sql root@10.0.0.8:/tmp',
    "rsync -e 'ssh -p 2222' pool/ root@10.0.0.8:/srv/pool",
    'htpasswd -b /etc/squid/passwords pxuser Xk29fLq1',
    'proxychains4 -q curl -u bob:Pika!1234 http://example.com',
  ])('%j imports no account', async (text) => never(`${text}\n`));

  it("a game tool's own lines stay accounts beside them, a port refused by its line; a password of 6 digits is no port", async () => {
    const got = await readDump(input('usernames.txt', ' -u ashpk01 -p Pika!1234 -u ashpk02 -p 123456\n-u admin -p 8080\n -u ashpk03 -p Zz9!ab12\n'));
    expect(got.format).toBe('pikaptcha');
    expect(got.accounts.map((a) => [a.username, a.password])).toEqual([['ashpk01', 'Pika!1234'], ['ashpk02', '123456'], ['ashpk03', 'Zz9!ab12']]);
    expect(got.rejected).toEqual([expect.objectContaining({ line: 2, reason: expect.stringContaining('port') })]);
    // Under Pikaptcha's e-mail line, a compact `admin:8080` (a service's login and port) was read as an account.
    const compact = await readDump(input('usernames.txt', 'The following accounts use the email address: ash+pk@gmail.com\nashpk01:Pika!1234\nadmin:8080\nashpk02:123456\n'));
    expect(compact.format).toBe('pikaptcha');
    expect(compact.accounts.map((a) => [a.username, a.password])).toEqual([['ashpk01', 'Pika!1234'], ['ashpk02', '123456']]);
    expect(compact.rejected).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('port') })]);
    // RocketMap's own web port (`-P 5000`, pogom/utils.py `-P/--port`) is no password.
    const rm = await readDump(input('start.sh', 'python runserver.py -a ptc -u ashrm01 -p Pika!1234 -P 5000 -l "New York"\n'));
    expect(rm.accounts.map((a) => [a.username, a.password])).toEqual([['ashrm01', 'Pika!1234']]);
  });
});
