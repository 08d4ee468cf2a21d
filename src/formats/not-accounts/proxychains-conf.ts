// proxychains' own config dropped beside the proxy lists: rofl0r/proxychains-ng
// `src/proxychains.conf` (and proxychains 3's `/etc/proxychains.conf`): its options one a line
// (`strict_chain`, `proxy_dns`, `tcp_read_time_out 15000`, `localnet 127.0.0.0/255.0.0.0`), then
// `[ProxyList]` and one proxy a line, `type host port [user pass]`. The user and pass are the
// proxy's login, never a game account; the file was "no accounts found" without saying what it was.
import { isProxy } from './hosts.js';

/** proxychains-ng's options (src/proxychains.conf and its libproxychains.c reader). */
const OPTION = /^(?:strict_chain|dynamic_chain|random_chain|round_robin_chain|chain_len|quiet_mode|proxy_dns|proxy_dns_old|proxy_dns_daemon|remote_dns_subnet|tcp_read_time_out|tcp_connect_time_out|localnet|dnat)(?:\s|$)/;

/** Whether the lines (comments dropped) are a proxychains.conf: options, `[ProxyList]`, proxies. */
export function isProxychainsConf(lines: string[]): boolean {
  const list = lines.findIndex((l) => /^\[ProxyList\]$/i.test(l));
  if (list < 0) return false;
  return lines.slice(0, list).every((l) => OPTION.test(l)) && lines.slice(list + 1).every(isProxy);
}
