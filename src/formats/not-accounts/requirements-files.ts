// pip's requirements.txt, dropped beside the dumps from a scanner's folder (RocketMap/RocketMap
// `requirements.txt`: `name==version` pins, a `git+https://...#egg=` requirement). One without
// versions (`flask`, `requests`, `pgoapi` a line, as many forks and quick setups list them) has
// lines a list of logins could have, so it is known by the packages it names: most of them among
// the ones the scanners' own requirements files list.
const PINNED = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[\w,\s-]+\])?\s*(?:(?:===?|>=|<=|~=|!=|>|<)\s*\d[\w.*+!-]*\s*,?\s*)+(?:;.*)?$/;
const PIP_OTHER = /^(?:-[erc]\s+\S|--[a-z-]+(?:[=\s]\S+)?$|(?:git|hg|svn|bzr)\+\S+|https?:\/\/\S+#egg=\S+$)/;
const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[\w,\s-]+\])?$/;

/**
 * Packages of the scanners', bots', alarms' and checkers' requirements files (RocketMap, Monocle,
 * PokeAlarm, PGPool, PGScout, MrMime, PokemonGo-Bot, pgoapi, KinanCity's helpers), named as pip
 * normalises them (lower case, `_` and `.` as `-`).
 */
const SCANNER_PACKAGES = new Set(
  ('flask flask-cors flask-compress flask-cache werkzeug jinja2 requests urllib3 certifi chardet idna peewee pymysql mysqlclient ' +
    'psycopg2 psycopg2-binary sqlalchemy configargparse geopy s2sphere gpsoauth protobuf protobuf3-to-dict six simplejson ' +
    'pgoapi pycrypt pycryptodome pycryptodomex xxhash pysocks timezonefinder pytz tzlocal gevent gevent-websocket twilio ' +
    'discord-webhook python-telegram-bot telepot pushbullet-py slacker googlemaps babel cachetools enum34 future ' +
    'coloredlogs termcolor colorama mrmime pogeo aiohttp aiopogo cyrandom sanic uvloop ujson selenium beautifulsoup4 lxml ' +
    'pyyaml ruamel-yaml numpy scipy pillow python-dateutil websocket-client wsgiref markupsafe itsdangerous click').split(' '),
);

const normalised = (name: string) => name.replace(/\[.*$/, '').toLowerCase().replace(/[_.]+/g, '-');

export function isRequirements(lines: string[]): boolean {
  let pinned = 0;
  let known = 0;
  for (const l of lines) {
    if (PINNED.test(l) || PIP_OTHER.test(l)) pinned++;
    else if (!BARE_NAME.test(l)) return false;
    else if (SCANNER_PACKAGES.has(normalised(l))) known++;
  }
  // Pinned, as pip freeze writes them; or bare names, most of them scanners' packages.
  return pinned * 2 >= lines.length || (lines.length >= 2 && known * 5 >= (lines.length - pinned) * 3);
}
