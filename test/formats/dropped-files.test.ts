// The wrong files an operator drops into the inbox, each as the tool that wrote it writes it:
// proxy lists, key files, scanners' logs and configs, webhook configs, map data, schemas, chats.
// None holds an account: each is refused (no account enters, the import exits 1) with what it
// looks like, never a password of it in the message; and its lines among real accounts leave
// exactly those accounts. Where a shape once leaked, the comment says what was read.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { DumpError } from '../../src/formats/types.js';
import { fixtureBytes, input } from './helpers.js';

type Dropped = { name: string; text: string; says: RegExp; secrets?: string[] };

const lines = (...l: string[]) => `${l.join('\n')}\n`;

const DROPPED: Dropped[] = [
  // ProxyBroker's `find` output, its Proxy.__repr__ `<Proxy {code} {avg} [{types}] {host}:{port}>`
  // (constverum/ProxyBroker proxybroker/proxy.py). Once said to be "code or data".
  { name: 'proxybroker.txt', text: lines('<Proxy US 0.22s [HTTP: High, HTTPS] 104.236.48.178:8080>', '<Proxy FR 0.31s [SOCKS5] 51.15.45.8:1080>', '<Proxy DE 0.45s [HTTP: Anonymous] 88.198.50.103:3128>'), says: /a proxy list/ },
  // ProxyBroker's `--format default` and the free lists: `host:port` a line.
  { name: 'proxies.txt', text: lines('104.236.48.178:8080', '51.15.45.8:1080', '88.198.50.103:3128'), says: /a proxy list \(3 of 3 lines\)/ },
  // The paid providers' export `ip:port:user:pass` (the layout RocketMap's --proxy-file takes with a
  // scheme, pogom/proxy.py), their `user:pass@ip:port`, and the login first `user:pass:host:port`.
  { name: 'proxies-ip-first.txt', text: lines('185.199.229.156:7492:pkuser01:Prx9x2aB', '185.199.228.220:7300:pkuser01:Prx9x2aB', '188.74.210.207:6286:pkuser02:Hk3mZq77'), says: /a proxy list/, secrets: ['Prx9x2aB', 'Hk3mZq77'] },
  { name: 'proxies-at.txt', text: lines('pkuser01:Prx9x2aB@185.199.229.156:7492', 'pkuser02:Hk3mZq77@188.74.210.207:6286'), says: /a proxy list/, secrets: ['Prx9x2aB', 'Hk3mZq77'] },
  { name: 'proxies-login-first.txt', text: lines('pkuser01:Prx9x2aB:185.199.229.156:7492', 'pkuser02:Hk3mZq77:proxy.example.net:6286'), says: /a proxy list/, secrets: ['Prx9x2aB', 'Hk3mZq77'] },
  // A seller's template line over its proxies: every name a column's (`ip:port:user:pass`, `user:pass@host:port`).
  { name: 'proxies-template.txt', text: lines('ip:port:user:pass', '185.199.229.156:7492:pkuser01:Prx9x2aB', '188.74.210.207:6286:pkuser02:Hk3mZq77'), says: /a proxy list/, secrets: ['Prx9x2aB'] },
  // Socks and HTTP proxy URLs as RocketMap's --proxy and Monocle's PROXIES take them (socks5h: curl's and requests' name for remote DNS).
  { name: 'proxies-urls.txt', text: lines('socks5://127.0.0.1:9050', 'socks5://user7:pw8Xk2@51.15.45.8:1080', 'socks4://88.198.50.103:1080', 'socks5h://10.0.0.2:9150', 'http://proxyuser1:Secr3tPw@104.236.48.178:8080'), says: /a proxy list/, secrets: ['pw8Xk2', 'Secr3tPw'] },
  // IPv6 proxies, bracketed as RFC 3986 3.2.2 writes them with a port; a link-local one with its
  // zone (RFC 4007 11, `ip -6 addr`), once read as the account `fe80` / `1%eth0`; an IPv4-mapped one (RFC 4291 2.5.5.2).
  { name: 'proxies-ipv6.txt', text: lines('[::1]:8080', '[2001:db8::1]:3128', 'fe80::1%eth0', '::ffff:192.168.1.10', 'socks5://[2001:db8::2]:1080'), says: /a proxy list/ },
  // A proxy checker's result table (host:port, country, anonymity, speed).
  { name: 'proxy-check.txt', text: lines('104.236.48.178:8080 | US | elite | 0.22s', '51.15.45.8:1080 | FR | anonymous | 0.31s', '88.198.50.103:3128 | DE | transparent | 1.45s'), says: /no accounts found/ },
  // Bossland's PokeHash keys as RocketMap's -hk / hash-key takes them (RocketMap/RocketMap config/config.ini.example), bare and labelled.
  { name: 'hash-keys.txt', text: lines('A1B2C3D4E5F6G7H8I9J0', 'K9L8M7N6O5P4Q3R2S1T0'), says: /API or hash keys/ },
  { name: 'hash-keys-labelled.txt', text: lines('hash-key: 1A2B3C4D5E6F7G8H9I0J', 'hash-key: 0J9I8H7G6F5E4D3C2B1A'), says: /API or hash keys/ },
  // Google Maps keys (`AIza` and 35 more), RocketMap's gmaps-key.
  { name: 'gmaps-keys.txt', text: lines('AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'AIzaSyB41DRUbKWJHPxaFjMAwdrzWzbVKartNGg'), says: /API or hash keys/ },
  // 2captcha's and anti-captcha's 32-hex keys under the labels the creators give them (RocketMap's captcha-key, PTCAccount2's --2captcha).
  { name: 'captcha-keys.txt', text: lines('2captcha: 1abc234de56fab7c89012d34e5678f90', 'anticaptcha: 9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'captcha-key: 1abc234de56fab7c89012d34e5678f90'), says: /API or hash keys/ },
  // RocketMap's log, Python logging with `%(asctime)s [%(threadName)16s][%(module)14s][%(levelname)8s] %(message)s`
  // (RocketMap/RocketMap runserver.py; PGNumbra and PGScout use the same format): lines naming an account next to other words.
  { name: 'rocketmap.log', text: lines('2017-09-12 14:22:05,123 [   search-worker-0][        search][    INFO] Logging in user123', '2017-09-12 14:22:06,456 [   search-worker-0][        search][ WARNING] Account user123 is banned', '2017-09-12 14:22:07,789 [   search-worker-1][        search][    INFO] Using account pika_scan42 for this scan'), says: /a log file/ },
  { name: 'pgscout.log', text: lines('2017-10-01 10:00:00,000 [      MainThread][       pgscout][    INFO] Account scout01 logged in', '2017-10-01 10:00:03,000 [         scout01][         scout][ WARNING] Account scout01 got banned'), says: /a log file/ },
  // A log whose stamp's bracket is straight before the next (`[12:01:05][worker][INFO]`), once said to be "code or data".
  { name: 'worker.log', text: lines('[12:01:05][worker][INFO] user123 logged in', '[12:01:09][worker][WARNING] user123 is banned.', '[12:02:11][worker][INFO] Removed pika_scan42 from the pool'), says: /a log file/ },
  // MrMime's messages after the login they are about (`user123: Login successful`), once read as
  // the account `user123` / `Login successful` when the file held nothing else.
  { name: 'mrmime.txt', text: lines('user123: Login successful', 'user123: Account is SHADOWBANNED', 'pika_scan42: Login successful'), says: /no accounts found/ },
  // PGPool's own log (codename-art/PGPool pgpool.py logs the same Python format).
  { name: 'pgpool.log', text: lines('2017-09-12 14:22:05,123 [      MainThread][   pgpool][    INFO] Account user123 released by worker-east', '2017-09-12 14:22:05,223 [      MainThread][   pgpool][    INFO] Got 5 accounts for system worker-east'), says: /a log file/ },
  // A checker's statistics table and its bare lines.
  { name: 'checker-stats.txt', text: lines('+---------+-------+', '| Status  | Count |', '+---------+-------+', '| Good    |   123 |', '| Banned  |    12 |', '+---------+-------+', 'Total accounts checked: 138'), says: /a table \(checker statistics\?\)/ },
  { name: 'checker-table.txt', text: lines('Username        | Banned | Level | XP', 'user123         | No     | 30    | 2000000', 'pika_scan42     | Yes    | 12    | 45000'), says: /names its columns .* and none a password/ },
  // PokeAlarm's alarms.json (PokeAlarm/PokeAlarm alarms.json.example: `active`, `type`, `webhook_url`), its bot's `username`.
  { name: 'alarms.json', text: lines('[', '  {', '    "active": "True",', '    "type": "discord",', '    "webhook_url": "https://discordapp.com/api/webhooks/123456789012345678/AbCdEf-GhIjKl_123",', '    "username": "PokeAlarm"', '  },', '  {', '    "active": "False",', '    "type": "telegram",', '    "bot_token": "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",', '    "chat_id": "-100123456789"', '  }', ']'), says: /no accounts found/, secrets: ['AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'] },
  // RocketMap's geofence file (`[Name]` over `lat,lon` lines, RocketMap/RocketMap docs/extras/geofences.md) and bare coordinates.
  { name: 'geofence.txt', text: lines('[Manhattan]', '40.7128,-74.0060', '40.7306,-73.9866', '40.7484,-73.9857', '[Brooklyn]', '40.6782,-73.9442', '40.6500,-73.9496'), says: /a geofence file/ },
  { name: 'coords.txt', text: lines('40.7,-74.0', '40.71,-74.01', '40.72,-73.99'), says: /coordinates/ },
  // A scanner's config.ini without account lines (RocketMap/RocketMap config/config.ini.example keys).
  { name: 'config.ini', text: lines('[Settings]', 'auth-service: ptc', 'location: 40.7128,-74.0060', 'step-limit: 10', 'workers: 4', 'db-type: mysql', 'db-host: 127.0.0.1', 'db-user: rocketmap', 'db-pass: YourPassword1', 'gmaps-key: AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'), says: /a config file/, secrets: ['YourPassword1'] },
  // RocketMap's requirements.txt and a pip freeze.
  { name: 'requirements.txt', text: lines('Flask==0.11.1', 'peewee==2.8.1', 'pgoapi==1.2.0', 'requests>=2.10.0', 'PyMySQL==0.7.5', 'configargparse==0.10.0'), says: /a Python requirements file/ },
  // A `.env` (RealDeviceMap's and the docker setups' `NAME=value`) and `key=value` settings; the
  // numbers once said "statistics".
  { name: 'scanner.env', text: lines('DB_HOST=localhost', 'DB_USER=rdmuser', 'DB_PASSWORD=Secr3tDb9', 'PORT=5000'), says: /a config file/, secrets: ['Secr3tDb9'] },
  { name: 'settings.txt', text: lines('speed_limit=35', 'scan_delay=10', 'max_workers=50', 'proxy=socks5://127.0.0.1:9050', 'user=admin', 'password=admin123'), says: /a config file/, secrets: ['admin123'] },
  // An SQL schema without rows: RocketMap's `account`-like table (PGPool's `account` model names the same columns).
  { name: 'schema.sql', text: lines('CREATE TABLE `account` (', '  `username` varchar(32) NOT NULL,', '  `password` varchar(32) NOT NULL,', '  `level` tinyint(3) unsigned DEFAULT 0,', '  PRIMARY KEY (`username`)', ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;'), says: /no accounts found/ },
  // Discord's user objects (discord.com API: `id`, `username`, `discriminator`, `avatar`), no password anywhere.
  { name: 'discord-users.json', text: lines('[', '  {"id": "80351110224678912", "username": "Nelly", "discriminator": "1337", "avatar": "8342729096ea3675442027381ff50dfe"},', '  {"id": "80351110224678913", "username": "pika42", "discriminator": "0420", "avatar": null}', ']'), says: /no accounts found/ },
  // A shop's newsletter.
  { name: 'newsletter.txt', text: lines('Hello trainers,', '', 'Our December sale starts today: level 30 accounts are 20% off until Sunday.', 'Use code XMAS2026 at checkout.', '', 'Best regards,', 'The Shop Team'), says: /a letter without accounts/ },
  // `email:` lines without passwords, once said to be "a config file".
  { name: 'emails.txt', text: lines('email: ash.ketchum@gmail.com', 'email: misty99@yahoo.com', 'email: brock_rock@outlook.com'), says: /e-mail addresses without passwords/ },
  // Spawn points as RocketMap's /raw_data and spawnpoint dumps give them, as JSON and as a CSV whose
  // header (`spawnpoint_id,latitude,...`, RocketMap/RocketMap pogom/models.py) was once read as an account among accounts.
  { name: 'spawnpoints.json', text: lines('[', ' {"lat": 40.7128, "lng": -74.006, "spawnpoint_id": "89c25a1b4e1", "time": 1234},', ' {"lat": 40.7306, "lng": -73.9866, "spawnpoint_id": "89c25a1b4e3", "time": 2345}', ']'), says: /map data/ },
  { name: 'spawns.csv', text: lines('spawnpoint_id,latitude,longitude,spawn_time', '89c25a1b4e1,40.7128,-74.006,1234', '89c25a1b4e3,40.7306,-73.9866,2345'), says: /map data/ },
  { name: 'gyms.csv', text: lines('gym_id,team_id,guard_pokemon_id,latitude,longitude', 'a1b2c3d4.16,1,149,40.7128,-74.006', 'e5f6a7b8.16,2,131,40.7306,-73.9866'), says: /no accounts found|no reader recognises/ },
  // A proxy server's files (test/fixtures/README.md cites their sources): its htpasswd file, squid.conf
  // and haproxy.cfg, whose logins (`login=pkuser01:Prx9x2aB`, `insecure-password`, `stats auth`) are the proxy's.
  { name: 'squid-passwords', text: fixtureBytes('squid-passwords').toString('utf8'), says: /a password file of hashes/, secrets: ['j9fthgLhWDcbzr9LywOz51'] },
  { name: 'squid.conf', text: fixtureBytes('squid.conf').toString('utf8'), says: /a proxy server's config \(Squid's/, secrets: ['Prx9x2aB'] },
  { name: 'haproxy.cfg', text: fixtureBytes('haproxy.cfg').toString('utf8'), says: /a proxy server's config \(HAProxy's/, secrets: ['Sc4nPw!7', 'Adm1nSt4ts'] },
  // Chat bots' tokens for PokeAlarm's alarms (Telegram's `number:secret` once two accounts).
  { name: 'bot-tokens.txt', text: fixtureBytes('bot-tokens.txt').toString('utf8'), says: /API or hash keys/, secrets: ['AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'] },
];

const ACCOUNTS = Array.from({ length: 8 }, (_, i) => [`trainer${i}x`, `Pw${i}k!zq${i}9`] as const);

describe('files dropped into the inbox that hold no accounts', () => {
  it('are more than thirty, each of another tool or shape', () => {
    expect(new Set(DROPPED.map((d) => d.name)).size).toBeGreaterThanOrEqual(30);
  });

  it.each(DROPPED.map((d) => [d.name, d] as const))('%s is refused, saying what it looks like, no secret of it in the message', async (_name, d) => {
    const r = await readDump(input(d.name, d.text)).catch((e: unknown) => e);
    expect(r).toBeInstanceOf(DumpError);
    const message = (r as DumpError).message;
    expect(message).toMatch(d.says);
    for (const secret of d.secrets ?? []) expect(message).not.toContain(secret);
  });

  // A column's word alone in the password's place is a header's cell (`user123:pwd`); words joined
  // by `-`, `_` or `.` are passwords a seller types (the watcher's toy dump `good01:pw-good` once
  // came out as "column headers without accounts").
  it('a column word alone after a login is refused; such words joined are a password', async () => {
    const r = await readDump(input('joined.txt', lines('good01:pw-good', 'ash02x:good_pass', 'ash03x:secret-key.pw', 'ash04x:pwd', 'ash05x:token')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['good01', 'pw-good'], ['ash02x', 'good_pass'], ['ash03x', 'secret-key.pw']]);
    expect(r.rejected.map((x) => x.line)).toEqual([4, 5]);
  });

  it.each(DROPPED.map((d) => [d.name, d] as const))('two lines of %s among accounts leave exactly the accounts', async (_name, d) => {
    const own = d.text.split('\n').filter((l) => l.trim() !== '');
    for (const sep of [':', ',', ';']) {
      for (let at = 0; at < own.length; at += 2) {
        const row = ([u, p]: readonly [string, string]) => `${u}${sep}${p}`;
        const text = lines(...ACCOUNTS.slice(0, 3).map(row), own[at]!, ...ACCOUNTS.slice(3, 6).map(row), ...(own[at + 1] ? [own[at + 1]!] : []), ...ACCOUNTS.slice(6).map(row));
        const r = await readDump(input('accounts.txt', text));
        expect(r.accounts.map((a) => [a.username, a.password]), `${sep} ${own[at]}`).toEqual(ACCOUNTS.map(([u, p]) => [u, p]));
      }
    }
  });
});
