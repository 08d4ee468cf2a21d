// A proxy server's own config dropped beside its proxy list: Squid's squid.conf (one directive a
// line, its name first: squid-cache/squid `src/cf.data.pre` names them; `acl`, `http_access`,
// `http_port`, `auth_param basic program .../basic_ncsa_auth /etc/squid/passwords` as
// squid-cache/squid-cache.github.io `ConfigExamples/Authenticate/Ncsa.rst` writes it) and HAProxy's
// haproxy.cfg (sections `global`, `defaults`, `frontend NAME`, `backend NAME`, `listen NAME`,
// `userlist NAME` at the line's start, their settings indented under them: haproxy/haproxy
// `doc/configuration.txt` 2.1, 3, 4). Their words made "a message without accounts (a
// newsletter?)"; a userlist's `user admin insecure-password ...` is a login to the proxy, no account.
import { headLines, stripEnd } from '../decode.js';

/** Squid's directives an operator's squid.conf holds (cf.data.pre `NAME:` entries). */
const SQUID = new Set(
  ('acl http_access http_reply_access icp_access htcp_access http_port https_port auth_param cache_peer cache_peer_access ' +
    'cache_dir cache_mem cache coredump_dir refresh_pattern visible_hostname forwarded_for via request_header_access ' +
    'reply_header_access request_header_replace dns_nameservers dns_v4_first tcp_outgoing_address never_direct always_direct ' +
    'access_log cache_log cache_store_log maximum_object_size minimum_object_size maximum_object_size_in_memory hosts_file ' +
    'pid_filename cache_effective_user cache_effective_group shutdown_lifetime follow_x_forwarded_for ssl_bump sslcrtd_program ' +
    'include logformat connect_timeout read_timeout request_timeout client_lifetime max_filedescriptors workers cache_mgr ' +
    'httpd_suppress_version_string negative_ttl memory_pools cache_swap_low cache_swap_high error_directory icp_port htcp_port ' +
    'delay_pools delay_class delay_parameters delay_access url_rewrite_program external_acl_type deny_info cache_replacement_policy').split(' '),
);
/** The directives that make it Squid's and no other program's. */
const SQUID_OWN = /^(?:http_access|http_port|auth_param|cache_peer|refresh_pattern|coredump_dir)\b/;

function isSquidConf(lines: string[]): boolean {
  const known = lines.filter((l) => SQUID.has(l.split(/\s/, 1)[0]!)).length;
  return known >= 3 && lines.some((l) => SQUID_OWN.test(l)) && known * 5 >= lines.length * 4;
}

const HAPROXY_SECTION = /^(?:global|defaults(?:\s+\S+)?|(?:frontend|backend|listen|userlist|peers|resolvers|mailers|cache|program|http-errors|ring)\s+\S+)\s*$/;

/** Every line at the margin a section's, one of them a proxy's (`frontend`, `backend`, `listen`), and settings under them. */
function isHaproxyCfg(raw: string[]): boolean {
  let sections = 0;
  let proxies = 0;
  let settings = 0;
  for (const line of raw) {
    const s = stripEnd(line);
    const t = s.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (/^\s/.test(s)) {
      if (sections === 0) return false;
      settings++;
    } else if (HAPROXY_SECTION.test(t)) {
      sections++;
      if (/^(?:frontend|backend|listen)\s/.test(t)) proxies++;
    } else return false;
  }
  return proxies > 0 && settings > 0;
}

/** "a proxy server's config (...)" when the text is Squid's or HAProxy's, else undefined. */
export function proxyServerConfig(text: string, lines: string[]): string | undefined {
  if (isSquidConf(lines)) return "a proxy server's config (Squid's squid.conf: directives, no account list)";
  if (isHaproxyCfg(headLines(text, 400))) return "a proxy server's config (HAProxy's haproxy.cfg: sections and their settings, no account list)";
  return undefined;
}
