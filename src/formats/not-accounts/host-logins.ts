// Logins to machines, not game accounts: what server and VPS lists, "combo" lists for ssh or RDP,
// and password scanners' results hold. Split on a `:` they look like `user:pass` or like a proxy
// (`root:toor@10.0.0.5:22` has a host and a port after its `@`), so each is named for what it is
// (line-kinds.ts asks this before the proxy rules) and never imported.
import { isTeam } from '../tools/checker-fields.js';
import { isHost, isHostLabel, isIp, isPort } from './hosts.js';

/**
 * The ports of services a login opens, and no proxy listens on: ftp 21, ssh 22 and 2222, telnet
 * 23 and 2323, mail (25, 110, 143, 465, 587, 993, 995), smb 139 and 445, databases (1433, 1521,
 * 3306, 5432, 6379, 27017), rdp 3389, vnc 5900/5901, WinRM 5985/5986, MikroTik's Winbox 8291.
 * A proxy's port is any other (3128, 8080, 1080, 10000+...): proxies stay proxies (hosts.ts).
 */
const SERVICE_PORTS = new Set([21, 22, 23, 25, 110, 139, 143, 445, 465, 587, 993, 995, 1433, 1521, 2222, 2323, 3306, 3389, 5432, 5900, 5901, 5985, 5986, 6379, 8291, 27017]);

function isServicePort(p: string): boolean {
  return isPort(p) && SERVICE_PORTS.has(Number(p));
}

/** A scheme that names a login service, not a proxy or a web page (`ssh://root:toor@host:22`). */
const SERVICE_URL = /^(?:ssh|sftp|ftps?|telnet|rdp|vnc|smb|mysql|postgres(?:ql)?|mongodb|redis|imaps?|pop3s?|smtps?):\/\/[^\s/@]+@/i;

/**
 * THC-Hydra's finds, `[22][ssh] host: 10.0.0.5   login: root   password: toor` (thc-hydra
 * `hydra-mod.c` `hydra_report_found_host`; `[22][ssh] login: ...` without the host), and Medusa's
 * `ACCOUNT FOUND: [ssh] Host: 10.0.0.5 User: root Password: toor [SUCCESS]`.
 */
const SCANNER_FIND = /^(?:\[\d{1,5}\]\[[\w-]+\]\s+(?:host:\s+\S+\s+)?login:\s+\S+\s+password:|ACCOUNT FOUND:\s+\[[\w-]+\]\s+Host:\s+\S+\s+User:)/i;

/**
 * `user:pass@host:22`, `host:22:user:pass`, `host:22@user:pass`, `host:22;user;pass`,
 * `host:22 user pass` (a service port, above), `localhost:22:user:pass` and another name without
 * a dot, `10.0.0.5:user:pass`, `10.0.0.5;user;pass`,
 * `10.0.0.5 user pass` (an IP where no login starts, no port: no proxy), `root@10.0.0.5:toor`
 * (ssh's `user@host` and the password), a service URL, a scanner's find.
 */
export function isHostLogin(s: string): boolean {
  // Cheap looks first: this runs for every line that leaves line-kinds.ts's fast road (e-mail logins, `@` in passwords).
  const c0 = s.charCodeAt(0);
  if ((c0 === 91 || c0 === 65) && SCANNER_FIND.test(s)) return true;
  if (s.includes('://')) return SERVICE_URL.test(s);
  // An address first: `10.0.0.5:22:root:toor`, `10.0.0.5|root|toor`, `vps1.example.net:22@root:toor`.
  const end = firstFieldEnd(s);
  if (end > 0 && end < s.length && s.lastIndexOf('.', end) > 0) {
    const host = s.slice(0, end);
    if (isHost(host)) {
      const rest = s.slice(end + 1);
      const port = /^(\d{1,5})[:;,|@\s]\S/.exec(rest);
      if (port ? isServicePort(port[1]!) : isIp(host) && /^[^\s:;,|]+[:;,|\s]\S+$/.test(rest)) return true;
    }
  }
  // `localhost:22:root:toor`, `raspberrypi:22:pi:raspberry`, `vps-fra1:2222@admin:pw`: a
  // machine's own name, no dot (hosts.ts `isHostLabel`), at a service's port, then a login.
  if (end > 0 && s.charCodeAt(end) === 58 && isDigit(s.charCodeAt(end + 1)) && isLabelLogin(s.slice(0, end), s.slice(end + 1))) return true;
  const at = s.lastIndexOf('@');
  if (at <= 0) return false;
  // `root:toor@10.0.0.5:22`, `admin:pw@vps1.example.net:2222`, `root:toor@localhost:22`,
  // `admin:pw@nas:5900`: a login at a service's port.
  if (isDigit(s.charCodeAt(s.length - 1))) {
    const hostPort = /^([^\s:@]+|\[[^\]]+\]):(\d{1,5})$/.exec(s.slice(at + 1));
    if (hostPort && (isHost(hostPort[1]!.replace(/^\[|\]$/g, '')) || isHostLabel(hostPort[1]!))) return isServicePort(hostPort[2]!);
  }
  // `root@10.0.0.5:toor`: ssh's `user@host`, then the password. A name's host could be a mail
  // domain (`ash@mail.example:pass` is a Google login), an IP's never is.
  const first = s.indexOf('@');
  if (!isDigit(s.charCodeAt(first + 1))) return false;
  const sshForm = /^[^\s:@]+@([^\s:@]+):\S/.exec(s);
  return sshForm !== null && isIp(sshForm[1]!);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** An e-mail address alone: the fourth field of a `user:level:pass:mail` row, never a host's password (nor is a team). */
const EMAIL = /^[^\s@:]+@[^\s@:]+\.[a-z]{2,}$/i;

/**
 * `NAME:PORT:user:pass` (or `NAME:PORT@user:pass`) after a name without a dot: a login when the
 * port is a service's. The ports below 40 among them (ftp 21, ssh 22, telnet 23, smtp 25) are
 * levels too: `ash01:22:Pass1:ash@mail.example` under a `Login:Level:Password:Email` header is an
 * account, so a row whose last field is an e-mail address or a team stays the list's to read.
 */
function isLabelLogin(name: string, rest: string): boolean {
  const m = /^(\d{1,5})[:@]([^\s:@]+):(\S+)$/.exec(rest);
  if (!m || !isServicePort(m[1]!) || !isHostLabel(name)) return false;
  return Number(m[1]) > 40 || !(EMAIL.test(m[3]!) || isTeam(m[3]!));
}

/** Where the first field ends: the first `:` `;` `,` `|` `@` or blank; -1 when none. */
function firstFieldEnd(s: string): number {
  for (let i = 0; i < s.length && i < 260; i++) {
    const c = s.charCodeAt(i);
    if (c === 58 || c === 59 || c === 44 || c === 124 || c === 64 || c === 32 || c === 9) return i;
  }
  return -1;
}
