// A host name where the login goes: `club.pokemon.com:Pw1`, `mail.example.org:secret`,
// `ftp.shop.net;admin1` — a password manager's or a site list's line, a server's address, never a
// game account's login. A PTC username is letters and digits alone, 6 to 16 of them (KinanCity's
// `PTC_USENAME_EXPREG = "^[a-zA-Z0-9]{6,16}$"`, drallieiv/KinanCity
// ptc-api/src/main/java/com/kinancity/api/PtcSession.java; sellers' lists add `_` and `-`), and a
// Google login is an address with its `@`. A dotted login is not refused for its dot (`ash.k01`,
// `Trainer.07` stay the list's to judge): only one whose last label is a top-level domain, and
// every label a host name's (RFC 1123: letters, digits, inner hyphens).
import { isIp } from './hosts.js';

/**
 * The top-level domains such lists end in: the original generic ones and the common new ones,
 * the names reserved for examples and tests (RFC 2606, RFC 6761) and a LAN's, and the country
 * codes with the most registered names. A label outside it (`ash.ketchum`, `misty.jr`) is no host
 * for certain, and is left to the list.
 */
const TLDS = new Set(
  ('com net org info biz edu gov mil int arpa io co me tv cc ws fm am gg ly to ai app dev xyz online site club pro name mobi tech ' +
    'store shop cloud live life world top icu vip asia eu example test invalid localhost local lan home internal corp onion ' +
    'uk de fr nl ru ua pl it es pt br ar mx ca us au nz jp cn kr tw hk sg in id my th vn ph tr ir il za ng eg ' +
    'ch at be dk se no fi is ie cz sk hu ro bg gr hr si rs lt lv ee by kz su cl pe ve uy').split(' '),
);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** `club.pokemon.com`, `mail.example.org`, `vps1.shop.net`: a host name (no address, no IP) ending in a known top-level domain. */
export function isSiteName(login: string): boolean {
  const dot = login.lastIndexOf('.');
  if (dot <= 0 || login.length > 253 || login.includes('@') || !TLDS.has(login.slice(dot + 1).toLowerCase()) || isIp(login)) return false;
  return login.split('.').every((l) => LABEL.test(l));
}
