// Hosts, ports and proxies: what a proxy list or a scanner's proxy file holds, and what no
// account line does (line-kinds.ts asks these first, as proxy lists split like `user:pass`).

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const HOSTNAME = /^(?:localhost|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})$/i;
const PORT = /^\d{1,5}$/;

/**
 * IPv6 as the proxy tools and `ip addr` print it: groups of hex, perhaps the last 32 bits written
 * as IPv4 (`::ffff:192.168.1.1`, RFC 4291 2.2) and a link-local address's zone after `%`
 * (`fe80::1%eth0`, RFC 4007 11; `%25eth0` inside a URL, RFC 6874).
 */
const IPV6 = /^\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){1,7}(?::(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})?(?:%[\w.-]{1,32})?\]?$/i;

export function isIp(s: string): boolean {
  return IPV4.test(s) || (IPV6.test(s) && (s.match(/:/g)?.length ?? 0) >= 2);
}

export function isHost(s: string): boolean {
  return isIp(s) || HOSTNAME.test(s);
}

/**
 * A machine's own name without a domain (`localhost`, `raspberrypi`, `vps-fra1`): one DNS label
 * (RFC 1123: letters, digits and inner hyphens, at most 63) holding a letter, as hosts files and
 * LANs name machines. Asked only where a port follows the name, never of a field alone.
 */
export function isHostLabel(s: string): boolean {
  return s.length <= 63 && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(s) && /[a-z]/i.test(s);
}

/**
 * A port after a name without a dot that only a proxy listens on: any after `localhost`, 80 and up
 * after another name (`proxybox:3128`). Below 80 it may be a level (`ash01:30:Pass1:mystic`
 * under a `Login:Level:Password:Team` header), so such a line stays the list's to read.
 */
function isLabelProxyPort(name: string, port: string): boolean {
  return isPort(port) && isHostLabel(name) && (name.toLowerCase() === 'localhost' || Number(port) >= 80);
}

export function isPort(s: string): boolean {
  return PORT.test(s) && Number(s) <= 65535;
}

/** proxychains' `[ProxyList]` line: `socks5 127.0.0.1 9050 [user pass]` (its proxychains.conf). */
const PROXYCHAINS = /^(?:socks[45]|https?|raw)[ \t]+(\S+)[ \t]+(\d{1,5})(?:[ \t]+\S+[ \t]+\S+)?$/i;

/** `[user[:pass]@]host:port`, `host:port:user:pass`, `user:pass:host:port`, `host port`, `socks5 host port`: what proxy sellers and scanners' proxy files hold. */
export function isProxy(s: string): boolean {
  const chain = PROXYCHAINS.exec(s);
  if (chain && isHost(chain[1]!) && isPort(chain[2]!)) return true;
  const at = s.lastIndexOf('@');
  const hostPart = at >= 0 ? s.slice(at + 1) : s;
  const hp = /^(\[[^\]]+\]|[^:\s]+)[:\s](\d{1,5})\/?$/.exec(hostPart);
  if (hp && isHost(hp[1]!.replace(/^\[|\]$/g, '')) && isPort(hp[2]!)) return true;
  // `user:pass@localhost:8080`, `user:pass@proxybox:3128`: a machine's name without a dot.
  if (hp && at >= 0 && isLabelProxyPort(hp[1]!, hp[2]!)) return true;
  // `host:port:user:pass`, the host an IP or a name with a dot (`proxy1.example.net:8080:u:p`), or
  // its login after a blank (`host:port user:pass`, `host:port user pass`), an `@` or a `|`
  // (`host:port@user:pass`, `host:port|user:pass`, as proxy tools read them: pypi proxyutils
  // README.md): no username is followed by a port. Checked only where a dot comes before the first `:`.
  const hostPort = /^([\w.-]{3,253}\.[\w-]+):(\d{1,5})(?:[:@|]|[ \t]+\S)/.exec(s);
  if (hostPort !== null && isHost(hostPort[1]!) && isPort(hostPort[2]!)) return true;
  // `localhost:8080:user:pass`, `proxybox:3128:user:pass`: the same with a machine's name without
  // a dot. Looked at only where a digit follows the first `:` (most lines leave here).
  const colon = s.indexOf(':');
  if (colon > 0 && colon <= 63 && s.charCodeAt(colon + 1) >= 48 && s.charCodeAt(colon + 1) <= 57) {
    const named = /^([a-z0-9-]{1,63}):(\d{1,5}):[^\s:@]+:\S/i.exec(s);
    if (named !== null && isLabelProxyPort(named[1]!, named[2]!)) return true;
  }
  // `user:pass:host:port`, as proxy sellers deliver it too: no password ends with a host and a port.
  const tail = /[:@]([\w-]+(?:\.[\w-]+)+):(\d{1,5})$/.exec(s);
  return tail !== null && isHost(tail[1]!) && isPort(tail[2]!);
}
