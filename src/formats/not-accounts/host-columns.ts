// A table whose header names a host and a port beside a login and a password: `IP,Port,Username,
// Password`, `Host;Port;Login;Password`, as proxy sellers and VPS shops deliver their lists and
// as a spreadsheet of proxies is saved. The login and password are the proxy's (or the server's),
// never a game account; read as a list with a header, every proxy became an "account" (the
// Monocle reader took `username`/`password` and left the rest, the list reader made the host a
// login). The header says what the rows are, so the file is refused, naming its columns.
import { contentHead } from '../decode.js';
import { columnKey } from '../lists/columns.js';

/** The cells a host's column is headed with, spelled as columns.ts looks a name up (`columnKey`): made on first use, as its own table is. */
const HOST_WORDS = ['ip', 'ipaddress', 'ipaddr', 'ipv', 'host', 'hostname', 'server', 'serverip', 'proxy', 'proxyip', 'proxyhost', 'proxyaddress', 'proxyserver', 'хост', 'сервер', 'прокси', '主机', '代理', '服务器', 'ホスト', 'サーバー', 'プロキシ', '호스트', '서버', '프록시'];
const PORT_WORDS = ['port', 'proxyport', 'порт', '端口', 'ポート', '포트'];
let words: { host: Set<string>; port: Set<string> } | undefined;

/**
 * "a proxy or server list (a table whose first line names its columns: IP, Port, Username,
 * Password)" when the first content line is such a header: its cells are names, one a port, or
 * the first a host (the table is keyed by its hosts); undefined otherwise. `username,password,proxy`
 * (an account's own proxy after it) is no such table.
 */
export function hostTable(text: string): string | undefined {
  const [first] = contentHead(text.slice(0, 2000), 5);
  if (first === undefined || first.length > 300) return undefined;
  const sep = (['\t', ';', ',', '|'] as const).find((c) => first.includes(c));
  if (!sep) return undefined;
  const cells = first.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1')).filter((c) => c !== '');
  // Names, no digit in them but IPv4's and IPv6's: a row of data is no header.
  if (cells.length < 3 || !cells.every((c) => /^\p{L}[\p{L} _.'’()/#-]{0,29}$/u.test(c.replace(/ipv[46]/gi, 'ip')))) return undefined;
  words ??= { host: new Set(HOST_WORDS.map(columnKey)), port: new Set(PORT_WORDS.map(columnKey)) };
  const { host, port } = words;
  const keys = cells.map(columnKey);
  if (!keys.some((k) => port.has(k)) && !host.has(keys[0]!)) return undefined;
  return `a proxy or server list (a table whose first line names its columns: ${cells.join(', ')}): its logins are the proxies' or the servers', not game accounts`;
}
