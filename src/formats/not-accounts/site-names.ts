// A host name where the login goes: `club.pokemon.com:Pw1`, `mail.example.org:secret`,
// `ftp.shop.net;admin1` — a password manager's or a site list's line, a server's address, never a
// game account's login. A PTC username is letters and digits alone, 6 to 16 of them (KinanCity's
// `PTC_USENAME_EXPREG = "^[a-zA-Z0-9]{6,16}$"`, drallieiv/KinanCity
// ptc-api/src/main/java/com/kinancity/api/PtcSession.java; sellers' lists add `_` and `-`), and a
// Google login is an address with its `@`. A dotted login is not refused for its dot (`ash.k01`,
// `Trainer.07` stay the list's to judge): only one whose last label is a top-level domain, and
// every label a host name's (RFC 1123: letters, digits, inner hyphens).
import { domainToASCII } from 'node:url';
import { isIp } from './hosts.js';
import { lazily } from '../../lazy-require.js';

/**
 * IANA's root zone, every top-level domain delegated (~1,450: `com`, `uk`, `club`, `shop`,
 * `xn--p1ai`, ...), from the npm package `tlds`, which is regenerated from IANA's list
 * (data.iana.org/TLD/tlds-alpha-by-domain.txt) with each release: a list of ours went stale and
 * missed most of them. Loaded on the first dotted login only (lazy-require.ts): a list with no
 * dot in a login never pays for the 16 KB of JSON.
 */
const ianaTlds = lazily<string[]>('tlds');

/**
 * Names no registry delegates but hosts are called by: the ones reserved for examples and tests
 * (RFC 2606, RFC 6761: `example`, `test`, `invalid`, `localhost`), mDNS's `local` (RFC 6762),
 * Tor's `onion` (RFC 7686), ICANN's private-use `internal` and the LAN names routers give
 * (`lan`, `home`, `corp`, `localdomain`).
 */
const SPECIAL = ['example', 'test', 'invalid', 'localhost', 'local', 'onion', 'internal', 'lan', 'home', 'corp', 'localdomain'];

let tlds: Set<string> | undefined;

/**
 * The package spells IANA's internationalised domains as Unicode (`рф`); a host name in a text
 * file (RFC 1123's letters, digits and hyphens, LABEL below) spells them as DNS does, `xn--p1ai`:
 * both kept.
 */
function allTlds(): Set<string> {
  const set = new Set(SPECIAL);
  for (const t of ianaTlds()) {
    set.add(t);
    if (!/^[a-z0-9-]+$/.test(t)) set.add(domainToASCII(t));
  }
  return set;
}

/** Is `label` (any case) a top-level domain a host name may end in? */
export function isTopLevelDomain(label: string): boolean {
  tlds ??= allTlds();
  return tlds.has(label.toLowerCase());
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * The generic domains of before ICANN's 2013 round. A name of two labels is a host only when it
 * ends in one of these, a country's (two letters, or its `xn--` spelling) or a reserved name:
 * most of the ~1,200 newer ones are English words (`red`, `gold`, `rocks`, `ninja`, `blue`), and
 * `ash.red`, `trainer.gold` are as likely a Google login written without `@gmail.com`, or a
 * seller's dotted name, as a host (stop 47's review: a list of six logins, four of them such, was
 * refused whole). With three labels or more (`shop.pokego.games`) every IANA domain counts.
 */
const BEFORE_2013 = new Set(['com', 'net', 'org', 'info', 'biz', 'edu', 'gov', 'mil', 'int']);

/** May a two-label name ending in `tld` (lower case, a top-level domain) be a host? */
const twoLabelHost = (tld: string) => tld.length === 2 || tld.startsWith('xn--') || BEFORE_2013.has(tld) || SPECIAL.includes(tld);

/** `club.pokemon.com`, `mail.example.org`, `vps1.shop.net`: a host name (no address, no IP) ending in a top-level domain of IANA's root zone (or a reserved one); of two labels only with an older, a country's or a reserved domain (`example.com`, `ash.me`, `router.lan`, never `ash.red`). */
export function isSiteName(login: string): boolean {
  const dot = login.lastIndexOf('.');
  if (dot <= 0 || login.length > 253 || login.includes('@') || !isTopLevelDomain(login.slice(dot + 1)) || isIp(login)) return false;
  const labels = login.split('.');
  if (labels.length === 2 && !twoLabelHost(labels[1]!.toLowerCase())) return false;
  return labels.every((l) => LABEL.test(l));
}
