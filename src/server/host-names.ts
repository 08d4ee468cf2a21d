// Which names a request may give in its Host header, by where the server listens (DNS rebinding).
//
// A page on evil.example whose name the attacker makes resolve to this host's address (loopback, or
// the LAN address of a `serve --host 0.0.0.0`) is, to the browser, still evil.example: its requests
// go to this server as same-origin ones (no Origin to refuse, `Sec-Fetch-Site: same-origin`), and
// it reads the answers, accounts and passwords. What gives it away is its own name in Host: the
// browser always writes the name of the page's URL there. So a name the attacker can have resolve
// through public DNS must never be accepted from a client without a token. Accepted:
//   - on loopback: localhost, *.localhost, 127.0.0.0/8, ::1 (only this machine reaches it);
//   - elsewhere: any IP literal (a browser writes one only for a page loaded from that very
//     address: this server's own); a name without a dot (a compose service `accountpool`, a LAN
//     host `scanbox`: public DNS holds no such name, ICANN allows no dotless domain); a name under a
//     top-level domain public DNS does not delegate (`.local` mDNS and Kubernetes' `.cluster.local`,
//     `.internal` (ICANN, 2024) as in `host.docker.internal`, `.home.arpa` (RFC 8375), `.lan`,
//     `.localdomain`, `.intranet`, `.corp`, `.home`, `.private`, `.svc`); this machine's own host
//     name; and the names the operator gives (`serve --allow-host`).
// With a token every name is accepted: a page never holds the token (the browser adds none).
// PGPool's clients write in Host what their configured URL holds (Python requests: the URL's host
// and port), so a scanner given `http://192.168.1.5:4242`, `http://accountpool:4242` or
// `http://scanbox.local:4242` is served as before; one given a public DNS name needs --allow-host.
import { isIP } from 'node:net';
import { hostname } from 'node:os';

/** localhost, a name under .localhost (RFC 6761), 127.0.0.0/8 or ::1. */
export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === '[::1]' || name === '::1';
}

/** Top-level domains public DNS does not delegate: no attacker can make a page's name end in one. */
const PRIVATE_TLDS = new Set(['local', 'localhost', 'internal', 'lan', 'localdomain', 'intranet', 'corp', 'home', 'private', 'svc', 'test', 'invalid']);

export interface HostRule {
  /** Whether a request naming `name` (a Host header's host part, lower-case, IPv6 in brackets) is served. */
  accepts(name: string): boolean;
  /** What is accepted, for the refusal and the start-up line. */
  readonly accepted: string;
}

/**
 * A server on loopback: loopback names, and the names the operator gives (`--allow-host`: a reverse
 * proxy on this machine that passes the client's Host on, nginx's `proxy_set_header Host $host`).
 */
export function loopbackHosts(allowed: readonly string[]): HostRule {
  const names = new Set(allowed.map(plainName).filter(Boolean));
  const listed = [...names].slice(0, 5).join(', ');
  return {
    accepts: (name) => isLoopbackName(name) || names.has(plainName(name)),
    accepted: `localhost or a loopback address (this server listens on loopback only)${listed ? `, or ${listed}` : ''}; clients use http://127.0.0.1:PORT or http://localhost:PORT`,
  };
}

/** A server on loopback, no names given. */
export const LOOPBACK_HOSTS: HostRule = loopbackHosts([]);

/** A server with a token: any name (the token keeps pages out). */
export const ANY_HOST: HostRule = { accepts: () => true, accepted: 'any name' };

/** A name as Host carries it, for comparison: lower-case, without a final dot (`scanbox.` is `scanbox`). */
export function plainName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** Whether `name` can only be this machine's or its network's: an IP literal, a dotless name, a name under a private top-level domain. */
export function isPrivateName(name: string): boolean {
  const plain = plainName(name);
  if (isIP(plain.replace(/^\[(.*)\]$/, '$1')) !== 0) return true;
  if (!plain.includes('.')) return plain.length > 0;
  if (plain.endsWith('.home.arpa')) return true;
  return PRIVATE_TLDS.has(plain.slice(plain.lastIndexOf('.') + 1));
}

/** A server reachable from other hosts without a token: private names, `own` (this machine's names) and `allowed` (the operator's). */
export function networkHosts(own: readonly string[], allowed: readonly string[]): HostRule {
  const names = new Set([...own, ...allowed].map(plainName).filter(Boolean));
  const listed = [...names].slice(0, 5).join(', ');
  return {
    accepts: (name) => isLoopbackName(name) || isPrivateName(name) || names.has(plainName(name)),
    accepted: `an IP address, a name without a dot, a name under .local, .internal, .lan or .home.arpa${listed ? `, or ${listed}` : ''}; give others with --allow-host NAME (or a token)`,
  };
}

/** This machine's host name, and its first label when it has a domain (`scanbox.example.org`, `scanbox`). */
export function machineNames(): string[] {
  const name = plainName(hostname());
  return name.includes('.') ? [name, name.slice(0, name.indexOf('.'))] : [name];
}
