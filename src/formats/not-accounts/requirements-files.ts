// pip's requirements.txt, dropped beside the dumps from a scanner's folder (RocketMap/RocketMap
// `requirements.txt`: `name==version` pins, a `git+https://...#egg=` requirement). It is judged by
// pip's grammar (pip-requirement-lines.ts): a file whose every line pip reads as a requirement or an
// option, and not all of them bare names or web addresses (a proxy list's), is a requirements file; a single line that is not (an
// account's `user:pass` among the pins) makes it something else. One of bare names only (`flask`,
// `requests`, `pgoapi` a line, as many forks and quick setups list them) reads in pip's grammar as
// well as a list of usernames does, so it is known by the packages it names: most of them among the
// ones the scanners' own requirements files list.
import { isAmbiguousPipLine, isBareName, isPipLine, logicalLines } from './pip-requirement-lines.js';

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

/**
 * `ash01 #Pika1234`: pip reads a name and a comment, but a login and a password that starts with
 * `#` is what it is: one blank-free word with a letter and a digit after the `#`.
 */
const PASSWORD_AS_COMMENT = /^[A-Za-z0-9][\w.-]*\s+#(?=\S*[A-Za-z])(?=\S*\d)\S+$/;

/**
 * The names pip's users give requirements files (pip's docs: `requirements.txt`, `-r
 * requirements/base.txt`, `-c constraints.txt`; pip-tools' `requirements.in`; `dev-requirements.txt`,
 * `requirements-dev.txt`, `requirements_test.txt`): such a file of bare names says what it is by
 * its name, whatever packages it lists (a new scanner's own, none of SCANNER_PACKAGES).
 */
const PIP_NAME = /(?:^|[/\\!])(?:(?:[\w.-]*[-_.])?(?:requirements|constraints)(?:[-_.][\w.-]*)?\.(?:txt|in|pip)|requirements[/\\][\w.-]+\.(?:txt|in))$/i;

/** Whether `lines` are pip's requirements (`name`: the file's name, a hint where the lines are bare names alone). */
export function isRequirements(lines: string[], name?: string): boolean {
  const logical = logicalLines(lines);
  if (logical.length === 0 || !logical.every((l) => isPipLine(l) && !PASSWORD_AS_COMMENT.test(l))) return false;
  if (!logical.every(isAmbiguousPipLine)) return true;
  // Bare names under pip's own file name: its packages, whichever they are (web addresses alone are a proxy list's still).
  if (name !== undefined && PIP_NAME.test(name) && logical.every(isBareName)) return true;
  const bare = logical.filter(isBareName);
  const known = bare.filter((l) => SCANNER_PACKAGES.has(normalised(l))).length;
  return bare.length >= 2 && known * 5 >= logical.length * 3;
}
