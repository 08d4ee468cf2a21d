// The registry: every reader, how one is chosen for a dump, and the scanner-file writers.
// The content chooses the reader (the file name is only a hint, used by checker outputs whose
// verdict is in the name), so an operator never has to say what a dump is.
import { withCheckerTags } from './lists/checker-tags.js';
import { better, parseWith, rank, readWith, refuseWholeFile, rejectedSummary, type ReadOptions } from './choose.js';
import { createEml, type NestedReader } from './mail/eml.js';
import { createHtml } from './mail/html.js';
import { createTelegramJson } from './mail/telegram-json.js';
import { createTelegramHtml } from './mail/telegram-folder.js';
import { createDiscordJson } from './mail/discord-json.js';
import { createDiscordCsv } from './mail/discord-csv.js';
import { createDiscordTxt } from './mail/discord-txt.js';
import { createDiscordHtml } from './mail/discord-html.js';
import { createWhatsappTxt } from './mail/whatsapp-chat.js';
import { createMessengerJson } from './mail/messenger-json.js';
import { createMessengerHtml } from './mail/messenger-html.js';
import { createSlackJson } from './mail/slack-json.js';
import { createSkypeJson } from './mail/skype-json.js';
import { createLineTxt } from './mail/line-txt.js';
import { emailText } from './mail/email-text.js';
import { withPasswordSentencesAsProse } from './mail/password-sentences.js';
import { lonePasswordCorrections } from './mail/lone-corrections.js';
import { holdsArrowCorrection } from './mail/email-text.js';
import { json } from './json.js';
import { loginMap } from './login-map.js';
import { jsonl, writeJsonl } from './jsonl.js';
import { createMbox } from './mail/mbox.js';
import { createEmlx } from './mail/emlx.js';
import type { CarryCheck } from './carry.js';
import { monocle, writeMonocle } from './tools/monocle.js';
import { plain } from './lists/plain.js';
import { rocketmap, writeRocketmap } from './tools/rocketmap.js';
import { DumpError, NoAccountsError, type DumpFormat, type DumpInput, type DumpResult } from './types.js';
import { bracedMembers } from './json-members.js';
import { createVerdictFiles } from './tools/verdict-files.js';
import { kinancity } from './tools/kinancity.js';
import { kinancityConsole } from './tools/kinancity-console.js';
import { creatorConsole } from './tools/creator-console.js';
import { pallettownConsole } from './tools/pallettown-console.js';
import { variableEchoConsole } from './tools/variable-echo-console.js';
import { creatorSuccess } from './tools/creator-success.js';
import { anonymousScripterConsole } from './tools/anonymous-scripter-console.js';
import { pikaptcha } from './tools/pikaptcha.js';
import { pokealert } from './tools/pokealert.js';
import { pokemongoBot } from './tools/pokemongo-bot.js';
import { jabbinkBot } from './tools/jabbink-bot.js';
import { blossomConfig } from './tools/blossom-config.js';
import { catchemBatch } from './tools/catchem-batch.js';
import { botAccounts } from './tools/bot-accounts.js';
import { openpogobot } from './tools/openpogobot.js';
import { yamlLogin } from './tools/yaml-login.js';
import { necrobot } from './tools/necrobot.js';
import { dotnetAppConfig } from './tools/dotnet-app-config.js';
import { datacontractAccounts } from './tools/datacontract-accounts.js';
import { xmlserializerAccounts } from './tools/xmlserializer-accounts.js';
import { xmldocumentConfig } from './tools/xmldocument-config.js';
import { botmanagerPtcAccounts } from './tools/botmanager-ptc-accounts.js';
import { pokewatchConfig } from './tools/pokewatch-config.js';
import { projectMewConfig } from './tools/projectmew-config.js';
import { pokenurseAccount } from './tools/pokenurse-account.js';
import { loginVariables } from './tools/login-variables.js';
import { pokemasterProfile } from './tools/pokemaster-profile.js';
import { pokegoSlaveSettings } from './tools/pokego-slave-settings.js';
import { ptcAccGen } from './tools/ptc-acc-gen.js';
import { rocketmapConfig } from './tools/rocketmap-config.js';
import { rocketmapCommand } from './tools/rocketmap-command.js';
import { monoclePickle } from './tools/monocle-pickle.js';
import { sqlite } from './databases/sqlite-stores.js';
import { monoclePrint } from './tools/monocle-print.js';
import { pokemongoMapIni } from './tools/pokemongo-map-ini.js';
import { pythonAccounts } from './tools/python-accounts.js';
import { jsConfig } from './tools/js-config.js';
import { pgpoolDump } from './databases/pgpool-dump.js';
import { pgpoolTsv } from './databases/pgpool-tsv.js';
import { pgpoolTable } from './databases/pgpool-table.js';
import { mysqlXml } from './databases/mysql-xml.js';
import { isBinaryStore, splitLines } from './decode.js';
import { correctionsOf } from './corrected-list.js';
import { statingName, withStatedLevel } from './stated-level.js';
import { passwordlessTable, passwordlessTableIn } from './lists/passwordless-tables.js';
import { settingsAccountLists } from './tools/settings-account-lists.js';
import { createKubernetesDataFiles } from './tools/kubernetes-data-files.js';
import { companionRefusals, unreadableEnvFormat } from './tools/container-companions.js';
import { extendedEnvFormat } from './tools/extends-env-formats.js';
import { extendsLinks } from './tools/compose-extends.js';
import { unreadBases } from './tools/extends-variables.js';
import { rocketmapPlainLogins, ROCKETMAP_PLAIN_REASON } from './tools/rocketmap-plain-logins.js';
import { overrideSettings } from './tools/compose-override.js';
import { isComposeFile } from './tools/compose-interpolation.js';
import { yamlShapeProblem } from '../yaml-shape.js';
import { blankText, textHas } from './streamed-input.js';
import { longLineError, longLineOf } from './lists/long-lines.js';

export { toDumpInput } from './decode.js';

const readNested: NestedReader = async (input, options) => {
  const formats = options?.exclude ? FORMATS.filter((f) => !options.exclude!.includes(f.name)) : FORMATS;
  const ranked = rank(input, formats);
  // A mail's body no reader claims is still a letter: its lines are read as the mail reader reads
  // them, so a later message's `gmacc2 계정의 새 비밀번호: X` is a sentence for the accounts before it
  // (later-corrections.ts), never a body read as nothing and an old password kept silently.
  // A part with a line longer than any list's (a 30 MB text attachment on one line) that no reader
  // of whole documents claims is refused naming that line, as the file dropped alone is (long-lines.ts):
  // never passed over, so the mail is never "a letter without accounts" while its attachment went unread.
  const long = ranked.length === 0 ? longLineOf(input.text) : undefined;
  if (long) throw longLineError(input, long);
  if (ranked.length === 0 && !options?.mailBody) return null;
  let result = await parseWith(ranked[0]?.format ?? emailText, input);
  // A mail's body is a list as much as a letter: when the mail reader reads the same accounts
  // as the list reader, its greeting and footer are prose it skips, not lines to reject.
  // One holding an arrow correction (`gmacc2 -> X` below `gmacc2:Old`) is a letter: the list reader made the arrow an account.
  if (options?.mailBody && ranked[0]?.format === plain) {
    const letter = await parseWith(emailText, input).catch(() => result);
    // One whose sentence corrects an account of its list (`Sorry, the new password for ash01 is X`): the letter's read applies it (corrected-list.ts).
    result = letter !== result && (holdsArrowCorrection(input.text) || correctionsOf(result, letter)) ? letter : better(result, letter, input.text, true);
  }
  // `Sorry, new password: X`: a sentence the list reader split at its comma, no account `Sorry` (password-sentences.ts).
  if (options?.mailBody) result = withPasswordSentencesAsProse(result, input.text);
  // A body's headings and product lines, decoded (a quoted-printable or base64 body states nothing in the file's raw text).
  if (options?.mailBody && result.accounts.length > 0) result = withStatedLevel(result, input, statingName(input));
  if (options?.attachment && result.accounts.length > 0) {
    // An attached file is a file: refused for what the whole of it shows (a proxy table, a header
    // naming no password), and its own name or product lines state its level, as when it is dropped.
    refuseWholeFile(input, result, ranked[0]!.format.name, ranked.map((r) => `${r.format.name} ${r.score.toFixed(2)}`).join(', '), true);
    result = withStatedLevel(result, input, statingName(input));
  }
  // An attachment that is only a table of logins and notes (`Username,Comment`): nothing was read,
  // and its rows would be named one by one as "a table row"; the file is named for what it is,
  // as when it is dropped (passwordless-tables.ts). A mail's body is a letter, not such a table.
  if (options?.attachment && result.accounts.length === 0 && result.rejected.length > 0) {
    const table = passwordlessTable(input.text);
    if (table) throw new DumpError(`no accounts found; it looks like ${table}`, input.name);
  }
  // The same table in a mail's body, between the greeting and the sign-off: its rows are no
  // accounts (read as a list, `ash_k01,main` was ash_k01 / main), and the body is named for the
  // table it holds, as the attached file is; accounts elsewhere in the body stay.
  if (options?.mailBody) {
    const table = passwordlessTableIn(input.text);
    if (table) {
      const outside = (line: number) => line < table.first || line > table.last;
      const accounts = result.accounts.filter((a) => outside(a.line));
      if (accounts.length === 0) throw new DumpError(`no accounts found; it looks like ${table.what}`, input.name);
      result = { ...result, accounts, rejected: [...result.rejected.filter((r) => outside(r.line)), { line: table.first, reason: `it looks like ${table.what}` }].sort((a, b) => a.line - b.line) };
    }
  }
  return result.accounts.length > 0 || result.rejected.length > 0 || (result.skipped?.length ?? 0) > 0 ? result : null;
};

const eml = createEml(readNested);

/** In tie-break order: when two readers are equally sure, the earlier (more specific) one wins. */
export const FORMATS: DumpFormat[] = [
  createVerdictFiles(readNested),
  monoclePickle,
  sqlite,
  createMbox(eml),
  createEmlx(eml),
  eml,
  createTelegramHtml(readNested),
  createDiscordHtml(readNested),
  createHtml(eml),
  createTelegramJson(readNested),
  createDiscordJson(readNested),
  createDiscordCsv(readNested),
  createDiscordTxt(readNested),
  createWhatsappTxt(readNested),
  createLineTxt(readNested),
  createMessengerJson(readNested),
  createMessengerHtml(readNested),
  createSlackJson(readNested),
  createSkypeJson(readNested),
  createKubernetesDataFiles(readNested),
  pokemongoBot,
  jabbinkBot,
  blossomConfig,
  catchemBatch,
  botAccounts,
  openpogobot,
  yamlLogin,
  necrobot,
  dotnetAppConfig,
  datacontractAccounts,
  xmlserializerAccounts,
  xmldocumentConfig,
  botmanagerPtcAccounts,
  pokewatchConfig,
  projectMewConfig,
  pokenurseAccount,
  pokemasterProfile,
  pokegoSlaveSettings,
  loginVariables,
  json,
  settingsAccountLists,
  pgpoolDump,
  monoclePrint,
  pythonAccounts,
  jsConfig,
  pokemongoMapIni,
  pgpoolTsv,
  pgpoolTable,
  mysqlXml,
  jsonl,
  monocle,
  kinancity,
  kinancityConsole,
  creatorConsole,
  pallettownConsole,
  variableEchoConsole,
  creatorSuccess,
  anonymousScripterConsole,
  ptcAccGen,
  pikaptcha,
  rocketmapConfig,
  rocketmapCommand,
  pokealert,
  rocketmap,
  emailText,
  plain,
  loginMap,
];

/** The reader `readDump` would use for this dump, if any claims it. */
export function detectFormat(input: DumpInput): DumpFormat | undefined {
  return rank(input, FORMATS)[0]?.format;
}

/**
 * Read one dump with the reader surest it can (or the one `options.format` names); fails, naming
 * what it saw, when the dump holds no accounts or the choice of reader is unsure (choose.ts).
 */
export async function readDump(input: DumpInput, options: ReadOptions = {}): Promise<DumpResult> {
  // (A dump read from its file in pieces is text, never a binary store: file-lines.ts.)
  if (blankText(input) && (input.lines || !isBinaryStore(input.bytes))) throw new DumpError('is empty', input.name);
  if (!options.format) refuseUnclaimedCompose(input);
  if (!options.format) refuseUnreadableEnvFormat(input);
  if (!options.format) refuseDeepManifest(input);
  const result = await withCompanionRefusals(input, () => readWith(input, FORMATS, options)).catch(async (error: unknown) => {
    // `"PtcUsername": "x",` lines without their object's braces (json-members.ts): read as that object.
    const braced = !options.format && error instanceof NoAccountsError ? bracedMembers(input) : undefined;
    const read = braced && (await readWith(braced, FORMATS, options).catch(() => undefined));
    if (!read) throw error;
    return read;
  });
  // A letter pasted as text is a mail read alone, as an .eml is (eml.ts): "Sorry, the new password
  // for gmacc9 is X" about a login it does not deliver is refused by its line, offered to the pool.
  // `[CHECKING] user:pass` before its `[HIT] user:pass`: the progress line is the console's log, no second account;
  // `[CAPTCHA] user:pass`, `[ERROR] user:pass - e`: the captcha flag, a failed check (checker-tags.ts).
  const read = result.format === 'plain' || result.format === 'email-text' ? withCheckerTags(result, input.text) : result;
  const told = read.format === 'email-text' ? lonePasswordCorrections(read, splitLines(input.text)) : read;
  return input.charsetRead ? { ...told, notes: [...(told.notes ?? []), `the file is not UTF-8 and names no charset: read as ${input.charsetRead}, the one its accented letters' bytes fit`] } : told;
}

/**
 * A compose file no program's reader claims (the top reader is a letter's or a list's), refused
 * by its lines before any reader guesses at its `USERNAME=` lines; `--format` still forces one.
 * Either its services extend bases the dump lacks: the image (and so the program) compose runs
 * them with may be named only in what is missing (extends-variables.ts extendsInto follows the
 * chain where it is there), so each `extends:` line is named with the missing file. Or its
 * RocketMap services (by their image, or their `extends:` chain's) set only plain
 * `USERNAME`/`PASSWORD`, which RocketMap never reads (rocketmap-plain-logins.ts): named as
 * RocketMap's. The readers are ranked once, and only for such a file.
 */
function refuseUnclaimedCompose(input: DumpInput): void {
  const mayExtend = /^[ \t]+extends[ \t]*:/m.test(input.text);
  const mayLogIn = /USERNAME|PASSWORD/.test(input.text) && /rocketmap/i.test(input.text + [...(input.beside?.files.values() ?? [])].join('\n'));
  if (!mayExtend && !mayLogIn) return;
  const lines = splitLines(input.text);
  if (!isComposeFile(lines)) return;
  const unread = mayExtend ? unreadBases(lines, input.name, input.beside) : [];
  const plain = unread.length === 0 && mayLogIn ? rocketmapPlainLogins(lines, input.name, input.beside) : [];
  if (unread.length === 0 && plain.length === 0) return;
  const top = detectFormat(input);
  if (top && top.name !== 'email-text' && top.name !== 'plain') return;
  if (unread.length > 0) {
    const said = unread.map((u) => `line ${u.line}: ${u.problem}`).join('; ');
    throw new DumpError(`${said}; the program compose runs ${unread.length === 1 ? 'that service' : 'those services'} with is named only there, so no reader was chosen and nothing of this file is imported`, input.name);
  }
  throw new DumpError(`line${plain.length > 1 ? 's' : ''} ${plain.join(', ')}: ${ROCKETMAP_PLAIN_REASON}; nothing of this file is imported`, input.name);
}

/**
 * A compose file one of whose services names an env file of a `format:` compose does not read,
 * itself or through the base of another file it extends: compose refuses the whole project
 * (container-companions.ts unreadableEnvFormat, extends-env-formats.ts), so the file is refused
 * whole by that line, never read service by service; `--format` still forces a reader.
 */
function refuseUnreadableEnvFormat(input: DumpInput): void {
  // Its own entries' `format:`, or a base's of another file its services extend (extends-env-formats.ts).
  if (!/^[ \t]+(?:-[ \t]+)?(?:\{[^}]*)?format[ \t]*:/m.test(input.text) && !(input.beside && /^[ \t]+extends[ \t]*:/m.test(input.text))) return;
  const lines = splitLines(input.text);
  if (!isComposeFile(lines)) return;
  const found = unreadableEnvFormat(lines, input.beside) ?? extendedEnvFormat(lines, input.name, input.beside);
  if (found) throw new DumpError(found.reason, input.name, found.line);
}

/**
 * A Kubernetes manifest (`apiVersion:` and `kind:` lines) nesting `[`/`{` past what any manifest
 * does: its envFrom and KeyRef values are never handed to the yaml package, whose recursion aborts
 * the process on deep enough nesting (yaml-shape.ts), so the file is refused whole by that line
 * rather than read without them.
 */
function refuseDeepManifest(input: DumpInput): void {
  if (!/^apiVersion[ \t]*:/m.test(input.text) || !/^kind[ \t]*:/m.test(input.text)) return;
  const deep = yamlShapeProblem(input.text, Infinity);
  if (deep) throw new DumpError(`a Kubernetes manifest that ${deep.what} (no manifest does; the YAML parser is not asked to read it); nothing of this file is imported`, input.name, deep.line);
}

/** How compose-interpolation.ts says a value needs a variable of the operator's shell or `.env`. */
const OPERATOR_VARIABLE = "a variable of the operator's";
const READ_ALONE = "the compose file was read alone, without the .env beside it that compose takes its variables from (a .env dropped into the inbox alone is a hidden file the watcher never takes; drop the folder zipped, or run accountpool import on the folder)";

/**
 * A container file read with the files beside it (DumpInput.beside): an env file it names that was
 * not read is said by its line (container-companions.ts companionRefusals), also when nothing else
 * was read, so a compose file whose accounts were in a refused env file says why.
 */
async function withCompanionRefusals(input: DumpInput, read: () => Promise<DumpResult>): Promise<DumpResult> {
  // Read alone (no folder or archive around it), a compose file that finds nothing says which env files it lacked.
  // (A large list holding `$` in its passwords never comes here: only a file with a `services:` block, split into lines again below.)
  // (Each asked of the pieces of a dump read so: streamed-input.ts.)
  // The usual file names none of the three: one pass over it, not two.
  if (!input.beside && !textHas(input, /env_file|^[ \t]+extends[ \t]*:|^services:[ \t]*(?:#.*)?$/m)) return read();
  if (!input.beside && !textHas(input, /env_file|^[ \t]+extends[ \t]*:/m) && !(textHas(input, /^services:[ \t]*(?:#.*)?$/m) && textHas(input, /\$\{?[A-Za-z_]/))) return read();
  const alone = !input.beside;
  const { rejected, notes } = companionRefusals(input.text, input.beside ?? { dir: '', files: new Map(), refused: new Map() });
  // Alone, the compose files its services extend (compose-extends.ts) are not read either.
  if (alone) for (const l of extendsLinks(splitLines(input.text))) if (l.file !== undefined) notes.push(`line ${l.line}: extends service ${l.service} of ${l.file}, which is not in this dump: the service's settings from it were not read`);
  if (alone) {
    // A value refused for a variable compose takes from the `.env` beside the file: say where that is read.
    const lacksDotEnv = (said: string) => isComposeFile(splitLines(input.text)) && said.includes(OPERATOR_VARIABLE);
    const result = await read().catch((error: unknown) => {
      if (!(error instanceof NoAccountsError) || (notes.length === 0 && !lacksDotEnv(error.message))) throw error;
      const said = [...(notes.length > 0 ? [`${notes.join('; ')} (import the folder or archive holding them with it)`] : []), ...(lacksDotEnv(error.message) ? [READ_ALONE] : [])];
      throw new NoAccountsError(`${error.message.slice(error.file.length + 2)}; ${said.join('; ')}`, error.file, error.rejectedLines);
    });
    return lacksDotEnv(result.rejected.map((r) => r.reason).join('\n')) ? { ...result, notes: [...(result.notes ?? []), READ_ALONE] } : result;
  }
  if (rejected.length === 0 && notes.length === 0) return withOverrideRefusals(input, await read());
  let result: DumpResult;
  try {
    result = await read();
  } catch (error) {
    const said = [...rejected.map((r) => `line ${r.line}: ${r.reason}`), ...notes].join('; ');
    if (!(error instanceof DumpError)) throw error;
    const own = error.message.slice(error.line ? `${error.file}:${error.line}: `.length : error.file.length + 2);
    throw error instanceof NoAccountsError ? new NoAccountsError(`${own}; ${said}`, error.file, error.rejectedLines) : new DumpError(`${own}; ${said}`, error.file, error.line);
  }
  return withOverrideRefusals(input, { ...result, rejected: [...result.rejected, ...rejected].sort((a, b) => a.line - b.line), ...(notes.length > 0 ? { notes: [...(result.notes ?? []), ...notes] } : {}) });
}

/**
 * A compose file's accounts in a service whose account-deciding settings its override changes
 * beyond `environment:` (compose-override.ts): refused by their lines, naming the override's line,
 * never read as this file alone gives them. None left: refused whole, as a file of no account.
 */
function withOverrideRefusals(input: DumpInput, result: DumpResult): DumpResult {
  const unsure = overrideSettings(splitLines(input.text), input.beside)?.unsure ?? [];
  if (unsure.length === 0) return result;
  const spanOf = (line: number) => unsure.find((u) => u.span.from <= line && line <= u.span.to);
  const refused = result.accounts.filter((a) => spanOf(a.line) !== undefined);
  if (refused.length === 0) return result;
  const rejected = [...result.rejected, ...refused.map((a) => ({ line: a.line, reason: spanOf(a.line)!.reason }))].sort((a, b) => a.line - b.line);
  const accounts = result.accounts.filter((a) => spanOf(a.line) === undefined);
  if (accounts.length === 0) throw new NoAccountsError(`no accounts found; read as ${result.format}; ${rejectedSummary(rejected.length, rejected)}`, input.name, rejected.length);
  return { ...result, accounts, rejected };
}

/** Whether `import --format NAME` reads a big file in pieces (DumpFormat.piecewise). */
export function readsInPieces(name: string | undefined): boolean {
  return FORMATS.some((f) => f.name === name && f.piecewise === true);
}

/** The readers' names, for `import --format` and its help. */
export function formatNames(): string[] {
  return FORMATS.map((f) => f.name);
}

export { CARRY_CHECKS, WRITERS, type Writer } from './writers.js';
export { writeJsonl, writeMonocle, writeRocketmap };
export type { CarryCheck };
export type { NestedReader };
