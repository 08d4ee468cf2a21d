// Whole files that sit next to the dumps in a scanner operator's folders and hold no account,
// recognised by their shape so the refusal says what the file is: a crontab, pip's
// requirements.txt (requirements-files.ts), proxychains.conf, PokeAlarm's config.ini, a list of
// device ids, a geofence or route (RocketMap `pogom/geofence.py`: `[name]` lines and
// `lat,lon` lines), a script of docker commands, RocketMap's spawn point dump (`-ss FILE --dump-spawnpoints`: a JSON list of
// `{"lat", "lng", "time", "spawnpoint_id"}`), a nests or gyms table, a docker-compose file, a Kubernetes manifest,
// pikapy's `pokemaparguments.txt` (`-u` arguments, no password), Monocle's `scan.log`, a proxy
// server's htpasswd file (password-hashes.ts) and its squid.conf or haproxy.cfg (proxy-server-configs.ts). A
// file recognised here is never read as accounts by the generic list readers (choose.ts), even
// where some of its lines split like `user:pass`.
import { headLines, stripEnd } from '../decode.js';
import { isHtpasswdLine, isPgbouncerUserlist, isPoolPasswd } from './password-hashes.js';
import { proxyServerConfig } from './proxy-server-configs.js';
import { isProxychainsConf } from './proxychains-conf.js';
import { isPokeAlarmConfig } from './pokealarm-config.js';
import { isDeviceIdList } from './device-ids.js';
import { isRequirements } from './requirements-files.js';
import { isKubernetesManifest } from './kubernetes-manifests.js';

/** The first lines with content, trimmed; `#` comments dropped where the format has them. */
function contentLines(text: string, comments: boolean): string[] {
  const lines: string[] = [];
  for (const raw of headLines(text, 400)) {
    const s = stripEnd(raw).trim();
    if (s === '' || (comments && s.startsWith('#'))) continue;
    lines.push(s);
  }
  return lines;
}

/** cron(5): five time fields (digits, `*`, `/`, `-`, `,`, month and day names) or an `@` nickname, then the command. */
const CRON_LINE = /^(?:@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)|(?:[\d*][\d*/,-]*\s+){2}(?:[\d*][\d*/,-]*|[\d*A-Za-z][\w*/,-]*)\s+(?:[\d*A-Za-z][\w*/,-]*\s+){2})\s*\S/;
/** A crontab's variable lines (`SHELL=/bin/bash`, `MAILTO=""`). */
const CRON_VARIABLE = /^[A-Z_][A-Z0-9_]*\s*=/;

function isCrontab(lines: string[]): boolean {
  const jobs = lines.filter((l) => CRON_LINE.test(l)).length;
  return jobs > 0 && lines.every((l) => CRON_LINE.test(l) || CRON_VARIABLE.test(l));
}

const FENCE_NAME = /^\[[^\]]+\]$/;
const COORDINATES = /^-?\d{1,2}\.\d+\s*[,;\s]\s*-?\d{1,3}\.\d+$/;

/**
 * The corners RocketMap's own `geofences/geofences.txt.example` and `forbidden.txt.example` write
 * in place of coordinates (`lat11, lng11`, then `...` for more): a template, never `user,pass` lines.
 */
const TEMPLATE_POINT = /^lat\d*\s*,\s*(?:lng|lon)\d*$/i;
const MORE = /^(?:\.{3}|\u2026)$/;

function coordinatesFile(lines: string[]): string | undefined {
  let points = 0;
  let template = false;
  for (const l of lines) {
    if (COORDINATES.test(l)) points++;
    else if (TEMPLATE_POINT.test(l)) {
      points++;
      template = true;
    }
    else if (!FENCE_NAME.test(l) && !MORE.test(l)) return undefined;
  }
  if (points < 2 || (template && !lines.some((l) => FENCE_NAME.test(l)))) return undefined;
  return points < lines.length ? 'a geofence file (area names and their coordinates)' : 'a list of coordinates (map points, a route or a geofence)';
}

const COORDINATE_KEYS = new Set(['lat', 'lng', 'lon', 'latitude', 'longitude', 'coordinates', 'geometry', 'location']);
const SECRET_KEY = /pass|pwd|secret/i;

/** The objects a JSON map dump lists: the document's own list, or the lists an object holds. */
function listedObjects(value: unknown): Record<string, unknown>[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(value)) return value.filter(isObject);
  if (!isObject(value)) return [];
  return Object.values(value).flatMap((v) => (Array.isArray(v) ? v.filter(isObject) : []));
}

function isMapJson(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '[' && start !== '{') return false;
  // Parse only what names a coordinate early on: a large JSON dump of accounts is parsed once, by its reader.
  if (!/"(?:lat|lng|lon|latitude|longitude|coordinates|geometry|location)"\s*:/i.test(text.slice(0, 4000))) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const objects = listedObjects(value);
  if (objects.length === 0) return false;
  const places = objects.filter((o) => {
    const keys = Object.keys(o);
    return keys.some((k) => COORDINATE_KEYS.has(k.toLowerCase())) && !keys.some((k) => SECRET_KEY.test(k));
  }).length;
  return places * 5 >= objects.length * 4;
}

/** A table whose header names a latitude and a longitude and no password: nests, gyms, spawn points. */
function isMapTable(lines: string[]): boolean {
  const header = lines[0];
  if (!header || lines.length < 2) return false;
  const names = header.split(/[,;\t]/).map((n) => n.trim().replace(/^"|"$/g, '').toLowerCase());
  return names.length >= 3 && names.some((n) => n === 'lat' || n === 'latitude') && names.some((n) => ['lon', 'lng', 'long', 'longitude'].includes(n)) && !names.some((n) => SECRET_KEY.test(n));
}

/**
 * pikapy's `pokemaparguments.txt` (Lutmak/pikapy `pikapy/console.py`: `" -u " + username`
 * appended for each account made, no line break): PokemonGo-Map's `-u` arguments, with no `-p`.
 */
function isUsernameArguments(text: string): boolean {
  if (!/^\s*(?:-u\s|--username[\s=])/.test(text.slice(0, 100))) return false;
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 100_000) return false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (/^--username=[^-]/.test(word)) continue;
    if ((word !== '-u' && word !== '--username') || !/^[^-]/.test(words[i + 1] ?? '-')) return false;
    i++;
  }
  return true;
}

/**
 * Python's logging with the time and level in brackets, as Monocle's `scan.log` has it (Noctem/Monocle
 * `scan.py` `configure_logger`: `[{asctime}][{levelname:>8s}][{name}] {message}`, `%Y-%m-%d %X`):
 * usernames in the messages, never a password. The level in brackets sets it apart from a chat
 * copied from Skype (`[14.11.2017 19:02:11] Name: ...`), which may hold a delivery.
 */
const BRACKET_LOG = /^\[\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?\]\[\s*(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\s*\]/;

function isBracketLog(lines: string[]): boolean {
  return lines.length > 0 && lines.filter((l) => BRACKET_LOG.test(l)).length * 5 >= lines.length * 4;
}

/**
 * A checker's console output kept in a file (`python captCharmander.py > log.txt`): what it says
 * of each account as it tries it, by username alone, never its password (andriantsoa/CaptCharmander
 * `captCharmander.py`: `Trying to login with {}`, `{} is fine.`, `{} is banned`, `{} has captcha,
 * solving...`, `Captcha is solved for {}`, `Cannot login with {}, trying again`, `{} failed to
 * login`, between `Loop number {} of {}`, `Waiting ...` and `Sleep for {} seconds`). The lines
 * are the same words about one name each, so some split like `user pass` (`NAME is banned`); a
 * line with `user:pass` in it (a checker's result list) is no such line.
 */
const CHECKER_SAYS = /^(?:(?:trying to|cannot|could not|can't|unable to) log ?in (?:with|as|to) [^\s:;,|]+(?:,|$)|[^\s:;,|]+ (?:is (?:fine|ok|good|clean|banned|blind|blinded|shadow ?banned|warned|not banned)|has (?:a )?captcha|failed to log ?in|logged in)|captcha (?:is )?solved for [^\s:;,|]+$|loop number \d+ of \d+|sleep(?:ing)? for \d+ seconds?|waiting\b)/i;

function isCheckerConsole(lines: string[]): boolean {
  const said = lines.filter((l) => CHECKER_SAYS.test(l)).length;
  return said >= 3 && said * 5 >= lines.length * 4;
}

function isDockerCompose(text: string): boolean {
  return /^services:\s*$/m.test(text) && (/^version:\s*['"]?\d/m.test(text) || /^\s+image:\s*\S/m.test(text));
}

/** A docker command: `docker run`, `docker pull`, `docker-compose up` (sudo before it or not). */
const DOCKER_LINE = /^(?:sudo\s+)?docker(?:-compose)?\s+[a-z]/;

/**
 * A script of docker commands alone, each line one or a continuation of one (`\` of sh, `^` of
 * cmd.exe): its lines are options, variables and images (`owner/image:tag`, which splits like
 * `user:pass`), never an account list. One holding a scanner's accounts in its options or
 * variables is RocketMap's start command (rocketmap-command.ts), read before this is asked.
 */
function isDockerScript(lines: string[]): boolean {
  let continued = false;
  for (const l of lines) {
    if (!continued && !DOCKER_LINE.test(l)) return false;
    continued = /[\\^]$/.test(l);
  }
  return true;
}

/** What the file is, as a phrase ("a crontab (scheduled commands)"), when it is one of the known files without accounts. */
export function knownFile(text: string, name?: string): string | undefined {
  if (isMapJson(text)) return 'map data (spawn points, gyms or nests: coordinates, no logins)';
  if (isDockerCompose(text)) return 'a docker-compose file (services and their settings)';
  if (isKubernetesManifest(text)) {
    // A ConfigMap or Secret holding a whole file (`accounts.csv: |`, mounted for RocketMap's
    // --accountcsv): named so, never "no account list"; the refusal's way through (a forced
    // reader, or the file saved on its own) follows.
    const file = /^[ \t]+([\w.-]+\.(?:csv|txt|json|ini))[ \t]*:[ \t]*[|>]/m.exec(text)?.[1];
    if (file) return `a Kubernetes manifest whose data holds a file (\`${file}\`, mounted into its containers; saved on its own, that file imports as a dump)`;
    return "a Kubernetes manifest (objects and their settings: a Secret's USERNAME/PASSWORD are its containers' settings, no account list)";
  }
  if (isUsernameArguments(text)) return 'a scanner\'s `-u USERNAME` arguments without passwords (pikapy\'s pokemaparguments.txt)';
  const lines = contentLines(text, true);
  if (lines.length === 0) return undefined;
  if (isBracketLog(lines)) return "a log file (`[time][LEVEL][worker]` lines, as Monocle's scan.log)";
  if (isCheckerConsole(lines)) return "a checker's log (its console output: what it said of each account, by username, no passwords; import the result files it wrote, such as CaptCharmander's ok.csv)";
  if (isDockerScript(lines)) return 'a script of docker commands (options, variables and images: no account list)';
  if (isPoolPasswd(lines)) return "Pgpool-II's pool_passwd (a PostgreSQL pooler's database logins with their md5 or SCRAM hashes or AES-encrypted passwords: no game account)";
  if (isPgbouncerUserlist(lines)) return "pgbouncer's userlist.txt (its auth_file: a PostgreSQL pooler's database logins, `\"name\" \"password\"` a line, with md5 or SCRAM hashes: no game account)";
  if (lines.every(isHtpasswdLine)) return "a password file of hashes (htpasswd, as Squid's and nginx's proxy logins are kept, or a site's user table: no password, only its hash)";
  const proxyServer = proxyServerConfig(text, lines);
  if (proxyServer) return proxyServer;
  if (isProxychainsConf(lines)) return "proxychains' config (proxychains.conf: its options and [ProxyList] proxies, their logins the proxies': no account list)";
  if (isPokeAlarmConfig(lines)) return "PokeAlarm's config.ini (its webserver's and managers' settings: alarms, filters, a Maps key; no account list)";
  if (isDeviceIdList(lines)) return 'a list of device ids (Android IDs of 16 hex digits or UUIDs, one a line: no logins)';
  if (isCrontab(lines)) return 'a crontab (scheduled commands)';
  if (isRequirements(lines, name)) return "a Python requirements file (pip's packages and versions)";
  if (isMapTable(lines)) return 'map data (a table of coordinates: spawn points, gyms or nests)';
  return coordinatesFile(contentLines(text, false));
}
