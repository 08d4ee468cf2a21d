// Nothing that is not an account ever enters the pool: random text of the kinds operators really
// have lying around (URLs, IPs and ports, proxy lists, prose, scanner config lines, code, key
// material, checker statistics, lone e-mail addresses), mixed in any proportion with generated
// accounts, never yields an account that is not one of the generated ones. Also proxies written
// `user:pass:host:port`, IPv6 and MAC addresses, Windows paths, shell prompts, `name:https://...`
// links, `user:md5` hash lists and social handles, each of which once imported as an account; and
// proxychains' `socks5 host port user pass` lines and log lines with a login in them; checkers'
// rows without a password, the pogo tools' log lines and Discord chat copied with the accounts;
// lines of /etc/passwd, /etc/shadow and /etc/group, whose every line once imported as an account; a label
// and digit-less words (`Bob: thanks!`, once an account alone), settings with comments, the account
// creators' progress lines, KinanCity-mail's activation log; a paste's emoji bullets, Markdown
// wrappers and numbering around text, a login with its level and no password, chats copied from
// Skype and WhatsApp, a shop's signature with phone numbers, a chat's sign-off (`Regards, Shop`) and
// Telegram's sender lines, RocketMap rows with a level column; a proxy's login after it, masked
// passwords and notes in a password's place; and tables headed by names with no password column. The reader may
// refuse the file (it is unsure), or read fewer accounts, but it never invents one.
// The config lines are RocketMap's config.ini keys (RocketMap/RocketMap config/config.ini.example,
// pogom/utils.py) and Monocle's config.py names (Noctem/Monocle config.example.py); not its
// `username: [...]` / `password: [...]` pair, which is accounts (rocketmap-config.ts reads them).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { DumpError } from '../../src/formats/types.js';
import { input } from './helpers.js';

const lower = fc.stringMatching(/^[a-z]{3,9}$/);
const digits = fc.stringMatching(/^[0-9]{1,4}$/);
/** Usernames as generators and sellers make them: letters and digits, maybe an underscore. */
const username = fc.oneof(
  fc.tuple(lower, digits).map(([a, b]) => a + b),
  fc.tuple(lower, lower, digits).map(([a, b, c]) => `${a}_${b}${c}`),
  fc.tuple(lower, digits).map(([a, b]) => `${a[0]!.toUpperCase()}${a.slice(1)}${b}`),
);
/** PTC's rule: 6 to 15 characters, a letter and a digit at least. */
const password = fc.stringMatching(/^[A-Za-z0-9!#$%&*+?@^_-]{6,15}$/).filter((p) => /[A-Za-z]/.test(p) && /\d/.test(p));
const account = fc.tuple(username, password);

const octet = fc.integer({ min: 1, max: 254 });
const ip = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const port = fc.integer({ min: 80, max: 65535 }).map(String);
const host = fc.tuple(lower, fc.constantFrom('com', 'net', 'org', 'io', 'de')).map(([a, b]) => `${a}.${b}`);
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`)).filter((s) => /\d/.test(s) && /[a-f]/.test(s));
const word = fc.constantFrom('the', 'accounts', 'are', 'ready', 'thanks', 'for', 'your', 'order', 'please', 'change', 'password', 'new', 'we', 'will', 'send', 'more', 'soon', 'level', 'fresh', 'and', 'hello', 'best', 'regards', 'team');

const nonAccountLine: fc.Arbitrary<string> = fc.oneof(
  // links and proxies
  fc.tuple(host, lower).map(([h, p]) => `https://${h}/${p}`),
  fc.tuple(host, port, lower).map(([h, p, x]) => `http://${h}:${p}/${x}`),
  fc.tuple(host, lower).map(([h, p]) => `www.${h}/${p}`),
  ip,
  fc.tuple(ip, port).map(([a, p]) => `${a}:${p}`),
  fc.tuple(host, port).map(([h, p]) => `${h}:${p}`),
  fc.tuple(account, ip, port).map(([[u, pw], a, p]) => `http://${u}:${pw}@${a}:${p}`),
  fc.tuple(ip, port).map(([a, p]) => `socks5://${a}:${p}`),
  fc.tuple(ip, port, account).map(([a, p, [u, pw]]) => `${a}:${p}:${u}:${pw}`),
  fc.tuple(lower, host, port, account).map(([n, h, p, [u, pw]]) => `${n}1.${h}:${p}:${u}:${pw}`),
  fc.tuple(account, ip, port).map(([[u, pw], a, p]) => `${u}:${pw}@${a}:${p}`),
  fc.tuple(account, fc.oneof(ip, host), port).map(([[u, pw], a, p]) => `${u}:${pw}:${a}:${p}`),
  // IPv6 addresses (a letter first too) and MAC addresses, which split on `:` like accounts
  fc.tuple(hex(4), hex(3), hex(4)).map(([a, b, c]) => `${a}::${b}:${c}`),
  fc.tuple(hex(4), port).map(([a, p]) => `[2001:db8::${a}]:${p}`),
  fc.array(hex(2), { minLength: 6, maxLength: 6 }).map((o) => o.join(':')),
  // prose
  fc.array(word, { minLength: 3, maxLength: 12 }).map((w) => `${w.join(' ')}.`),
  fc.array(word, { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')),
  // RocketMap config.ini and Monocle config.py lines
  fc.tuple(fc.double({ min: -80, max: 80, noNaN: true }), fc.double({ min: -170, max: 170, noNaN: true })).map(([a, b]) => `location: ${a.toFixed(4)},${b.toFixed(4)}`),
  fc.integer({ min: 1, max: 50 }).map((n) => `step-limit: ${n}`),
  fc.integer({ min: 1, max: 200 }).map((n) => `workers: ${n}`),
  fc.constantFrom('auth-service: [ptc, google]', 'auth-service: ptc', 'locale: en', 'db-type: mysql', 'db-name: rocketmap', 'db-user: rocketmap', 'db-host: 127.0.0.1', 'print-status: True', 'no-gyms: False', 'speed-limit: 35.5', 'accountcsv: accounts.csv', 'status-name: worker-east', 'encounter-whitelist: [143, 149, 201]', '[Monocle]', 'SPEED_LIMIT = 19.5', 'MAP_START = (40.7376, -73.9853)', "PROVIDER = 'ptc'", "ACCOUNTS_CSV = 'accounts.csv'", 'export ACCOUNTPOOL_DIR=/srv/pool', '--hash-key ABCDEF1234567890'),
  fc.tuple(lower, lower).map(([a, b]) => `db-pass: ${a}${b}`),
  hex(20).map((k) => `hash-key: ${k.toUpperCase()}`),
  fc.stringMatching(/^[A-Za-z0-9_-]{35}$/).map((k) => `gmaps-key: AIza${k}`),
  // code and data
  fc.tuple(lower, lower).map(([k, v]) => `'${k}': '${v}',`),
  fc.tuple(lower, lower).map(([k, v]) => `"${k}": "${v}",`),
  fc.constantFrom('{', '}', '[', '],', 'False,', 'None,', 'def main():', 'import sys', 'return True', 'print("done")', "x = {'a': 1}", '    pass', '#!/usr/bin/env python3'),
  fc.tuple(account).map(([[u, p]]) => `"${u}","${p}",`),
  fc.tuple(account).map(([[u, p]]) => `["${u}", "${p}"],`),
  fc.tuple(account).map(([[u, p]]) => `api.set_authentication(provider='ptc', username='${u}', password='${p}')`),
  // paths, terminals pasted into notes, config links
  fc.tuple(fc.constantFrom('C', 'D'), lower, lower).map(([d, a, b]) => `${d}:\\Users\\${a}\\${b}.txt`),
  fc.tuple(lower, lower).map(([u, h]) => `${u}@${h}1:~# python runserver.py -st 5`),
  fc.tuple(lower, host, lower).map(([n, h, p]) => `${n}1:https://${h}/${p}2`),
  // a row of a wide table without its header (PGPool's `mysql -B -N`: 31 columns): no account's rest
  fc.tuple(username, password, fc.array(fc.oneof(digits, lower, fc.constant('NULL')), { minLength: 15, maxLength: 30 }), fc.constantFrom('\t', ',', ';')).map(([u, p, rest, sep]) => [u, p, ...rest].join(sep)),
  // Monocle's config.py (Noctem/Monocle config.example.py): settings, tuples of numbers and of
  // proxies, an empty ACCOUNTS list, a pair that is no account (2 values, which Monocle refuses)
  fc.tuple(fc.constantFrom('GRID', 'MAP_START', 'SCAN_DELAY', 'ALT_RANGE'), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 })).map(([k, a, b]) => `${k} = (${a}, ${b})  # row, column`),
  fc.tuple(ip, port).map(([a, p]) => `PROXIES = ('socks5://${a}:${p}',`),
  fc.tuple(ip, port, lower).map(([a, p, c]) => `    ('socks5://${a}:${p}', '/usr/local/var/run/tor/${c}', 'ptc'),`),
  fc.tuple(lower, lower).map(([k, v]) => `('${k}', '${v}'),`),
  fc.constantFrom('ACCOUNTS = []', 'EXTRA_ACCOUNTS = []', 'for account in ALL_ACCOUNTS:', '        ACCOUNTS.append(account)', "GOOGLE_MAPS_KEY = 's3cr3t'", "#PASS = 'pik4chu'", "#PROVIDER = 'ptc'", '# (username, password, provider, iPhone, iOS, device_id)'),
  // key material
  fc.tuple(username, hex(32)).map(([u, k]) => `${u}:${k}`),
  hex(32),
  hex(40),
  fc.stringMatching(/^[A-Za-z0-9+/]{43}=$/).filter((s) => /\d/.test(s) && /[A-Za-z]/.test(s)),
  fc.stringMatching(/^[A-Za-z0-9_-]{35}$/).map((k) => `AIza${k}`),
  fc.constantFrom('-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----'),
  fc.stringMatching(/^[A-Za-z0-9+/]{60}$/).map((k) => `ssh-rsa AAAA${k} root@scanner`),
  // checker statistics
  fc.tuple(fc.constantFrom('Good', 'Banned', 'Blind', 'Captcha', 'Errors', 'Total accounts checked'), fc.integer({ min: 0, max: 9999 })).map(([l, n]) => `${l}: ${n}`),
  fc.tuple(fc.constantFrom('Good', 'Banned', 'Blind'), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 })).map(([l, n, p]) => `${l}: ${n} (${p}.5%)`),
  fc.tuple(fc.constantFrom('Good', 'Banned', 'Blind'), fc.integer({ min: 0, max: 999 })).map(([l, n]) => `| ${l.padEnd(8)} | ${String(n).padStart(5)} |`),
  fc.constant('+----------+-------+'),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('Level 30 PTC', 'Level 25 PTC'), fc.integer({ min: 1, max: 99 })).map(([n, p, c]) => `${n},${p},${c}.99`),
  // checker verdicts, logs, map points, database settings
  fc.tuple(username, fc.constantFrom('banned', 'good', 'blind', 'captcha', 'ok')).map(([u, v]) => `${u} ${v}`),
  fc.tuple(fc.integer({ min: 1, max: 28 }), username).map(([d, u]) => `2017-10-${String(d).padStart(2, '0')} 18:03:12,${u},login ok`),
  fc.tuple(lower, fc.double({ min: -80, max: 80, noNaN: true }), fc.double({ min: -170, max: 170, noNaN: true })).map(([n, a, b]) => `${n}1,${a.toFixed(4)},${b.toFixed(4)}`),
  fc.tuple(lower, password).map(([u, p]) => `{"username": "${u}", "password": "${p}", "host": "localhost", "database": "pgpool"}`),
  hex(20).map((k) => `${k.toUpperCase()},2018-01-01`),
  // proxychains.conf's [ProxyList] lines (`type host port [user pass]`)
  fc.tuple(fc.constantFrom('socks5', 'socks4', 'http'), ip, port).map(([t, a, p]) => `${t} ${a} ${p}`),
  fc.tuple(ip, port, account).map(([a, p, [u, pw]]) => `socks5 ${a} ${p} ${u} ${pw}`),
  // a proxy server's own files: its htpasswd lines (crypt(5) and `{SHA}` hashes: Squid's basic_ncsa_auth,
  // squid-cache/squid-cache.github.io ConfigExamples/Authenticate/Ncsa.rst), squid.conf directives and
  // haproxy.cfg settings (haproxy/haproxy doc/configuration.txt)
  fc.tuple(username, fc.stringMatching(/^[./0-9A-Za-z]{8}$/), fc.stringMatching(/^[./0-9A-Za-z]{22}$/), fc.constantFrom('$apr1$', '$1$')).map(([u, salt, h, id]) => `${u}:${id}${salt}$${h}`),
  fc.tuple(username, fc.stringMatching(/^[./0-9A-Za-z]{53}$/)).map(([u, h]) => `${u}:$2y$10$${h}`),
  fc.tuple(username, fc.stringMatching(/^[./0-9A-Za-z]{16}$/), fc.stringMatching(/^[./0-9A-Za-z]{86}$/)).map(([u, salt, h]) => `${u}:$6$${salt}$${h}`),
  fc.tuple(username, fc.stringMatching(/^[A-Za-z0-9+/]{27}$/)).map(([u, h]) => `${u}:{SHA}${h}=`),
  fc.tuple(ip, port, account).map(([a, p, [u, pw]]) => `cache_peer ${a} parent ${p} 0 no-query default login=${u}:${pw}`),
  fc.constantFrom('http_port 3128', 'acl auth proxy_auth REQUIRED', 'http_access allow auth', 'auth_param basic program /usr/lib/squid/basic_ncsa_auth /etc/squid/passwords', 'never_direct allow all', 'forwarded_for delete', 'frontend proxy_in', 'backend proxies', '    balance roundrobin', '    bind *:8080'),
  fc.tuple(fc.integer({ min: 1, max: 9 }), ip, port).map(([n, a, p]) => `    server p${n} ${a}:${p} check`),
  fc.tuple(lower, password).map(([u, pw]) => `    user ${u} insecure-password ${pw}`),
  fc.tuple(account).map(([[u, pw]]) => `    stats auth ${u}:${pw}`),
  // a checker's count of failed logins under a password's label, and a login with its level and no password
  fc.tuple(fc.constantFrom('Wrong', 'Invalid', 'Incorrect', 'Bad'), fc.constantFrom('password', 'Password', 'pass'), fc.integer({ min: 0, max: 9999 })).map(([a, l, n]) => `${a} ${l}: ${n}`),
  fc.tuple(username, fc.constantFrom('lvl', 'Lvl', 'lv', 'Lv.', 'level', 'Level'), fc.integer({ min: 1, max: 40 })).map(([u, w, n]) => `${u} ${w} ${n}`),
  // chat bots' tokens, as PokeAlarm's alarms take them (bot-tokens.ts): Telegram's `number:secret`, Discord's three parts
  fc.tuple(fc.integer({ min: 100000000, max: 9999999999 }), fc.stringMatching(/^[A-Za-z0-9_-]{33}$/)).map(([n, k]) => `${n}:AA${k}`),
  fc.tuple(fc.stringMatching(/^[1-9][0-9]{17}$/), fc.stringMatching(/^[A-Za-z0-9_-]{6}$/), fc.stringMatching(/^[A-Za-z0-9_-]{27}$/)).map(([id, t, h]) => `${Buffer.from(id).toString('base64url')}.${t}.${h}`),
  // log lines: Python's logging as RocketMap prints it, KinanCity's logback pattern, a bracketed stamp
  fc.tuple(fc.integer({ min: 0, max: 23 }), username).map(([h, u]) => `2017-09-12 ${String(h).padStart(2, '0')}:22:05,123 [search-worker-0][search][INFO] Setting user: ${u}`),
  fc.tuple(username, password).map(([u, p]) => `09-12 14:22:05 [Kinan City] Create account : AccountData [username=${u}, password=${p}]`),
  username.map((u) => `[2017-08-01 12:00:00] [PokemonGoBot] [INFO] Login successful for ${u}`),
  // what the pogo tools log around their accounts: PGPool's importer (codename-art/PGPool
  // pgpool-import.py), PGNumbra's closing counts (shadowcheck.py log_results), PTCAccount's failure
  // line (jepayne1138/PTCAccount ptcaccount/console.py)
  username.map((u) => `2017-09-12 14:22:05,123 [      MainThread][ pgpool-import][    INFO] Added new account ${u} to pool. Set to level 30.`),
  fc.tuple(fc.constantFrom('GOOD', 'BLIND', 'CAPTCHA', 'BANNED', 'ERROR'), fc.integer({ min: 0, max: 999 })).map(([k, n]) => `2017-09-12 14:22:05,123 [      MainThread][   shadowcheck][    INFO] ${k.padEnd(7)}: ${n}`),
  fc.constantFrom('Failed to create account! Username already in use.', 'Invalid password: Password must be between 6 and 15 characters.'),
  // checkers' rows without a password: PGNumbra's accounts-info.txt, node-check-account's
  // output.csv, a result line naming only the login
  fc.tuple(username, fc.constantFrom('Yes', 'No', ''), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 9999999 })).map(([u, b, l, xp]) => `${u.padEnd(15)} | ${b.padEnd(4)} | No  | ${b.padEnd(4)} | No      | ${b.padEnd(5)} | ${String(l).padStart(3)} | ${String(xp).padStart(8)} |    120 |   210 |   118 |   302 | 41.2 km   `),
  fc.tuple(username, fc.array(fc.constantFrom('true', 'false', 'undefined'), { minLength: 4, maxLength: 4 })).map(([u, f]) => `${u},${f.join(',')}`),
  fc.constant('username,banned,warn,store,iap'),
  fc.tuple(username, fc.integer({ min: 1, max: 40 }), fc.constantFrom('True', 'False')).map(([u, l, b]) => `${u} | Level: ${l} | Banned: ${b}`),
  // Discord chat copied with the accounts: a message's header, old-style `[time] name: text`,
  // mentions, invites, emoji
  fc.tuple(lower, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 10, max: 59 })).map(([n, h, m]) => `${n[0]!.toUpperCase()}${n.slice(1)}Shop — Today at ${h}:${m} PM`),
  fc.tuple(lower, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 10, max: 59 }), fc.array(word, { minLength: 1, maxLength: 6 })).map(([n, h, m, w]) => `[${h}:${m} PM] ${n}: ${w.join(' ')}`),
  fc.tuple(username, fc.array(word, { minLength: 1, maxLength: 6 })).map(([u, w]) => `@${u} ${w.join(' ')}`),
  // (a login with digits and a sentence after `: ` is a chat line)
  fc.tuple(username, fc.array(word, { minLength: 3, maxLength: 8 }), fc.constantFrom('.', '!', '?')).map(([u, w, end]) => `${u}: ${w.join(' ')}${end}`),
  fc.tuple(lower, fc.integer({ min: 1000, max: 9999 }), fc.array(word, { minLength: 1, maxLength: 6 })).map(([n, t, w]) => `${n}#${t}: ${w.join(' ')}!`),
  fc.tuple(lower, digits).map(([a, b]) => `discord.gg/${a}${b}`),
  fc.tuple(fc.stringMatching(/^[1-9][0-9]{17}$/), fc.array(word, { minLength: 1, maxLength: 4 })).map(([id, w]) => `<@${id}> ${w.join(' ')}`),
  fc.constantFrom(':thumbsup:', ':ok_hand:', ':fire: :fire:', '(edited)'),
  // a label and digit-less words, the lone lines of a note or a chat (`name: thanks!`, `Bob: enjoy the accounts`)
  fc.tuple(fc.constantFrom('name', 'Bob', 'Note', 'PS', 'Re', 'Hi', 'Ash', 'Seller', 'Support', 'Reminder'), fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '!', '.', '!!')).map(([l, w, end]) => `${l}: ${w.join(' ')}${end}`),
  // a sentence, `: `, then what is no account alone (a server and its port, a time, a link, a price): never read as a lead-in's account (lead-in-account.ts)
  fc.tuple(fc.array(word, { minLength: 2, maxLength: 5 }), fc.oneof(fc.tuple(host, port).map(([h, p]) => `${h}:${p}`), fc.tuple(ip, port).map(([a, p]) => `${a}:${p}`), fc.constantFrom('14:30', '9:05 pm', 'https://shop.example/faq', '$4.99', '10:1'))).map(([w, t]) => `${w.join(' ')}: ${t}`),
  // ConfigArgParse settings with their comments, as PGScout's config.ini keeps them (tomballgithub/PGScout-1 config.ini.sample)
  fc.tuple(fc.constantFrom('max-queued-jobs', 'max-job-ttl', 'shadowban-threshold', 'pgpool-num-accounts', 'pgpool-system-id', 'low-prio-file', 'accounts-file', 'proxies-file'), fc.oneof(digits, lower), fc.array(word, { minLength: 2, maxLength: 8 })).map(([k, v, w]) => `${k}: ${v}   # ${w.join(' ')}.`),
  // what the Python creators print around the accounts they make (sriyegna/Pikaptcha pikaptcha/console.py,
  // accountcreator.py, gmailv.py): attempts name a login and password that may never have been made
  fc.tuple(username, password).map(([u, p]) => `Attempting to create user ${u}:${p}. Opening browser...`),
  username.map((u) => `Failed to create user: ${u}`),
  username.map((u) => `User '${u}' is already in use.`),
  fc.integer({ min: 1, max: 500 }).map((n) => `Making account #${n}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 })).map(([a, b]) => `Your 2captcha balance is: ${a}.${b}`),
  hex(20).map((k) => `Verified email and trashing Email with key: ${k}`),
  fc.tuple(lower, host).map(([a, h]) => `Logged in to: ${a}@${h}`),
  // PalletTown's console around its attempts (parislarkins/PalletTown AccountCreator.java, GUI.java):
  // the block printed before an attempt, a failure, the script's debug copy of its lines
  fc.tuple(fc.constantFrom('Username', 'Password'), password).map(([l, v]) => `[14:20:01]   ${l}: ${v}`),
  fc.integer({ min: 1, max: 500 }).map((n) => `[14:24:02] Account ${n} failed`),
  fc.tuple(fc.integer({ min: 0, max: 9 }), username, password).map(([w, u, p]) => `[Worker ${w}]: Attempting to create user ${u}:${p}. Opening browser...`),
  fc.tuple(fc.integer({ min: 0, max: 9 }), username, password).map(([w, u, p]) => `[14:22:47]     [DEBUG]:[Worker ${w}]: Account ${u}:${p} successfully created.`),
  // Monocle's scripts/print_levels.py: `username - level`, `username - unknown`
  fc.tuple(username, fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), fc.constant('unknown'))).map(([u, l]) => `${u} - ${l}`),
  // (Kitryn/PTCAccount2 ptcaccount2/accounts.py, console.py)
  fc.constantFrom('[Captcha Handler] Please enter the captcha in the browser window...', 'Captcha was not entered within 600 seconds.', 'Appended to file accounts.txt', 'Summary of accounts created:', 'Creating new account(s):'),
  // KinanCity-mail's links.log (drallieiv/KinanCity KinanCity-mail FileLogger.java: `link;email;status`, later `TYPE;link;email;status`)
  fc.tuple(fc.constantFrom('', 'ACTIVATION;'), hex(32), username, host, fc.constantFrom('OK', 'DONE', 'BAD', 'THROTTLED', 'ERROR')).map(([t, k, u, h, st]) => `${t}https://club.pokemon.com/us/pokemon-trainer-club/activated/${k};${u}@${h};${st}`),
  // what a Discord, Reddit or forum paste puts around text (line-marks.ts): emoji bullets, Markdown
  // bold, spoilers and code, fences, a check mark after a line; numbering and labels without an account
  fc.tuple(fc.constantFrom('✅', '➡️', '🔹', '•', '1️⃣', '#1', '[2]', '(3)', '**', '||', '`', '~~'), fc.array(word, { minLength: 1, maxLength: 6 })).map(([m, w]) =>
    ['**', '||', '`', '~~'].includes(m) ? `${m}${w.join(' ')}${m}` : `${m} ${w.join(' ')}`,
  ),
  fc.tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ✅', ' ❌', ' :fire:', ' 🔥🔥')).map(([w, m]) => `${w.join(' ')}${m}`),
  fc.constantFrom('```', '```txt', '**:fire: PTC STOCK - Level 30 - $3 each :fire:**', '➡️ DM me for more ⬅️', '~~SOLD OUT~~'),
  fc.tuple(fc.constantFrom('Account', 'Acc', 'Account #', 'PTC Account'), fc.integer({ min: 1, max: 99 }), fc.constantFrom(':', ' -', ')', ' ='), fc.array(word, { minLength: 1, maxLength: 4 })).map(([l, n, m, w]) => `${l}${l.endsWith('#') ? '' : ' '}${n}${m} ${w.join(' ')}`),
  // a login and its level without a password, in the ways sellers note a level (level-suffix.ts)
  fc.tuple(username, fc.integer({ min: 1, max: 40 }), fc.constantFrom('(N)', '[N]', '- N', '| N', 'Nlvl', '(N lvl)', '<N>')).map(([u, l, f]) => `${u} ${f.replace('N', String(l))}`),
  // chats copied from Skype and WhatsApp (email-quotes.ts): a time stamp and a sender before each message
  fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 10, max: 23 }), lower, fc.array(word, { minLength: 1, maxLength: 6 })).map(([d, h, n, w]) => `[${d}.11.2017 ${h}:02:11] ${n}: ${w.join(' ')}`),
  fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 10, max: 23 }), lower, fc.array(word, { minLength: 1, maxLength: 6 })).map(([d, h, n, w]) => `${d}/11/2017, ${h}:02 - ${n}: ${w.join(' ')}`),
  fc.tuple(fc.integer({ min: 10, max: 23 }), lower, ip, port).map(([h, n, a, p]) => `[${h}:02:11] ${n}: ${a}:${p}`),
  // a shop's signature: phone and fax numbers, Skype names, a web address
  fc.tuple(fc.constantFrom('Tel:', 'Phone:', 'Mobile:', 'Fax:', 'Call/WhatsApp', 'Call us:', 'WhatsApp:'), fc.constantFrom('+1 (555) 013-4477', '+44 7700 900123', '0176 12345678', '(030) 9018-2199', '+49 30 901820', '1-800-555-0199')).map(([l, n]) => `${l} ${n}`),
  fc.tuple(lower, digits).map(([a, b]) => `Skype: live:${a}${b}`),
  fc.tuple(fc.constantFrom('Web:', 'Site:', 'Shop:'), host).map(([l, h]) => `${l} www.${h}`),
  fc.tuple(lower, host).map(([n, h]) => `${n[0]!.toUpperCase()}${n.slice(1)} Ltd. - https://${h} - Discord: ${n}#4410`),
  // proxy lists in every scheme and order the proxy tools read (pypi proxyutils 0.1.0 README.md:
  // `ip:port@user:pass`, `ip:port|user:pass`, `scheme://user:pass:ip:port` for http, https, socks4,
  // socks4a, socks5, socks5h, a host in the ip's place; clarketm/proxy-list's `ip:port CC-A-S! +`),
  // and the requests-style dictionaries and settings a scanner's config keeps them in
  fc
    .tuple(fc.constantFrom('http', 'https', 'socks4', 'socks4a', 'socks5', 'socks5h'), account, fc.oneof(ip, host), port, fc.constantFrom(0, 1, 2, 3, 4, 5, 6))
    .map(([s, [u, pw], a, p, f]) => [`${s}://${u}:${pw}:${a}:${p}`, `${s}://${u}:${pw}@${a}:${p}`, `${a}:${p}|${u}:${pw}`, `${a}:${p}@${u}:${pw}`, `${s}://${a}:${p}:${u}:${pw}`, `${pw}:${u}@${a}:${p}`, `${p}:${a}:${u}:${pw}`][f]!),
  fc.tuple(fc.constantFrom('http', 'https', 'socks4', 'socks4a', 'socks5h'), fc.oneof(ip, host), port).map(([s, a, p]) => `${s}://${a}:${p}`),
  fc.tuple(ip, port, fc.constantFrom('US', 'DE', 'AR', 'RU'), fc.constantFrom('N', 'A', 'H'), fc.constantFrom('', '-S', '!', '-S!'), fc.constantFrom('+', '-')).map(([a, p, c, an, t, g]) => `${a}:${p} ${c}-${an}${t} ${g}`),
  fc.tuple(account, ip, port).map(([[u, pw], a, p]) => `{"http": "http://${u}:${pw}@${a}:${p}", "https": "http://${u}:${pw}@${a}:${p}"}`),
  fc.tuple(account, ip, port, fc.constantFrom('"proxy": ', "'proxy': ", 'proxy = ', 'PROXY=', 'proxy: ')).map(([[u, pw], a, p, k]) => `${k}${k.includes('"') ? '"' : k.includes("'") ? "'" : ''}socks5://${u}:${pw}@${a}:${p}${k.includes('"') ? '",' : k.includes("'") ? "'," : ''}`),
  // checkers' running statistics, as bulk checkers print them (`Checked: 120/500 | Hits: 12 | Bad: 90 | CPM: 1200`)
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9999 }), fc.constantFrom(' | ', ' - ', ', ', '  '))
    .map(([c, h, b, cpm, s]) => [`Checked: ${c}/${c + h + b}`, `Hits: ${h}`, `Bad: ${b}`, `CPM: ${cpm}`].join(s)),
  fc.tuple(fc.constantFrom('Hits', 'Free', 'Custom', 'Retries', 'Errors', 'Remaining', 'Proxies', 'Threads', 'Progress'), fc.integer({ min: 0, max: 9999 }), fc.constantFrom('', '%', ' accounts')).map(([l, n, u]) => `${l}: ${n}${u}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `Elapsed: ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`),
  // a combo checker's tagged lines that hold no account (checker-tags.ts): a progress or result tag before a login alone,
  // a count or a message; the debug line naming the login before the page it got (jrewv/ptc-capturer `capturer.py`)
  fc.tuple(fc.constantFrom('[CHECKING]', '[TRYING]', '[HIT]', '[FAIL]', '[2FA]', '[CAPTCHA]', '[RATE LIMITED]', '[ERROR]', '[BLOCKED] CAPTCHA detected for', '[DEBUG] Response for'), username, fc.constantFrom('', ':', ' - network_error', ' → timeout')).map(([t, u, e]) => `${t} ${u}${e}`),
  fc.tuple(fc.constantFrom('[CHECKING]', '[INFO]', '[ERROR]', '[HIT]', '[CAPTCHA]', '[RATE LIMITED]'), fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '...', ': 3', ' - giving up', ': timeout')).map(([t, w, e]) => `${t} ${w.join(' ')}${e}`),
  // API and hash keys as settings and flags write them: a scanner's hash key (`hash-key`, `-hk`),
  // 2captcha's 32-hex key (`captcha-key`, Pikaptcha's `-ck`), a key after `=` or in quotes
  fc.tuple(fc.constantFrom('hash-key', 'hash_key', 'hashkey', 'HASH_KEY', 'captcha-key', 'captcha_key', '2captcha', 'api_key', 'apikey', 'API_KEY', 'token', 'key'), fc.constantFrom(':', ': ', '=', ' = ', ' '), fc.oneof(hex(16).map((k) => k.toUpperCase()), hex(32), fc.stringMatching(/^[A-Za-z0-9]{20}$/).filter((k) => /\d/.test(k) && /[A-Za-z]/.test(k)))).map(([k, s, v]) => `${k}${s}${v}`),
  fc.tuple(fc.constantFrom('-hk', '--hash-key', '-ck', '--captcha-key', '--gmaps-key'), hex(16)).map(([f, k]) => `python runserver.py ${f} ${k.toUpperCase()}`),
  fc.tuple(fc.constantFrom('hash_key', 'captcha_key', 'api_key', 'token', 'db_pass', 'password'), password).map(([k, v]) => `"${k}": "${v}",`),
  // other programs' command lines whose `-u`/`-p` are no game's login: a port, a URL, a database's user, a proxy's
  // and a database's options beside a scanner's (rocketmap-command.ts reads a tool's only with a ptc/google provider)
  fc.tuple(fc.constantFrom('python server.py', 'node app.js', 'POGOBan.exe', 'java -jar proxy.jar', './start.sh'), username, port, host).map(([prog, u, p, h]) => `${prog} -u ${u} -p ${p} -l http://${h}:${p}`),
  fc.tuple(fc.constantFrom('node app.js', 'python bot.py', 'mono Tool.exe'), port, host, lower).map(([prog, p, h, x]) => `${prog} -p ${p} -u http://${h}/${x} -a all`),
  fc.tuple(username, lower).map(([u, db]) => `mysql -u ${u} -p ${db} < dump.sql`),
  fc.tuple(account, host).map(([[u, pw], h]) => `curl -u ${u}:${pw} https://${h}/api`),
  // options alone or a game tool's line whose `-p` is a port (tool-options.ts: no PTC password is 5 digits or
  // fewer), and the ssh/database/registry/proxy tools' own lines (issue 14 rule 4)
  fc.tuple(fc.constantFrom('', '-a ptc ', ' ', 'python runserver.py -a ptc ', 'POGOBan.exe -t PTC '), username, fc.integer({ min: 1, max: 65535 }), fc.constantFrom('', ' -h db.local', ' --host 10.0.0.8')).map(([lead, u, p, tail]) => `${lead}-u ${u} -p ${p}${tail}`),
  fc.tuple(account, ip, port, host, fc.integer({ min: 0, max: 9 })).map(([[u, pw], a, p, h, f]) => [`ssh -p ${p} ${u}@${a}`, `mysql -u ${u} -p${pw} ${h}`, `psql -U ${u} -p ${p} -h ${h}`, `redis-cli -h ${a} -p ${p} -a ${pw}`, `sshpass -p ${pw} ssh ${u}@${a}`, `docker login -u ${u} -p ${pw} ${h}`, `scp -P ${p} dump.sql ${u}@${a}:/tmp`, `rsync -e 'ssh -p ${p}' pool/ ${u}@${a}:/srv`, `htpasswd -b /etc/squid/passwords ${u} ${pw}`, `proxychains4 -q curl -u ${u}:${pw} http://${h}`][f]!),
  fc.tuple(account, ip, port, hex(16)).map(([[u, pw], a, p, k]) => `python runserver.py --proxy http://${u}:${pw}@${a}:${p} --db-pass ${pw} -hk ${k.toUpperCase()} -pk 5`),
  fc.tuple(fc.constantFrom('hash_key', 'captcha_key', 'api_key', 'token', 'db_pass'), password).map(([k, v]) => `${k}: "${v}"`),
  // JSON and Python config around accounts' settings: nested objects, lists of strings, dict lines
  fc.tuple(lower, fc.oneof(digits, fc.constantFrom('true', 'false', 'null'))).map(([k, v]) => `  "${k}": ${v},`),
  fc.tuple(lower, fc.array(lower, { minLength: 1, maxLength: 3 })).map(([k, v]) => `"${k}": [${v.map((x) => `"${x}"`).join(', ')}],`),
  fc.tuple(lower, lower).map(([k, v]) => `${k.toUpperCase()} = {'${v}': True}`),
  fc.tuple(lower, lower, digits).map(([a, b, n]) => `${a}.${b}(${n})`),
  fc.constantFrom('"accounts": [', '"proxies": [],', 'ACCOUNTS = [', ']', '}', '},', '{ }', '"settings": {', 'if __name__ == "__main__":', 'try:', 'except Exception as e:'),
  // e-mail addresses alone
  fc.tuple(lower, host).map(([a, h]) => `${a}@${h}`),
  // a proxy's login after it (`host:port user:pass`), and a password a shop's page hides or a note in its place (placeholder-passwords.ts)
  fc.tuple(fc.oneof(ip, host), port, account, fc.constantFrom(':', ' ')).map(([a, p, [u, pw], sep]) => `${a}:${p} ${u}${sep}${pw}`),
  fc.tuple(username, fc.constantFrom('********', '••••••••', '●●●●●●', '******')).map(([u, m]) => `${u}:${m}`),
  fc.constantFrom('Password: ********', 'Password: (the one you chose at checkout)', 'Password: see attachment', 'Pass: hidden', 'Password: [sent by SMS]'),
  // a login to a host at its address, as ssh and server lists write it (`root:toor@192.168.1.10`)
  fc.tuple(account, ip).map(([[u, pw], a]) => `${u}:${pw}@${a}`),
  // the same with a service's port, in the orders server lists, ssh/RDP "combos" and URLs write
  // it (host-logins.ts), and THC-Hydra's and Medusa's finds (thc-hydra hydra-mod.c)
  fc
    .tuple(account, fc.oneof(ip, host), fc.constantFrom('22', '2222', '21', '23', '3389', '5900', '3306'), fc.constantFrom(0, 1, 2, 3, 4, 5, 6))
    .map(([[u, pw], a, p, f]) => [`${u}:${pw}@${a}:${p}`, `${a}:${p}:${u}:${pw}`, `${a}:${p}@${u}:${pw}`, `${a};${p};${u};${pw}`, `ssh://${u}:${pw}@${a}:${p}`, `[${p}][ssh] host: ${a}   login: ${u}   password: ${pw}`, `ACCOUNT FOUND: [ssh] Host: ${a} User: ${u} Password: ${pw} [SUCCESS]`][f]!),
  fc.tuple(account, ip, fc.constantFrom(':', ';', '|', ' ')).map(([[u, pw], a, sep]) => `${a}${sep}${u}${sep}${pw}`),
  fc.tuple(account, ip).map(([[u, pw], a]) => `${u}@${a}:${pw}`),
  // column names without a password column, in the scripts sellers head lists with (`ID<TAB>レベル`)
  fc.constantFrom('ID\tレベル', 'ID,Email', 'No\tID\tレベル\tステータス', '아이디\t레벨', 'Логин;Уровень;Статус', 'ID\t等级\t状态'),
  // the machine's own account files, as passwd(5), shadow(5), group(5) and gshadow(5) lay them out
  fc.tuple(fc.oneof(lower, username), fc.integer({ min: 0, max: 65534 }), lower).map(([u, id, g]) => `${u}:x:${id}:${id}:${g}:/home/${u}:/bin/bash`),
  fc.tuple(fc.oneof(lower, username), fc.constantFrom('*', '!', '!*', '$6$'), password, fc.integer({ min: 0, max: 20999 })).map(([u, lock, pw, d]) => `${u}:${lock === '$6$' ? `$6$${pw}$${pw}` : lock}:${d}:0:99999:7:::`),
  fc.tuple(lower, fc.integer({ min: 0, max: 65534 }), fc.array(username, { maxLength: 3 })).map(([g, id, members]) => `${g}:x:${id}:${members.join(',')}`),
  fc.tuple(lower, fc.array(username, { maxLength: 3 })).map(([g, members]) => `${g}:!*::${members.join(',')}`),
  // what the hand-typed separators must not split (tight-separator.ts, spaced-separator.ts): paths,
  // a PEM key's base64 body, dates, settings with ` = `, prose with arrows
  fc.tuple(lower, username, lower).map(([d, u, f]) => `${d}/${u}/${f}.txt`),
  fc.tuple(lower, lower, username).map(([a, b, u]) => `src_${a}/${b}/${u}`),
  fc.stringMatching(/^[A-Za-z0-9+/]{64}$/).filter((s) => s.includes('/') && /\d/.test(s)),
  fc.tuple(fc.integer({ min: 2016, max: 2018 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}/${m}/${d}`),
  fc.tuple(fc.constantFrom('SPEED_LIMIT', 'SCAN_DELAY', 'GRID_SIZE', 'MAX_WORKERS'), fc.integer({ min: 1, max: 99 })).map(([k, n]) => `${k} = ${n}`),
  fc.tuple(fc.constantFrom('GOOGLE_MAPS_KEY', 'HASH_KEY', 'DB_PASS'), password).map(([k, p]) => `${k} = '${p}'`),
  fc.tuple(lower, fc.integer({ min: 1, max: 999 })).map(([k, n]) => `${k}1 = ${n}`),
  fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom(' -> ', ' => ', ' >> ', '->', ' = '), fc.array(word, { minLength: 1, maxLength: 3 })).map(([a, m, b]) => `${a.join(' ')}${m}${b.join(' ')}`),
  // headings per level, forum tags alone or around a title, a counter or a year after a login
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('Level N:', '=== Level N ===', '[Lvl N]', '**N lvl accounts**', 'Level N')).map(([n, f]) => f.replace('N', String(n))),
  // the same headings in the other languages sellers wrote them in (level-words.ts)
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('Úroveň', 'Seviye', 'Cấp', 'Tingkat', 'Poziom', 'Уровень', '레벨', 'เลเวล', 'المستوى', 'רמה'), fc.constantFrom('W N', '=== W N ===', '[W N]', 'W N:')).map(([n, w, f]) => f.replace('W', w).replace('N', String(n))),
  // an account with a level glued to its password (glued-level.ts): where the password ends is unsure, never read either way
  fc
    .tuple(account, fc.integer({ min: 1, max: 40 }), fc.constantFrom('(N)', '[N]', '{N}', '<N>', '(N+)', '(lvlN)', '[Lv.N]', '{lvlN}', '-LN', '_lvlN', '|LN', '(Seviye N)', '（N）'), fc.constantFrom(':', ';', ',', '\t', ' '))
    .filter(([, , g, sep]) => !(sep === ' ' && g.includes(' ')))
    .map(([[u, pw], n, g, sep]) => `${u}${sep}${pw}${g.replace('N', String(n))}`),
  fc.constantFrom('[code]', '[/code]', '[spoiler=Stock]', '[/spoiler]', '[quote]', '[/quote]', '[b]PTC accounts for sale[/b]', '[list]', '[/list:u]', '[*]', '<pre>', '</code></pre>'),
  // a table drawn for a terminal (box-tables.ts): its rules, a header row of names, a row holding a bar inside a cell
  fc.constantFrom('┌────────┬──────────┐', '├────────┼──────────┤', '╚════════╩══════════╝', '+--------+----------+', '│ user   │ pass     │', '║ login  ║ password ║'),
  fc.tuple(username, lower, password).map(([u, w, p]) => `│ ${u} │ ${w}│${p} │ 30 │`),
  // a signature under the list (signature-block.ts): the delimiter, a name, a handle
  fc.tuple(lower, fc.constantFrom('-- ', '--')).map(([n, d]) => `${d}\n${n[0]!.toUpperCase()}${n.slice(1)}\nTelegram: @${n}shop`),
  // settings lines `name=value` (equals-lines.ts)
  fc.tuple(lower, fc.oneof(lower, digits)).map(([k, v]) => `${k}=${v}`),
  fc.tuple(username, fc.integer({ min: 1, max: 40 })).map(([u, n]) => `${u}/${n}`),
  fc.tuple(username, fc.constantFrom('banned', 'OK', '30', 'lvl30', 'temp banned')).map(([u, t]) => `${u} ${t}`),
  // a chat's sign-off and replies (`Regards, Shop`), Telegram Desktop's sender line (chat-senders.ts),
  // a login with two slashes after it (tight-separator.ts)
  fc.tuple(word, word).map(([a, b]) => `${a[0]!.toUpperCase()}${a.slice(1)}, ${b}`),
  fc.tuple(lower, fc.integer({ min: 10, max: 23 })).map(([n, h]) => `${n[0]!.toUpperCase()}${n.slice(1)}, [14.11.17 ${h}:02]`),
  fc.tuple(username, lower, password).map(([u, w, p]) => `${u}/${w}/${p}`),
  // a seller's social handles (`twitter:@pokemongo`, `Instagram: @shop`, `Discord: Shop#1234`), with digits as handles have them
  fc
    .tuple(
      fc.constantFrom('twitter', 'Twitter', 'instagram', 'Instagram', 'IG', 'insta', 'Discord', 'telegram', 'TG', 'Snapchat', 'reddit', 'YouTube', 'Contact', 'Follow us on Instagram', 'DM me'),
      fc.constantFrom(':', ': ', ' ', ' - ', ';', ','),
      fc.oneof(username.map((u) => `@${u}`), fc.tuple(lower, fc.integer({ min: 1000, max: 9999 })).map(([u, n]) => `${u}#${n}`)),
    )
    .map(([name, sep, handle]) => `${name}${sep}${handle}`),
  // (stop 45, dropped-files.test.ts) a table's snake_case column names (RocketMap/RocketMap pogom/models.py:
  // `spawnpoint_id,latitude,longitude,disappear_time`), once `spawnpoint_id` / `latitude,...` among accounts (three
  // cells or more: `aaa_id,aaa_id` may be a digit-less login and password)
  fc.tuple(fc.array(fc.tuple(lower, fc.constantFrom('id', 'time', 'name', 'at', 'expiration')).map(([a, b]) => `${a}_${b}`), { minLength: 2, maxLength: 4 }), fc.array(fc.constantFrom('latitude', 'longitude', 'lat', 'lng', 'level', 'enabled'), { minLength: 1, maxLength: 3 }), fc.constantFrom(',', ';', '\t')).map(([a, b, sep]) => [...a, ...b].join(sep)),
  // IPv6 with a zone (RFC 4007 11) or IPv4 in its last bits (RFC 4291 2.2), once `fe80` / `1%eth0`
  fc.tuple(hex(4), fc.constantFrom('eth0', 'wlan0', 'en0', '25eth0', '3')).map(([a, z]) => `fe80::${a}%${z}`),
  ip.map((a) => `::ffff:${a}`),
  // a link's scheme cut at its `:` (`http:...`, `socks5:...`), a machine's own name, a bracketed IPv6 proxy in a password's place
  fc.tuple(fc.constantFrom('http', 'https', 'socks5', 'socks4', 'ftp', 'mailto', 'ssh'), password).map(([sc, p]) => `${sc}:${p}`),
  fc.tuple(password, username, port).map(([p, u, n]) => [`localhost:${p}`, `${u}:localhost`, `${u}:localhost:${n}`, `${u}:[::1]:${n}`][Number(n) % 4]!),
  // ProxyBroker's `find` output (constverum/ProxyBroker proxybroker/proxy.py Proxy.__repr__)
  fc.tuple(fc.constantFrom('US', 'DE', 'FR'), fc.integer({ min: 1, max: 99 }), fc.constantFrom('HTTP: High', 'HTTP: Anonymous, HTTPS', 'SOCKS5'), ip, port).map(([c, t, k, a, p]) => `<Proxy ${c} 0.${t}s [${k}] ${a}:${p}>`),
  // a proxy list's template line (`ip:port:user:pass`, `user:pass@host:port`)
  fc.constantFrom('ip:port:user:pass', 'user:pass@ip:port', 'username:password@host:port', 'host:port:username:password', 'ip:port'),
  // a login in a scanner's log with its verdict or message, no password (`user123 (banned)`, `user123 is banned`, `user123: Login successful`)
  fc.tuple(username, fc.constantFrom('(banned)', '[captcha]', '(good)', 'is banned', 'was banned', 'has captcha', 'got banned')).map(([u, v]) => `${u} ${v}`),
  fc.tuple(username, fc.constantFrom('Login successful', 'Account is SHADOWBANNED', 'Login failed', 'Account banned')).map(([u, m]) => `${u}: ${m}`),
  fc.tuple(fc.integer({ min: 10, max: 23 }), username).map(([h, u]) => `[${h}:01:05][worker][INFO] ${u} logged in`),
  // a column's or a secret's name in a password's place (`user123:pwd`), an address under its label, a setting's number after `=`
  fc.tuple(username, fc.constantFrom('pwd', 'passwd', 'secret', 'token', 'username', 'email')).map(([u, w]) => `${u}:${w}`),
  fc.tuple(fc.constantFrom('email', 'Email', 'mail', 'E-mail'), lower, host).map(([l, a, h]) => `${l}: ${a}@${h}`),
  fc.tuple(fc.constantFrom('speed_limit', 'scan_delay', 'max_workers', 'PORT'), fc.integer({ min: 1, max: 9999 })).map(([k, n]) => `${k}=${n}`),
  // a package's pinned version in a password's place (`pgoapi:1.2.0`)
  fc.tuple(username, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([u, a, b, c]) => `${u}:${a}.${b}.${c}`),
);

/**
 * How a seller typed an account line: the list's separator, or one typed by hand (`user----pass`,
 * `user => pass`, `user/pass`, `|user|pass|`, a quoted line), perhaps with a level, a status or a
 * counter after a blank (line-tail.ts, line-counters.ts). Any of these gives the same account.
 */
const shape = fc.constantFrom<(u: string, p: string, sep: string, k: number) => string>(
  (u, p, sep) => `${u}${sep}${p}`,
  (u, p) => `${u}----${p}`,
  (u, p) => `${u} => ${p}`,
  (u, p) => `${u} -> ${p}`,
  (u, p) => `${u}->${p}`,
  (u, p) => `${u}/${p}`,
  (u, p) => `|${u}|${p}|`,
  (u, p, sep) => `"${u}${sep}${p}"`,
  (u, p, sep) => `${u}${sep}${p} 30`,
  (u, p, sep) => `${u}${sep}${p} banned`,
  (u, p, sep, k) => `${u}${sep}${p} (${k + 1})`,
  // a level noted after a blank in another language (level-words.ts)
  (u, p, sep) => `${u}${sep}${p} - Seviye 30`,
  (u, p, sep) => `${u}${sep}${p} (Úroveň 29)`,
  (u, p, sep) => `${u}${sep}${p} | 레벨 31`,
  // RocketMap's row with a seller's columns after the password (rocketmap-columns.ts)
  (u, p) => `ptc,${u},${p},30`,
  (u, p) => `ptc,${u},${p},${u}@mail.example,27,banned`,
  (u, p) => `ptc,${u},${p},${u}@mail.example,28`,
);

/** A dump: generated accounts as `user<sep>pass` lines, mixed with other lines in any proportion. */
const dump = fc
  .tuple(fc.array(account, { minLength: 0, maxLength: 15 }), fc.array(nonAccountLine, { minLength: 1, maxLength: 30 }), fc.constantFrom(':', ';', ','), fc.infiniteStream(fc.boolean()), shape)
  .map(([accounts, noise, sep, coin, write]) => {
    const lines: string[] = [];
    const a = accounts.map(([u, p], k) => write(u, p, sep, k));
    let i = 0;
    let j = 0;
    for (const next = coin[Symbol.iterator](); i < a.length || j < noise.length; ) {
      if (j >= noise.length || (i < a.length && next.next().value)) lines.push(a[i++]!);
      else lines.push(noise[j++]!);
    }
    return { accounts, text: `${lines.join('\n')}\n` };
  });

describe('non-account text', () => {
  it('mixed in any proportion with accounts, never yields an account that is not one of them', async () => {
    await fc.assert(
      fc.asyncProperty(dump, fc.constantFrom('dump.txt', 'order.eml.txt', 'accounts.csv', 'failed.txt'), async ({ accounts, text }, name) => {
        const generated = new Set(accounts.map(([u, p]) => `${u}\n${p}`));
        const result = await readDump(input(name, text)).catch((error: unknown) => {
          if (error instanceof DumpError) return undefined; // refused: it was unsure, or found nothing
          throw error;
        });
        for (const a of result?.accounts ?? []) expect(generated, `${a.username} from line ${a.line} of\n${text}`).toContain(`${a.username}\n${a.password}`);
      }),
      { numRuns: Number(process.env.RUNS ?? 400) },
    );
  });

  it('a table under a header of names with a login and no password (`Username,Team,Note`), under a greeting or not, never yields an account', async () => {
    // Column names as sellers and checkers head their tables: known ones (columns.ts) and words no reader knows.
    // (One unknown name beside the login is a label and its value, `Username | kanto_ash`: two at least, or known ones.)
    const known = fc.constantFrom('Team', 'Note', 'Notes', 'Country', 'Level', 'Status', 'Email', 'Created', 'Region', 'Bemerkung');
    const other = fc.oneof(fc.uniqueArray(known, { minLength: 1, maxLength: 4 }), fc.uniqueArray(fc.constantFrom('Team', 'Note', 'Comment', 'Kommentar', 'Remark', 'Buyer', 'Country', 'Status'), { minLength: 2, maxLength: 4 }));
    const cell = fc.oneof(word, fc.array(word, { minLength: 2, maxLength: 3 }).map((w) => w.join(' ')), digits, fc.constant(''), password, fc.tuple(lower, host).map(([a, h]) => `${a}@${h}`));
    const table = fc
      .tuple(fc.constantFrom('Username', 'Login', 'Account', 'User', 'Benutzername', 'Usuario'), other, fc.constantFrom(',', ';', '\t', ' | '), fc.array(username, { minLength: 2, maxLength: 12 }), fc.boolean(), fc.infiniteStream(cell))
      .map(([login, names, sep, users, greeting, cells]) => {
        const it = cells[Symbol.iterator]();
        const rows = users.map((u) => [u, ...names.map(() => it.next().value as string)].join(sep));
        return `${greeting ? 'Hi, here is the list of your order.\n\n' : ''}${[login, ...names].join(sep)}\n${rows.join('\n')}\n`;
      });
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('teams.csv', 'order.txt'), async (text, name) => {
        const result = await readDump(input(name, text)).catch((error: unknown) => {
          if (error instanceof DumpError) return undefined;
          throw error;
        });
        expect(result?.accounts ?? [], text).toEqual([]);
      }),
      { numRuns: Number(process.env.RUNS ?? 200) },
    );
  });

  it('a file of nothing but such text is refused, saying what it looks like', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nonAccountLine, { minLength: 1, maxLength: 30 }), async (lines) => {
        await expect(readDump(input('dump.txt', `${lines.join('\n')}\n`))).rejects.toThrow(DumpError);
      }),
      { numRuns: 200 },
    );
  });
});
