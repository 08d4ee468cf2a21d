// `user | pass`, `user - pass`, `user | pass | 30`: a seller's separator with blanks around it. The
// username holds no blank, so the first blank ends it; when what follows is one bar, slash or
// dash standing alone and then single-token fields, that mark is the separator, and the line is
// the same account as `user<TAB>pass`. As with `user pass`, two words without a digit are a
// phrase (`Hello - world`), never an account. A row of a table drawn with bars, as Markdown and
// forum posts draw them (`| user | pass | 30 |`), is the same line between its outer bars; its
// header row names the columns as any list's header does (columns.ts).
import { headerRoles } from './columns.js';
import { isTeam } from '../tools/checker-fields.js';
import { isAddress } from './line-kinds.js';
import { statusState } from './verdict-words.js';
import { isProvider, isTrainerLevel } from '../../model.js';

// Tried only where a run of blanks starts (a match starts there anyway): else a long run of blanks
// with no mark after it is scanned again from each of its blanks.
// Arrows too (`user → pass`, `user ➜ pass`), as Discord posts pointed a login at its password.
// Arrows typed in ASCII (`user => pass`, `user -> pass`, `user >> pass`, `user --> pass`) and `user = pass`.
// A doubled dash (`user -- pass -- 30`), as a checker's console or a seller's list writes it where another writes one.
// An emoji standing alone between blanks too (`user 🔑 pass`, `user 👉 pass`), as Telegram and Discord sellers point a login at its password.
const MARK = /(?<![ \t])[ \t]+(-->|->|--|==>|=>|>>|=|[|/\u2013\u2014\u2192\u21d2\u2794\u279c\u27a1-]|\p{Extended_Pictographic})\uFE0F?[ \t]+/u;
/** The mark standing at a position (sticky), followed by a blank. */
const MARK_AT = /(?:-->|->|--|==>|=>|>>|=|[|/\u2013\u2014\u2192\u21d2\u2794\u279c\u27a1-]|\p{Extended_Pictographic})\uFE0F?(?=[ \t])/uy;

function isMarkStart(c: number): boolean {
  // (0x2600-0x27bf, 0x2b00-0x2bff and the surrogates 0xd83c-0xd83e open the emoji.)
  return c === 124 || c === 47 || c === 45 || c === 61 || c === 62 || c === 0x2013 || c === 0x2014 || c === 0x2192 || c === 0x21d2 || c === 0x2794 || c === 0x279c || c === 0x27a1 || (c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff) || (c >= 0xd83c && c <= 0xd83e);
}

/** The line with a spaced separator written as a tab; the line itself when it has none. */
export function withSpacedSeparator(line: string): string {
  const s = line.charCodeAt(0) === 124 && line.length > 2 && line.endsWith('|') ? line.slice(1, -1).trim() : line;
  // Cheap first look (this runs for every line of a list): a blank, a mark, a blank.
  // A tab around the mark as well as a blank (`user<TAB>|<TAB>pass`).
  const space = s.indexOf(' ');
  const tab = s.indexOf('\t');
  const blank = space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
  // `|user|pass|` drawn without blanks: the row between its outer bars is a `|` line (not a `|---|---|` rule).
  if (blank < 0 && s !== line) return /^[-:|]*$/.test(s) ? line : s;
  if (blank <= 0) return line;
  // `| misty02| Starm1e! |`: a row between outer bars whose cells are padded on one side only (or not at all).
  const uneven = s !== line ? unevenRow(s, line) : line;
  let i = blank;
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  // An emoji arrow's variation selector (`➡️`) belongs to the mark.
  if (!isMarkStart(s.charCodeAt(i))) return uneven;
  MARK_AT.lastIndex = i;
  if (!MARK_AT.test(s)) return uneven;
  // Every field split by the same mark (`user | pass | 30`), none holding a blank.
  const parts = s.split(MARK);
  for (let k = 1; k < parts.length; k += 2) if (parts[k] !== parts[1]) return uneven;
  for (let k = 0; k < parts.length; k += 2) if (/\s/.test(parts[k]!) || parts[k] === '') return uneven;
  // `name = value` is a setting (`SPEED_LIMIT = 19.5`, `GOOGLE_MAPS_KEY = 's3cr3t'`): `=` parts a
  // login and a password only when the login has a small letter and a digit, as sold logins do,
  // and the value is neither quoted nor a number.
  if (parts[1] === '=' && (parts.length !== 3 || !/[a-z]/.test(parts[0]!) || !/\d/.test(parts[0]!) || /^['"]|^[\d.,]+$/.test(parts[2]!))) return line;
  // A header row has no digit but is read as one (`| Username | Password |`, `Username | Password |
  // Level`: its cells name columns); other digit-less lines are phrases.
  const fields = parts.filter((_, k) => k % 2 === 0);
  // `user:pass | mail@x.com | mailpass`, `user;pass - 30 - mystic`: the login already ends at its
  // own separator, so the marks only add columns after the password. They are that separator's
  // columns when each is one a seller adds (an e-mail and its password, a level, a provider, a
  // team, a status); anything else is left as written, never made part of the password by a tab.
  const own = /[:;,]/.exec(fields[0]!)?.[0];
  if (own) return fields.slice(1).every((f, k) => isAddedColumn(f) || (k > 0 && isAddress(fields[k]!))) ? fields.join(own) : line;
  return /\d/.test(s) || s !== line || headerRoles(fields) ? fields.join('\t') : line;
}

/**
 * The cells of a row between its outer bars, each padded as the writer's keyboard left it
 * (`misty02| Starm1e! `, `misty02 |Starm1e!`), joined by bare bars (`misty02|Starm1e!`): the row
 * drawn without blanks, read as such. The line itself when a cell is empty or holds a blank (a
 * password with a blank, a sentence in a cell: judged as written), for a rule (`|---| ---|`), and
 * when one inner bar touches no blank while another does (`| ash01| Pa|ss1 |`): that bar may be
 * the password's own, and is never made a column's edge (Markdown escapes a cell's bar as `\|`).
 */
function unevenRow(s: string, line: string): string {
  const raw = s.split('|');
  const cells: string[] = [];
  let bare = false;
  let padded = false;
  for (let k = 0; k < raw.length; k++) {
    const t = raw[k]!.trim();
    if (t === '' || /\s/.test(t)) return line;
    if (k > 0) {
      if (/\s$/.test(raw[k - 1]!) || /^\s/.test(raw[k]!)) padded = true;
      else bare = true;
    }
    cells.push(t);
  }
  const row = cells.join('|');
  return (bare && padded) || /^[-:|]*$/.test(row) ? line : row;
}

/** A column sellers add after an account: an e-mail, a level, a provider, a team, a status word. */
function isAddedColumn(f: string): boolean {
  return isAddress(f) || (/^\d{1,2}$/.test(f) && isTrainerLevel(Number(f))) || isProvider(f.toLowerCase()) || isTeam(f) || statusState(f) !== undefined;
}
