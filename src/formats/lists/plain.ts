// Seller lists: one account per line, `user:pass`, `user,pass`, `user;pass`, `user<TAB>pass`,
// `user pass`, `:user:pass`, with or without an e-mail column (the splitting rules are in
// account-line.ts). Unlike the mail reader, a line that is not an account is rejected with its
// line, never skipped: a list is all accounts, so anything else deserves a look.
import { isSpacedPairList, isSpacedWordPair } from './spaced-pairs.js';
import { innerTableAt, innerTableRowReason, type InnerTable } from './inner-tables.js';
import { isSkipped, lineProblem, lineSep } from './account-line.js';
import { bareBarRowJudged, headerRowPreparer, isWrittenInBareBars } from './header-rows.js';
import { rowCounterColumn } from './row-counter-column.js';
import { equalsLineCount, equalsPair } from './equals-lines.js';
import { joinedAccounts, joinedItems } from './joined-items.js';
import { fillsHeader, isColumnTail, splitListLine } from './column-roles.js';
import { bareAccountLine, isBare, lineNotes, type LineNotes } from './line-notes.js';
import { networkLoginHint, networkLoginLines, withNetworkLogins, type HandleLine, type LineRole } from './network-logins.js';
import type { Provider, State } from '../../model.js';
import { analyseLayout, findHeader } from './list-layout.js';
import { isSheetBanner } from './sheet-banner.js';
import { withoutComment } from './line-comments.js';
import { headLines, splitLines, stripEnd } from '../decode.js';
import { isAddress, isSlashHeader, KIND_NAME, nonAccountKind } from './line-kinds.js';
import { levelFromName, levelFromText, statingName } from '../stated-level.js';
import { withoutCounters, withoutFrontCounters } from './line-counters.js';
import { withFrontLevels } from './front-levels.js';
import { isLevelHeading } from './level-headings.js';
import { isDividerLine } from './divider-lines.js';
import { isLetterFramed, isLetterLine, isLetterSentence, isOrderTitle } from './letter-lines.js';
import { dashedReason, slashedReason } from './tight-separator.js';
import { isLabelProseLine } from './label-prose.js';
import { LEAD_IN_UNSURE, leadInLines } from './lead-in-account.js';
import { isChatSender } from '../mail/chat-senders.js';
import { otherServiceLogins, refuseOtherServiceLogins } from '../mail/site-logins.js';
import { withProviderRowCut } from '../tools/rocketmap-columns.js';
import { plainPairAt, takesPlainPairs } from './plain-pairs.js';
import { isLabelledAccount, labelledPassword } from './password-labels.js';
import { labelledItems } from './labelled-items.js';
import { FORCE_PLAIN, refuseWordPairs } from './word-pairs.js';
import { gluedLevelReason } from './glued-level.js';
import { middleNumberReason, spacedMiddleNumberReason, statedTrailingLevel, trailingNumberReason } from './odd-level.js';
import { DumpColumns } from '../account-columns.js';
import { collectGarbageOnce } from '../../collect-garbage.js';
import { readPastSignature } from './signature-block.js';
import { withoutBoxDrawing } from './box-tables.js';
import { CutPasswords, isPogomapGuiName, LONE_WORD, refuseCutRepeats, splitPasswordReason } from './split-password.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, ParseOptions, Rejection, Skipped } from '../types.js';

/** Looks like one account: a blank-free username, a separator, something after it. */
export function isAccountShaped(s: string): boolean {
  const sep = lineSep(s);
  // `mail@x.com----Pw1!a`, `ash01x-----Pw12345`: a login and a seller's dash run, refused by its line (tight-separator.ts).
  if (!sep) return s.includes('--') && dashedReason(s) !== undefined;
  const rest = s.slice(s.indexOf(sep) + 1).trim();
  if (rest === '') return false;
  if (sep !== ' ') return !/\s/.test(s.slice(0, s.indexOf(sep)).trim());
  // Two words are an account only with a digit somewhere: "see attached" is a sentence.
  // `user pass 30`, `user pass ptc 30`: a seller's level and provider columns after them (column-roles.ts);
  // `user pass mail@x.com [mailpass]`: full access with the "Space" delimiter (the e-mail ends the password).
  const words = s.split(/\s+/);
  // `cn0acc01 密码：Pw`, `ash01 Password: Pw`: a login and its labelled password (password-labels.ts).
  if (words.length <= 4 && /[:：]/.test(s) && isLabelledAccount(s)) return true;
  // `ash01x 30 Pw1!a`: a level column between login and password, a line refused by itself (odd-level.ts).
  if (words.length === 3 && spacedMiddleNumberReason(s) !== undefined) return true;
  const tail = words.slice(2);
  // `ash01 Pw12345!(30 lvl)`: a level glued to the password (glued-level.ts), a line of the list refused by itself.
  return words.length <= 4 && (isColumnTail(tail) || isAddress(tail[0]!) || gluedLevelReason(s, words[0]!.length + 1) !== undefined) && /\d/.test(words[0]! + words[1]!);
}

/** What follows a counter in front is an account, its notes and comment aside. */
export function isCountedAccount(s: string): boolean {
  return isAccountShaped(bareAccountLine(withoutComment(s)));
}

/**
 * The lines prepared, a forum's counter in front (`1 user:pass`, `2 user2:pass2`) dropped
 * (line-counters.ts); but under a header that names the first column (`id`, `No.`, an unknown
 * name) the numbers are that column's values, a database's row ids under `id  username
 * password ...` (mysql -B of pogoAccountServer's table): dropped, every column after them would
 * be read one place too far left, the password as the login.
 */
function withoutFrontCountersOf(lines: string[]): string[] {
  const header = findHeader(lines);
  // Under a header naming the columns, a row's cells are the header's by position as written: an
  // empty first cell is kept (header-rows.ts), only a plain list's `;user;pass` loses it.
  const prepared = lines.map(headerRowPreparer(header?.roles ? header : undefined, header ? lines[header.at] : undefined));
  // Before a separator (`1;user;pass`, `"1","user","pass"`) only without a header: under one, row-counter-column.ts reads the rows' cells by its columns.
  if (header?.roles?.[0] === 'extra') return prepared;
  const counted = withoutFrontCounters(prepared, isCountedAccount, header === undefined);
  // `30|ash01|Pw` over `35|ash02|Pw`: a level column in front, no header naming it (front-levels.ts).
  return header === undefined && counted === prepared ? withFrontLevels(prepared, isCountedAccount) : counted;
}

export function detectPlain(input: DumpInput): number {
  // A note after an account (`user pass  # sold`) is no part of its shape (line-comments.ts).
  // `1 user:pass`, `2 user2:pass2`: a forum's counter in front is no part of the shape (line-counters.ts).
  const lines = withoutFrontCountersOf(withoutBoxDrawing(input.text, headLines(input.text)))
    .map((s) => bareAccountLine(withoutComment(s)))
    .filter((s) => !isSkipped(s));
  if (lines.length === 0) return 0;
  // `izijifuz ekexiv` among `futuqok0 wijonixux5`: a list of blank-separated pairs shapes its digitless pairs too (spaced-pairs.ts).
  const shaped = isSpacedPairList(lines) ? (s: string) => isAccountShaped(s) || isSpacedWordPair(s) : isAccountShaped;
  const share = lines.filter(shaped).length / lines.length;
  return share >= 0.8 ? 0.5 : share >= 0.5 ? 0.35 : share > 0 ? 0.15 : 0;
}

const ESCAPED_BAR = 'a bar escaped with a backslash (`\\|`) in a row of a `|` table, as Markdown writes a `|` inside a cell: whether the password holds `|` or `\\|` is unsure, not imported; write that account alone (`login:password`)';
const TABLE_RULE = /^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?$/;
const SETTING = /^[A-Za-z]+(?:[-_][A-Za-z]+)*:[ \t]+\S/;
const SETTING_KEY = /^[a-z]+(?:[-_][a-z]+)*:[ \t]+\S/;

/**
 * `pairs: false` runs every line through the whole chain (the tests compare both ways).
 * `columnsFrom`: a list of that many lines or more whose pairs are taken in one scan gives its
 * accounts as columns, each pair copied from its line into them (account-columns.ts): no record
 * and no name or password string per line (a 1,000,000-line list's records were ~150 MB).
 */
export function parsePlain(input: DumpInput, { pairs = true, columnsFrom, columns: stated, forced }: ParseOptions & { pairs?: boolean } = {}): DumpResult {
  // `│ ash01x │ Pika1234 │`: a table drawn with box characters, read as a `|` table (box-tables.ts).
  const lines = withoutBoxDrawing(input.text, splitLines(input.text));
  // Each line prepared once: the layout and the loop below both read them.
  // `1 user:pass`, `2 user2:pass2`: a forum's counter in front, dropped (line-counters.ts).
  const prepared = withoutFrontCountersOf(lines);
  // `Enter the number of bots: ash01:Pw1 | HIT` over `ash02:Pw2 | FAIL`: the sentence glued before
  // an account written as the list's others are is read past, the account read; one the list does
  // not confirm is refused by its line, never read past as prose (lead-in-account.ts).
  const leadIns = leadInLines(prepared);
  const layout = analyseLayout(lines, prepared, stated);
  // The layout's copies of a long list (its lines prepared again, each line's separator, the lines
  // that may hold a note) are garbage now, and V8 kept them under the loop's records: 1,000,000
  // `a<TAB>b` lines, read to be refused, peaked 305 MB, 224 MB collected here (stop 54 L; line-limit.ts).
  if (lines.length >= 200_000) collectGarbageOnce();
  // `1|ash|Pw|30` under `Login|Password|Level`: a row counter the header does not name (row-counter-column.ts).
  const counter = stated ? undefined : rowCounterColumn(prepared, layout, (s) => !isSkipped(layout.comments ? withoutComment(s, layout.comments) : s));
  if (counter && !counter.refused) for (const [i, s] of counter.rows) prepared[i] = s;
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const handles: HandleLine[] = [];
  let adopted = false;
  const skipped: Skipped[] = layout.headerAt !== undefined ? [{ line: layout.headerAt + 1, kind: 'header' }] : [];
  // `Nr.|Login|Passwort|Level` (or `|Nr.|...|Level|`) over `|bergsee40|Pw|32`: its rows' empty first cells are no drawn table's bars (header-rows.ts).
  const bareBars = layout.sep === '|' && layout.roles !== undefined && isWrittenInBareBars(lines[layout.headerAt!]);
  const headerText = layout.headerAt !== undefined ? (layout.comments ? withoutComment(prepared[layout.headerAt]!, layout.comments) : prepared[layout.headerAt]!).trim() : undefined;
  // `ash_k3tch01:Pikachu.2017`: a pair every check below passes, taken in one scan (plain-pairs.ts).
  // `ash01x=Pika1234` on every line, `--format plain`: the operator's word that they are accounts (equals-lines.ts).
  const equalsList = forced === true && equalsLineCount(input.text) > 0;
  const plainPairs = pairs && !equalsList && takesPlainPairs(layout);
  // Where each line's pair splits, when the accounts go into columns (else each is a record here).
  const pairAt = plainPairs && columnsFrom !== undefined && lines.length >= columnsFrom ? new Int32Array(lines.length) : undefined;
  let paired = 0;
  // The lines whose level was a bare number after a blank (line-notes.ts bareLevel).
  let bareLevels: Set<number> | undefined;
  // Accounts whose line closed with a note after a blank (`user:pass 30`, `lvl31`, `banned`).
  let tailed = 0;
  // A delivery framed as a letter (a greeting, a sign-off): its sentences are prose, as the mail
  // reader reads them (letter-lines.ts), not lines rejected for a look.
  // A chat's copy (`Shop, [14.11.17 19:02]` above each message) is a chat, not a letter: its lines stay shown.
  const letter = isLetterFramed(prepared, isSkipped) && !prepared.some((s) => s.length <= 80 && isChatSender(s));
  // A table under a header of its own further down (inner-tables.ts): its rows are refused, never split by the list's layout.
  let inner: InnerTable | undefined;
  // The passwords of accounts refused as cut before a lone word (split-password.ts), in a file
  // named as PoGoMap-GUI's script names the one it splits so.
  const cut = new CutPasswords();
  const splitFile = isPogomapGuiName(input.name, 'txt');
  for (let i = 0; i < lines.length; i++) {
    if (plainPairs) {
      const s = prepared[i]!;
      const at = plainPairAt(s);
      if (at > 0) {
        if (pairAt) {
          pairAt[i] = at;
          paired++;
        } else {
          accounts.push({ username: s.slice(0, at), password: s.slice(at + 1), line: i + 1 });
        }
        continue;
      }
    }
    // `user:pass # sold to bob`: the note is read past, by the list's rule (line-comments.ts).
    const line = layout.comments ? withoutComment(prepared[i]!, layout.comments) : prepared[i]!;
    if (isSkipped(line) || i === layout.headerAt) continue;
    // A sheet's merged title or column groups over the header (sheet-banner.ts), which findHeader read past.
    if (layout.headerAt !== undefined && i < layout.headerAt && isSheetBanner(lines[i]!)) {
      skipped.push({ line: i + 1, kind: 'header' });
      continue;
    }
    // The header line again further down (`Benutzername;Passwort;Level` over a second order pasted
    // under the first, two runs' files joined with `cat`): the same header, not a line refused.
    if (headerText !== undefined && i > layout.headerAt! && line.trim() === headerText) {
      skipped.push({ line: i + 1, kind: 'header' });
      continue;
    }
    if (counter?.refused && counter.rows.has(i)) {
      rejected.push({ line: i + 1, reason: counter.refused });
      continue;
    }
    const innerRow = inner ? innerTableRowReason(line.trim(), inner) : undefined;
    if (innerRow) {
      rejected.push({ line: i + 1, reason: innerRow });
      continue;
    }
    const equals = equalsList ? equalsPair(line) : undefined;
    if (equals) {
      const problem = lineProblem(equals.username, equals.password);
      if (problem) rejected.push({ line: i + 1, reason: problem });
      else accounts.push(listAccount(equals, undefined, i));
      continue;
    }
    // `----------`, `=== END ===`, a mail's `-- `: a divider, layout (divider-lines.ts).
    // `Level 30:` above that level's accounts: read for their level (level-headings.ts), no broken line.
    if (isDividerLine(line) || (line.length <= 60 && isLevelHeading(line))) {
      skipped.push({ line: i + 1, kind: 'prose' });
      continue;
    }
    // `Hello!`, `Thanks`, `Best regards,` / `Mike`: a letter's greeting and sign-off; `Order 4821`:
    // its title. Prose (letter-lines.ts).
    if (line.length <= 60 && (isLetterLine(line, previousContent(prepared, i)) || isOrderTitle(line))) {
      skipped.push({ line: i + 1, kind: 'prose' });
      continue;
    }
    // `login/password`, `Benutzername/Passwort`, `логин/пароль` over the rows: the columns' names in a shop's
    // language, read past as a header is (line-kinds.ts isSlashHeader; stop 64 L: "missing password").
    if (accounts.length === 0 && rejected.length === 0 && line.includes('/') && isSlashHeader(line)) {
      skipped.push({ line: i + 1, kind: 'header' });
      continue;
    }
    // `|---|:---:|`: a Markdown table's rule under its header row, part of the header.
    if (layout.headerAt !== undefined && i === layout.headerAt + 1 && TABLE_RULE.test(line)) {
      skipped.push({ line: i + 1, kind: 'header' });
      continue;
    }
    // `import --columns provider,user,pass,-`: the operator named the columns, so a line holding
    // at least that many (no CSV quotes to undo) is a row of them, split by them as under a header
    // (columns after the password counted from the end), never judged by its look: `ptc,user,pass,70`
    // alone reads as a setting (`ptc` a key), and its `ptc` taken as a tag would shift the columns.
    const fields = stated && layout.sep !== ' ' && !line.includes('"') ? fieldCount(line, layout.sep) : 0;
    // A row that stops before the optional columns named last (`ptc,user,pass` under `provider,user,pass,level`,
    // as PTCPasswordChanger's succeed.csv mixes them and its refusal names these columns): a row of the columns it has.
    const short = stated && fields > stated.indexOf('pass') && fields < stated.length && stated.slice(fields).every((r) => r === 'level' || r === 'status' || r === 'extra');
    if (stated && (fields >= stated.length || short)) {
      // The operator's columns say where the password ends, not a guess at a cell more (account-line.ts longerRowProblem).
      const r = splitListLine(line, short ? { ...layout, roles: stated.slice(0, fields), stated: true } : { ...layout, stated: true });
      if ('reason' in r) rejected.push(r.kind ? { line: i + 1, reason: r.reason, kind: r.kind } : { line: i + 1, reason: r.reason });
      else accounts.push(listAccount(r, undefined, i));
      continue;
    }
    // `cn0acc01 密码：Pw`, `ash01 Password: Pw`: the password's label read as one, never as the
    // password's start (password-labels.ts). A line without a blank has none.
    // `user:ash01, pass:Pw, lvl:30` gives that account; `city:Paris, km:12` none (labelled-items.ts).
    // A line without a blank holds no labelled password, but may hold items (`user:ash01,pass:Pw`).
    // `Логин: ash01 | Пароль: Pw` whole, before a note's mark cut it: the list's ` | ` notes cut there, and `Логин` was read as the login.
    const labelled = (line !== prepared[i] ? whole(labelledItems(prepared[i]!)) : undefined) ?? labelledItems(line) ?? (isBare(line) ? undefined : labelledPassword(line));
    if (labelled) {
      if ('reason' in labelled) rejected.push({ line: i + 1, reason: labelled.reason });
      else accounts.push(listAccount(labelled, undefined, i));
      continue;
    }
    // `user:pass | Level 30`, `ptc:user:pass`: the level and provider are the account's (line-notes.ts).
    // Most lines have nothing to note: no object made for them (a 100,000-line list).
    const providerColumn = layout.roles?.[0] === 'provider';
    // A last column of words (a note, a status, a flag) takes the line's end as its cell; a level or
    // provider column's cell is what lineTail reads there anyway, and its alignment (Excel's trailing
    // tabs) stays lineTail's (test/formats/chat-list-shapes.test.ts).
    const last = layout.roles?.at(-1);
    const notes = isBare(line) ? undefined : lineNotes(line, layout.roles !== undefined, providerColumn, last === 'extra' || last === 'status' || last === 'banned');
    // `user:pass (Level 31) sold to misty`: a note whose end is unsure, refused naming its line.
    if (notes?.unsure) {
      rejected.push({ line: i + 1, reason: notes.unsure });
      continue;
    }
    const s = notes ? notes.s : line;
    // `ash01:Pika, # sold,` in a list whose lines end with `,`: one `,` before the note, one after.
    // The second ends the line; the first is the password's (`Pika,`), or the seller ended the
    // account before the note too (`Pika`). Unsure: refused, never read either way.
    const end = layout.terminator;
    if (end && s !== prepared[i] && prepared[i]!.endsWith(end) && stripEnd(s).endsWith(end)) {
      rejected.push({ line: i + 1, reason: `a \`${end}\` before the note and another after it, in a list whose lines end with \`${end}\`: whether the password ends with \`${end}\` is unsure` });
      continue;
    }
    // A proxy, a URL, a config line... is never an account, however it splits (line-kinds.ts).
    // `locale: en` is a setting: a digit-less name, then a blank (YAML and INI put one there;
    // sellers' lists do not, unless every line has it; then only a lower-case key is a setting).
    // A table's header (`Usuario<TAB>Notes<TAB>Level`: list-layout.ts tableAt) names columns; its rows are no accounts.
    // Under a header whose first column is the provider (`Type;Login;Password`), a row is judged from
    // its login on: `PTC;ash01;Pika1`, a provider's word first, read as a setting's name made it a config line.
    // `|1|ash|Pw\\|x|30|`: a bar escaped inside a cell, as Markdown writes one (mdutils' Table): the password holds `|` or `\\|`? Unsure.
    if (bareBars && s.includes('\\|')) {
      rejected.push({ line: i + 1, reason: ESCAPED_BAR });
      continue;
    }
    const judged = providerColumn ? afterProviderCell(s, layout.sep) : bareBars ? bareBarRowJudged(s) : s;
    let kind = i === layout.tableAt ? 'header' : (nonAccountKind(judged) ?? ((layout.padded ? SETTING_KEY : SETTING).test(judged) ? 'config' : i > (layout.tableAt ?? i) ? 'table' : undefined));
    // A chat's sender line (`Shop, [14.11.17 19:02]`, chat-senders.ts) is a chat's prose, not a setting.
    if (kind && kind !== 'prose' && isChatSender(s)) kind = 'prose';
    // A row under a header with a column for notes (`user;pass;nie benutzt`) is no sentence (named-columns.ts).
    // Not a sentence whose words fall in the password's column (`Ready: more we and thanks.` under
    // `login:password`), nor one under a header of a login and a password alone (`Please: more`):
    // there no column holds a note's words; a letter's line between the rows, never an account.
    if (kind === 'prose' && (layout.roles?.length ?? 0) > 2 && fillsHeader(s, layout) && !sentenceAsPassword(s, layout)) kind = undefined;
    // A product line stating the level ("Item: 2x PTC Account Level 30") is read, for its level
    // (stated-level.ts): it is no broken line to look at.
    if (kind && kind !== 'header' && levelFromText(line) !== undefined) {
      skipped.push({ line: i + 1, kind: 'prose' });
      continue;
    }
    // `user1:pass1, user2:pass2`: stock joined on one line is one account per item (joined-items.ts).
    // `a:b | c:d` splits like a table's row: only a row whose every cell is a `login:password` is one.
    const items = (!kind || kind === 'table') && layout.sep === ':' && !layout.roles ? joinedItems(s) : undefined;
    if (items) {
      const joined = joinedAccounts(items);
      if ('reason' in joined) rejected.push({ line: i + 1, reason: joined.reason });
      else for (const r of joined.accounts) accounts.push(listAccount(r, notes, i));
      continue;
    }
    if (kind === 'header' && i !== layout.headerAt) inner = innerTableAt(s, i + 1, layout.sep) ?? inner;
    // `ash01x-----Pw12345`, `mail@x.com----Pw1!a`: a login and a seller's dash run the tight reading
    // was not sure of, refused by its line, never read as a key or a login alone (tight-separator.ts).
    const dashed = (s.includes('--') || s.includes('>')) && !/\s/.test(s) ? dashedReason(s) : undefined;
    // `;;;;Total;8,10`, `;;;`: a sheet's sum row or an empty row under the header, its login and
    // password cells empty: no account in it to refuse.
    // (As written: the line as prepared lost its first empty cell.)
    if (!kind && layout.roles && accountCellsEmpty(lines[i]!.replace(/\r$/, ''), layout.sep, layout.roles)) {
      skipped.push({ line: i + 1, kind: 'table' });
      continue;
    }
    const leadIn = leadIns?.has(i) === true;
    // An unconfirmed lead-in is refused as an account line, not as prose: a file of prose alone is refused
    // whole, as "a letter without accounts", naming no line (choose.ts), its one account's line unsaid.
    const r = dashed ? { reason: dashed } : leadIn && kind ? { reason: LEAD_IN_UNSURE } : kind ? { reason: `looks like ${KIND_NAME[kind]}, not an account`, kind } : splitListLine(s, notes?.quoted ? { ...layout, quoted: true } : layout);
    // `Account 9 - for`: a letter's labelled sentence, whatever frames the list (label-prose.ts).
    if ('reason' in r && r.kind === 'prose' && !leadIn && ((letter && isLetterSentence(line)) || isLabelProseLine(line))) {
      skipped.push({ line: i + 1, kind: 'prose' });
      continue;
    }
    if ('reason' in r) {
      // `user/Thunder/Punch3`: say what was seen, not the key or the missing password it resembles.
      // `aa0<TAB>Km=12`: a login, then what reads as a checker's field or as the password; which, the line cannot say.
      const reason = (s.includes('/') && slashedReason(s)) || (notes?.fields && r.reason === 'missing password' ? FIELD_OR_PASSWORD : r.reason);
      // A lone word right after an account: a login missing its password, or that password's rest
      // split onto a line of its own by a tool that rewrote the file (split-password.ts)? The
      // account above is refused too, never read with half its password.
      if (splitFile && r.reason === 'missing password' && !notes && i > 0 && LONE_WORD.test(s.trim())) {
        const cutAt = pairAt && pairAt[i - 1]! > 0 ? pairAt[i - 1]! : 0;
        const before = cutAt > 0 ? undefined : accounts.at(-1);
        if (cutAt > 0 || before?.line === i) {
          cut.cut(cutAt > 0 ? prepared[i - 1]!.slice(cutAt + 1) : accounts.pop()!.password, i);
          if (cutAt > 0) {
            pairAt![i - 1] = 0;
            paired--;
          }
          rejected.push({ line: i, reason: splitPasswordReason(i + 1) });
        }
      }
      rejected.push(r.kind ? { line: i + 1, reason, kind: r.kind } : { line: i + 1, reason });
      if (r.kind === 'handle') handles.push({ i, s });
    } else {
      // `ptc,user,pass,30` among lines of another shape: a column after the password is never
      // half of it; unsure, the line is refused (rocketmap-columns.ts).
      const cut = notes?.provider ? withProviderRowCut(line, r) : r;
      // `ash01|30|Pw12345!`: a number column between login and password, or the password's start? (odd-level.ts)
      // A bare `ash03,Pw,30` among `"user","pass","30"` lines: the quoted lines' fields are joined by
      // tabs (quoted-fields.ts), so the file's separator is no separator of this line: ask its own.
      const sep = layout.sep === '\t' && !s.includes('\t') && !notes?.quoted ? (lineSep(s, false) ?? layout.sep) : layout.sep;
      const middle = 'reason' in cut || layout.roles || layout.sep === ' ' ? undefined : middleNumberReason(cut.password, sep);
      // `misty02:Starm1e:8080` among `user:pass` lines: a level, or a number no level is, never glued to the password (odd-level.ts).
      const tail = 'reason' in cut || middle || layout.roles || layout.sep === ' ' || layout.trailing > 0 || cut.level !== undefined || notes?.level !== undefined ? undefined : trailingNumberReason(cut.password, sep, layout.userField === 1 ? '-,' : '');
      // `ash01:Pika:30` in `accounts_lvl30.txt`: the level the file's name states (odd-level.ts).
      const named = tail && !('reason' in cut) ? statedTrailingLevel(cut.password, sep, levelFromName(statingName(input))) : undefined;
      if (middle) rejected.push({ line: i + 1, reason: middle });
      else if ('reason' in cut) rejected.push({ line: i + 1, reason: cut.reason });
      else if (named) accounts.push(listAccount({ ...cut, ...named }, notes, i));
      else if (tail) rejected.push({ line: i + 1, reason: tail });
      else {
        if (notes?.tailed) tailed++;
        // Under a header or `--columns`, or split by tabs or blanks, the columns say what the number is.
        if (notes?.bareLevel && !layout.roles && layout.sep !== ' ' && layout.sep !== '\t') (bareLevels ??= new Set()).add(i + 1);
        accounts.push(listAccount(cut, notes, i));
      }
    }
  }
  // `city:Paris` among `ash01:Pw12345!` lines: a label and its value, not an account (word-pairs.ts).
  // The pairs taken in one scan all have a digit in their login (plain-pairs.ts).
  // `--format plain`: the operator said these lines are accounts, as a file of them alone is read then.
  // A later account with a cut account's password may have lost its rest as a repeat (split-password.ts).
  if (cut.size > 0) paired -= refuseCutRepeats(cut, prepared, pairAt, accounts, rejected);
  // A list of blank-separated pairs (spaced-pairs.ts) has no `label:value` line: its word pairs are its accounts.
  if (!forced && !layout.spacedPairs) refuseWordPairs(accounts, rejected, paired, FORCE_PLAIN);
  // Columns of the pairs and the rest's records, in line order; a list that adopts network logins
  // below (rare) has its accounts as records, as the adoption reorders them.
  // `user:Pw 2` among `user:pass` lines: a level typed on this line alone, or a password with a
  // blank? Asked here of a list given as columns (one level alone is never a counter's run), below
  // after the counters of one given as records (`user:pass 3` after `user9:pass9 (2)` counts lines).
  const asColumns = pairAt !== undefined && paired > 0 && handles.length === 0 && !hasTwoLevels(accounts);
  if (bareLevels && asColumns) refuseLoneBareLevels(accounts, rejected, bareLevels, tailed, paired);
  const columns = pairAt && paired > 0 ? DumpColumns.fromPairs(prepared, pairAt, accounts) : undefined;
  // A level among the other lines' records may be a counter's (`user:pass (2)` beside pairs): then
  // the accounts are read as records below, where withoutCounters sees them all in line order.
  if (columns && asColumns) {
    // No `withoutCounters`: a pair has no level, and one level alone is never a counter's run.
    // `-- ` / `John` / `Telegram: @shop` under the stock: a signature, read past (signature-block.ts).
    readPastSignature(lines, lastAccountLine(accounts, pairAt), rejected, skipped);
    // `phpMyAdmin:` / `root:x` under the accounts: asked only of the lines read as none (a list's few).
    // The records are made (a million objects in a large list) only when such a heading is there.
    const read = new Set(accounts.map((a) => a.line));
    if (otherServiceLogins(lines, notRead(rejected, skipped), (line) => pairAt[line - 1]! > 0 || read.has(line)).size > 0) {
      const all = columns.records();
      refuseOtherServiceLogins(lines, all, rejected, notRead(rejected, skipped));
      rejected.sort((a, b) => a.line - b.line);
      return { format: 'plain', accounts: all, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
    }
    return { format: 'plain', accounts: [], columns, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
  }
  if (columns) {
    const all = columns.records();
    accounts.length = 0;
    // A loop, not a spread: a million arguments overflow the stack.
    for (const a of all) accounts.push(a);
  }
  // `discord:Pass1` among the accounts is one of them, not the shop's handle (network-logins.ts).
  if (handles.length > 0) {
    const accountAt = new Set(accounts.map((a) => a.line - 1));
    const roleAt = (i: number): LineRole => (accountAt.has(i) ? 'account' : isSkipped(prepared[i]!) ? 'blank' : 'other');
    // Plainly a list of accounts: a few, and more of them than lines refused for other reasons.
    const others = rejected.length - handles.length;
    for (const { i, s } of networkLoginLines(handles, layout, lines.length, roleAt, accounts.length >= 2 && others < accounts.length)) {
      const r = splitListLine(s, withNetworkLogins(layout));
      if ('reason' in r) continue;
      rejected.splice(rejected.findIndex((j) => j.line === i + 1), 1);
      accounts.push(listAccount(r, undefined, i));
      adopted = true;
    }
    for (const { i, s } of handles) {
      const hint = networkLoginHint(s, layout);
      const j = hint ? rejected.find((r) => r.line === i + 1) : undefined;
      if (j) j.reason += hint;
    }
  }
  if (adopted) accounts.sort((a, b) => a.line - b.line);
  // `user:pass (1)`, `user:pass (2)`: a counter, not levels (line-counters.ts). Under a header or
  // `--columns` naming a level column, its numbers are levels by that name, as a level word states
  // one: `30`, `31`, `32` down a sheet's `Level` column were dropped as a counter's run.
  if (!layout.roles?.includes('level')) withoutCounters(accounts, (a) => prepared[a.line - 1]);
  // The pairs, when taken as columns above, are among these records now: not counted twice.
  if (bareLevels) refuseLoneBareLevels(accounts, rejected, bareLevels, tailed, columns ? 0 : paired);
  readPastSignature(lines, lastAccountLine(accounts, undefined), rejected, skipped);
  // `MySQL login:` / `root:x`: a database's or a server's login its heading names, no game account (site-logins.ts).
  if (refuseOtherServiceLogins(lines, accounts, rejected, notRead(rejected, skipped))) rejected.sort((a, b) => a.line - b.line);
  return { format: 'plain', accounts, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

/** The lines a list refused or read past: where a heading above some accounts may stand. */
function notRead(rejected: readonly Rejection[], skipped: readonly { line: number }[]): number[] {
  return [...rejected.map((r) => r.line), ...skipped.map((k) => k.line)];
}

/**
 * `ash02:Pw 2` among `user:pass` lines: a number after a blank closing the line, with no level
 * word, bracket or mark to say it is a note. Where most lines of the list (two at least) close
 * with a seller's note after a blank (`user:pass 30`, `lvl31`, `banned`: line-tail.ts), it is one
 * of them, as a `:30` on most lines is a column (list-layout.ts); on a line or a few alone, a
 * level typed there or a password holding a blank (`Pw 2`)? Unsure, those lines are refused,
 * never read either way. `lines`: theirs (1-based); `tailed`: the accounts with a note
 * after a blank; `paired`: those taken in one scan (plain-pairs.ts), which have no blank.
 */
function refuseLoneBareLevels(accounts: DumpAccount[], rejected: Rejection[], lines: ReadonlySet<number>, tailed: number, paired: number): void {
  if (tailed >= 2 && tailed >= (accounts.length + paired) * 0.6) return;
  let w = 0;
  for (const a of accounts) {
    if (a.level !== undefined && lines.has(a.line)) rejected.push({ line: a.line, reason: LONE_BARE_LEVEL });
    else accounts[w++] = a;
  }
  if (w === accounts.length) return;
  accounts.length = w;
  rejected.sort((a, b) => a.line - b.line);
}

const LONE_BARE_LEVEL =
  "a number alone after a blank closing the password (`user:pass 30`), where most of the list's lines close with no such note: a level typed on this line, or the password's own end (a password may hold a blank)? unsure, not imported; write the level with its word (`user:pass L30`)";

/** Labelled items that name an account; undefined for none or a refusal (the line is then judged as the list reads it). */
function whole(items: ReturnType<typeof labelledItems>): ReturnType<typeof labelledItems> {
  return items && !('reason' in items) ? items : undefined;
}

const FIELD_OR_PASSWORD = "unsure: after the login only what reads as a checker's field (a statistic, a level, a verdict), which may be its password";

/**
 * A row of the header's cells whose login and password cells are empty, and no address in its
 * e-mail cell (a sheet's total row writes its `Total` label there): a sum or a blank row.
 */
function accountCellsEmpty(s: string, sep: string, roles: readonly string[]): boolean {
  if (sep === ' ' || (!s.includes(sep + sep) && !s.startsWith(sep))) return false;
  const cells = s.split(sep);
  if (cells.length !== roles.length) return false;
  return roles.every((role, i) => (role === 'email' ? !cells[i]!.includes('@') : role !== 'user' && role !== 'pass') || cells[i]!.trim() === '');
}

/** The row after its first cell, when that cell is a provider's word (`PTC`, `google`, RocketMap's old `gmail`); else the row. */
function afterProviderCell(s: string, sep: string): string {
  const at = s.indexOf(sep);
  return at > 0 && /^\s*(?:ptc|google|gmail)\s*$/i.test(s.slice(0, at)) ? s.slice(at + sep.length) : s;
}

/** The cell under the header's password column holds words between blanks and no digit (the line is prose). */
function sentenceAsPassword(s: string, layout: { sep: string; roles?: readonly string[] }): boolean {
  const p = layout.roles?.indexOf('pass') ?? -1;
  if (p < 0 || layout.sep === '\t') return false;
  const cell = s.split(layout.sep)[p]?.trim() ?? '';
  return /\S\s+\S/.test(cell) && !/\d/.test(cell);
}

/** The line with content above line `i` (0-based), or ''. */
export function previousContent(lines: readonly string[], i: number): string {
  for (let j = i - 1; j >= 0; j--) if (!isSkipped(lines[j]!)) return lines[j]!;
  return '';
}

/** How many fields `sep` splits the line into. */
function fieldCount(s: string, sep: string): number {
  let n = 1;
  for (let i = s.indexOf(sep); i >= 0; i = s.indexOf(sep, i + 1)) n++;
  return n;
}

/** The last 1-based line read as an account, of the records and the pairs taken in one scan; 0 for none. */
function lastAccountLine(accounts: readonly DumpAccount[], pairAt: Int32Array | undefined): number {
  let last = accounts.length > 0 ? accounts[accounts.length - 1]!.line : 0;
  if (pairAt) {
    for (let i = pairAt.length - 1; i >= last; i--) {
      if (pairAt[i]! > 0) {
        last = i + 1;
        break;
      }
    }
  }
  return last;
}

/** Two records with a level: the fewest a counter's run has (line-counters.ts). */
function hasTwoLevels(accounts: DumpAccount[]): boolean {
  let n = 0;
  for (const a of accounts) if (a.level !== undefined && ++n === 2) return true;
  return false;
}

/** The account of line `i` (0-based), with the level and provider its notes gave. */
function listAccount(r: { username: string; password: string; provider?: Provider; level?: number; state?: State }, notes: LineNotes | undefined, i: number): DumpAccount {
  // Built field by field, not spread: 100,000 of these share one object shape.
  const account: DumpAccount = { username: r.username, password: r.password, line: i + 1 };
  if (r.provider || notes?.provider) account.provider = r.provider ?? notes!.provider;
  if (r.level !== undefined || notes?.level !== undefined) account.level = r.level ?? notes!.level;
  if (r.state || notes?.state) account.state = r.state ?? notes!.state;
  return account;
}

export const plain: DumpFormat = { name: 'plain', detect: detectPlain, parse: parsePlain, textOnly: true };
