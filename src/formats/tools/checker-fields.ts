// A checker's result after an account, on its line: `user:pass | Level: 30 | Banned: False`,
// `user:pass - Lvl 27 - Status: Banned`, `user:pass | Level: 12 | Shadowbanned: Yes | XP: 1200`,
// and a seller's notes of the same kind (`user:pass - Level 30 - Team Mystic`).
// Account checkers printed each account with what they found out, in labelled fields; a bar,
// a tab, a dash or slash between blanks, or a comma or semicolon before a blank parts them. The fields are read from the end of the line while
// each is a field a checker reports (its level, its verdict, play statistics), so the account
// before them is what is left, and a password is never cut at a field it does not end with.
// The verdict is the checker's, as a checker's file name gives one (verdict-files.ts): banned →
// perm_banned, temp banned → temp_banned, shadowbanned or blind → blind, warned → warned, wrong
// credentials → invalid, a line with only clean flags (`Banned: False`) → ok.
import type { Provider, State } from '../../model.js';
import { isTrainerLevel } from '../../model.js';
import { LEVEL_WORDS } from '../lists/level-words.js';
import { flagValue, statusState } from '../lists/verdict-words.js';

export interface CheckerFields {
  /** The line without the fields. */
  line: string;
  level?: number;
  state?: State;
  provider?: Provider;
}

type Flag = 'perm_banned' | 'temp_banned' | 'blind' | 'warned';

const LEVEL = new RegExp(String.raw`^(?:trainer[ _-]?)?(?:${LEVEL_WORDS})\.?[ \t]*(?:[:=#][ \t]*)?(\d{1,2})$`, 'i');
const FLAGS: [RegExp, Flag][] = [
  [/^temp(?:orar(?:il)?y)?[ _-]?ban(?:ned)?$/i, 'temp_banned'],
  [/^(?:perm(?:anent(?:ly)?)?[ _-]?)?ban(?:ned)?$|^ban[ _-]?flag$|^is[ _-]?banned$/i, 'perm_banned'],
  [/^shadow[ _-]?ban(?:ned)?$|^blind(?:ed)?$/i, 'blind'],
  [/^warn(?:ed|ing)?$|^flagged$/i, 'warned'],
];
const STATUS = /^(?:status|state|result|verdict|check)$/i;
const PROVIDER = /^(?:provider|auth(?:[ _-]?service)?|type)$/i;
/** What else checkers report about an account: read past, never part of the password. */
/**
 * The account's team, which checkers and sellers give with or without its label (`Team Mystic`,
 * `Team: Valor`, `Instinct`, `no team`): the game's three teams and their colours.
 */
const TEAM = /^(?:(?:team[ \t]*(?:[:=][ \t]*)?)?(?:mystic|valor|instinct|blue|red|yellow)|no[ _-]?team|team[ \t]*[:=][ \t]*(?:none|-))$/i;
/** The account's team, with or without its label: a checker's field, or a seller's column. */
export function isTeam(v: string): boolean {
  return TEAM.test(v);
}

/** A count before what it counts (`120k stardust`, `2,400 XP`, `41.2 km`, `150 Pokemon`): statistics, as labelled ones are. */
const COUNTED = /^\d[\d,.]*[ \t]*[km]?[ \t]*(?:xp|exp|stardust|dust|(?:poke)?[ _-]?coins|km(?:[ _-]?walked)?|pok[eé]mons?|items|eggs|lures|spins)$/i;
/** The cheap look for an unlabelled field: its words anywhere on the line. */
const FIELD_HINT = /team|mystic|valor|instinct|xp|dust|coins|km|pok/i;
const INFO = /^(?:xp|exp|experience|team|(?:poke)?[ _-]?coins|stardust|dust|km(?:[ _-]?walked)?|walked|e-?mail|mail|country|dob|created|checked|last[ _-]?check(?:ed)?|date|captcha|pok[eé]mons?|items|eggs|lures|spins|balls|captures|encounters)$/i;
/**
 * The statistics among them: a checker prints a count after each (`XP: 2450111`, `KM: 41.2 km`,
 * `Stardust: 120k`, `Pokemon: 150/250`), or a dash when it has none. Another value is no
 * statistic: `aa0<TAB>Km=#*_,` is a login and its password `Km=#*_,`, which was read as the km
 * walked, the line left a login without a password.
 */
const STATISTIC = /^(?:xp|exp|experience|(?:poke)?[ _-]?coins|stardust|dust|km(?:[ _-]?walked)?|walked|pok[eé]mons?|items|eggs|lures|spins|balls|captures|encounters)$/i;
const COUNT = /^(?:\d[\d,.' ]*[km]?(?:[ \t]*\/[ \t]*\d[\d,.]*[km]?)?(?:[ \t]+\p{L}+)?|-|n\/a|none|\?)$/iu;


/** The worst verdict first: what an account that is both blind and banned is. */
const SEVERITY: State[] = ['perm_banned', 'invalid', 'temp_banned', 'blind', 'warned', 'ok'];

const isBlank = (c: number) => c === 32 || c === 9;

/**
 * Where the last field separator of `s` is (a one-character mark, or the first of `=>` and `::`),
 * looking only near the end: a field is short. -1 when there is none. Character codes, not
 * one-character strings: this runs for many lines of a long list. Between blanks, the marks
 * checkers print between a hit's captures: OpenBullet's ` | ` (`<DATA> | <CAPTURE>`,
 * openbullet/openbullet2-docs `docs/hits/hit-outputs.md`), ` - ` (`{username}:{password} - Level
 * {level} - shells: {n}`, code corpus file 53930016997), ` => ` (`{email}:{password} => STATUS:
 * {result}`, file 2441642621), ` → ` (jrewv/ptc-capturer `capturer.py`'s `[ERROR] user:pass →
 * error`), and the console's `»`, `•` and `::` that other checkers print.
 */
function lastSeparator(s: string): number {
  const stop = Math.max(1, s.length - 64);
  for (let i = s.length - 2; i >= stop; i--) {
    const c = s.charCodeAt(i);
    if (c === 124 || c === 9) return i; // | or a tab
    if (!isBlank(s.charCodeAt(i + 1))) continue;
    if (c === 44 || c === 59 || (isBlank(s.charCodeAt(i - 1)) && (c === 45 || c === 47 || c === 126 || c === 0xbb || c === 0x2022 || c === 0x2192))) return i; // `, ` `; ` or ` - ` ` / ` ` ~ ` ` » ` ` • ` ` → `
    if ((c === 62 || c === 58) && s.charCodeAt(i - 1) === (c === 62 ? 61 : 58) && isBlank(s.charCodeAt(i - 2))) return i - 1; // ` => ` ` :: `
  }
  return -1;
}

/** How many characters the separator at `cut` takes: two for `=>` and `::`. */
function separatorWidth(s: string, cut: number): number {
  const c = s.charCodeAt(cut);
  return (c === 61 || c === 58) && (s.charCodeAt(cut + 1) === 62 || s.charCodeAt(cut + 1) === 58) ? 2 : 1;
}

interface Found {
  level?: number;
  provider?: Provider;
  states: State[];
  /** Fields that say what they are (a level, a label, a team), not a count alone. */
  named: number;
}

/** Reads one field into `found`; false when the text is no field a checker reports. */
function readField(field: string, found: Found): boolean {
  // A count alone ends a checker's table row too (`| 41.2 km`): it counts only beside a named field.
  if (COUNTED.test(field)) return true;
  const named = readNamedField(field, found);
  if (named) found.named++;
  return named;
}

function readNamedField(field: string, found: Found): boolean {
  if (TEAM.test(field)) return true;
  // `user:pass | Level: 30 | HIT`: a checker's verdict word alone as the last field (`[HIT] user:pass`
  // moved after the account, line-marks.ts), as a `Status:` field gives it.
  const verdict = /^[A-Za-z][A-Za-z ]{1,20}$/.test(field) ? statusState(field) : undefined;
  if (verdict) {
    found.states.push(verdict);
    return true;
  }
  const level = LEVEL.exec(field);
  if (level) {
    const n = Number(level[1]);
    if (!isTrainerLevel(n)) return false;
    found.level ??= n;
    return true;
  }
  const m = /^([A-Za-z][A-Za-z _-]{0,24}?)[ \t]*[:=][ \t]*(\S.{0,40})$/.exec(field);
  if (!m) return false;
  const [label, value] = [m[1]!.trim(), m[2]!.trim()];
  const flag = FLAGS.find(([re]) => re.test(label));
  if (flag) {
    const set = flagValue(value);
    if (set === undefined) return false;
    found.states.push(set ? flag[1] : 'ok');
    return true;
  }
  if (STATUS.test(label)) {
    const state = statusState(value);
    if (state) found.states.push(state);
    return true;
  }
  if (PROVIDER.test(label)) {
    const p = value.toLowerCase();
    if (p !== 'ptc' && p !== 'google') return false;
    found.provider = p;
    return true;
  }
  return INFO.test(label) && (!STATISTIC.test(label) || COUNT.test(value));
}

const MAX_FIELDS = 16;

/** The checker's fields at the end of the line, and the line before them; undefined when it has none. */
export function checkerFields(s: string): CheckerFields | undefined {
  // Cheap first look (this runs for many lines of a 100,000-line list): a labelled field's `:` or
  // `=` after a blank or a tab. A level alone (`| Level 30`) is a level note (level-suffix.ts).
  const space = s.indexOf(' ');
  const tab = s.indexOf('\t');
  const blank = space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
  if (blank < 0 || (s.indexOf(':', blank) < 0 && s.indexOf('=', blank) < 0 && !FIELD_HINT.test(s))) return undefined;
  const found: Found = { states: [], named: 0 };
  let rest = s;
  let fields = 0;
  // A checker reports a dozen fields at most; more is no result line (and a megabyte of them would cost seconds).
  for (let cut = lastSeparator(rest); cut >= 0 && fields < MAX_FIELDS; cut = lastSeparator(rest)) {
    if (!readField(rest.slice(cut + separatorWidth(rest, cut)).trim(), found)) break;
    rest = rest.slice(0, cut).trimEnd();
    fields++;
  }
  // At least one field, and something before them (what it is, the list reader decides).
  if (fields === 0 || found.named === 0 || rest === '') return undefined;
  const out: CheckerFields = { line: rest };
  if (found.level !== undefined) out.level = found.level;
  if (found.provider) out.provider = found.provider;
  const state = SEVERITY.find((st) => found.states.includes(st));
  if (state) out.state = state;
  return out;
}
