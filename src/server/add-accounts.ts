// PGPool's `POST /account/add` (richardsang2008/PGPool pgpool.py `account_add`, ngovil21's
// add_account branch merged there; the only PGPool that has it): accounts for the pool from its
// web form (a textarea of lines, a level, a condition), the same fields in the query, or JSON:
// `{"accounts": [{username, password, auth_service}, ...], "level": 30, "condition": "good"}`
// (its first version) or one account object with `input_level` (its last).
//
// Read here into the updates /account/update applies (updates.ts), so an account the pool knows
// gets the posted password, provider and level, and one it does not is added as a post adds it.
// Where PGPool's load_accounts lost an account without a word, the whole post is refused, naming
// the line and why, and nothing is added: a line of four comma fields (a password holding a comma)
// was skipped, `user:pa:ss` kept the password `pa`, a line of one word ended in a 500.
// So is a post with an account the pool cannot take as posted (addRefusal, thrown by the add job
// before it stages anything): a 200 always means every posted account is in the pool as posted.
import { MAX_UPDATES_PER_POST, parseUpdates, type Post } from './updates.js';
import { badRequest, HttpError, parseJsonBody, utf8Body } from './http.js';
import { formBody } from './form-body.js';
import { unencodedAccountsProblem } from './unencoded-form.js';
import { pythonStrip } from '../formats/python-space.js';
import { isHeaderLine } from '../formats/lists/line-kinds.js';
import { placeholderProblem } from '../formats/account-rules.js';
import { counted } from '../counted-noun.js';
import { postedValue, postedValueInline } from './posted-value.js';

/** PGPool's answer, with its status 503, when a post holds no accounts at all. */
export const NO_ACCOUNTS = 'No accounts provided, or data not parseable';

/**
 * The level of an account added without one: PGPool's `data.get('level', 1)` in every version of
 * add_account (a63040a to fcfb99b). An account the pool knows keeps its own (PGPool set 1 on it,
 * so a level-30 account posted again without a level could no longer be asked for as one).
 */
export const ADDED_LEVEL = 1;

/** richardsang2008's add_account sets a posted `input_level` only above this (`if a['input_level'] > 29`). */
const LEVEL_UP_FROM = 29;

/** The form's `condition` (force_account_condition): the flags it sets, as a post would say them. */
const CONDITIONS: Record<string, Record<string, boolean>> = {
  good: { banned: false, shadowbanned: false, captcha: false, ban_flag: false },
  banned: { banned: true, shadowbanned: false, captcha: false, ban_flag: false },
  blind: { banned: false, shadowbanned: true, captcha: false, ban_flag: false },
  captcha: { banned: false, shadowbanned: false, captcha: true, ban_flag: false },
};

/** Python's str.splitlines() separators: the form's textarea is split as PGPool split it. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export interface AddPost {
  post: Post;
  /** One JSON account object was posted: PGPool answered "Successfully added 1 account." */
  single: boolean;
}

/** An account as posted, before the checks every post's fields go through (updates.ts). */
type Posted = Record<string, unknown>;
interface Item {
  /** `line 3` or `item 2`: where the operator finds it. */
  where: string;
  account?: Posted;
  problem?: string;
  /**
   * A line whose fields' roles are unsure (`ash01,Pika1234,30`: three fields, the first no provider,
   * so the "username" is the second, maybe a password): its refusal never quotes the username.
   */
  nameUnsure?: true;
}

/** One line of the form's textarea, in PGPool's three shapes; a problem for any other. */
function lineItem(line: string, n: number): Item | undefined {
  if (pythonStrip(line) === '') return undefined;
  const where = `line ${n}`;
  // A form field's bytes that were not UTF-8 (a Latin-1 file sent with curl -F 'accounts=<FILE')
  // were decoded to U+FFFD, as Werkzeug decoded them for PGPool: a password nobody has.
  if (line.includes('\uFFFD')) return { where, problem: 'holds U+FFFD, where bytes that are not UTF-8 were: send the accounts as UTF-8' };
  // `username,password` or `auth,username,password` atop a file: PGPool added the account "username"
  // with the password "password" (or the provider "auth"). Column names are no account; refused, not
  // skipped, as an account of such words is the operator's to post (as JSON), never our guess.
  if (isHeaderLine(line)) return { where, problem: 'its fields are column names (a header line), not an account: remove the line, or post such an account as JSON' };
  const fields = line.split(',');
  let auth = 'ptc';
  let pair: string[];
  if (fields.length === 3) [auth, ...pair] = fields.map(pythonStrip) as [string, string, string];
  else if (fields.length === 2) {
    pair = fields.map(pythonStrip);
    // `ptc,ash01`: PGPool took `ptc` for the login and `ash01` for its password; the password is missing.
    if (/^(?:ptc|google)$/i.test(pair[0]!)) return { where, problem: `"${pair[0]}" then one field: a provider and a login without its password` };
  }
  else if (fields.length === 1) {
    pair = line.split(':').map(pythonStrip);
    if (pair.length !== 2) return { where, problem: `${pair.length === 1 ? 'no' : pair.length - 1} ":" where username:password has one` };
  } else return { where, problem: `${fields.length} comma-separated fields, where auth,username,password has 3 (a password holding a comma cannot be told from its line)` };
  const [username, password] = pair as [string, string];
  if (username === '') return { where, problem: 'no username' };
  return { where, account: { username, password, auth_service: auth }, ...(fields.length === 3 && !/^(?:ptc|google)$/i.test(auth) ? { nameUnsure: true as const } : {}) };
}

function linesOf(text: string): Item[] {
  // A byte order mark opening the text is the file's (curl --data-urlencode accounts@FILE sends it), not the first login's.
  return text.replace(/^\uFEFF/, '').split(LINE_BREAK).flatMap((line, i) => lineItem(line, i + 1) ?? []);
}

/** The JSON account objects' items: username, password, auth_service, and a level of their own. */
function objectItems(values: unknown[]): Item[] {
  return values.map((value, i) => {
    const where = `item ${i + 1}`;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { where, problem: 'not a JSON object' };
    const { username, password, auth_service, input_level, level } = value as Posted;
    const account: Posted = { username, password };
    if (auth_service !== undefined) account.auth_service = auth_service;
    // input_level: what richardsang2008's version reads from a posted object, and only over 29 (it also
    // recorded when 30 was reached): Account-Manager's PgProxy posts its int's default 0 below 30, and
    // PGPool then left the level alone, so such a number is no level posted (fcfb99b add_account).
    // Python 2 orders any text above any number: a text is passed on, checked as every level is.
    const levelUp = input_level === undefined || input_level === null || (typeof input_level === 'number' && input_level <= LEVEL_UP_FROM) ? undefined : input_level;
    if (levelUp !== undefined || level !== undefined) account.level = levelUp ?? level;
    return { where, account };
  });
}

/** A form's or a JSON object's `level` and `condition`, checked: PGPool's MySQL refused what is not a level. */
function settings(level: unknown, condition: unknown): Posted {
  const shared: Posted = {};
  if (level !== undefined && level !== null && level !== '') {
    if (!(typeof level === 'number' || (typeof level === 'string' && /^\s*\d{1,4}\s*$/.test(level)))) throw badRequest(`level must be a whole number, not ${postedValue(level)}`);
    shared.level = level;
  }
  if (condition !== undefined && condition !== null && condition !== '' && condition !== 'unknown') {
    const key = String(condition).toLowerCase();
    if (typeof condition !== 'string' || !Object.hasOwn(CONDITIONS, key)) throw badRequest(`condition must be good, banned, blind, captcha or unknown, not ${postedValue(condition)}`);
    Object.assign(shared, CONDITIONS[key]);
  }
  return shared;
}

/** What the JSON body holds: items, the post's level and condition, and whether it was one account. */
function jsonItems(body: unknown): { items: Item[]; shared: Posted; single: boolean } | undefined {
  if (Array.isArray(body)) return { items: objectItems(body), shared: {}, single: false };
  if (body === null || typeof body !== 'object') return undefined;
  const object = body as Posted;
  const shared = settings(object.level, object.condition);
  if (object.accounts !== undefined) {
    const { accounts } = object;
    if (typeof accounts === 'string') return { items: linesOf(accounts), shared, single: false };
    if (Array.isArray(accounts)) return { items: objectItems(accounts), shared, single: false };
    if (accounts !== null && typeof accounts === 'object') return { items: objectItems([accounts]), shared, single: false };
    return undefined;
  }
  if (object.username === undefined) return undefined;
  // One account object: its own level is read by objectItems, never twice as the post's.
  delete shared.level;
  return { items: objectItems([object]), shared, single: true };
}

/** The body as JSON; what is not says how else accounts may come (`curl --data-binary @accounts.csv` posts bare lines). */
function jsonBody(text: string): unknown {
  try {
    return parseJsonBody(text);
  } catch (error) {
    if (error instanceof HttpError) throw badRequest(`${error.message}; or post the lines as the form's accounts field (curl --data-urlencode accounts@FILE)`);
    throw error;
  }
}

/** Why an account as read is refused, from what the update reader kept of it; undefined when it is whole. */
function refusal(account: Posted, read: Post): string | undefined {
  const kept = read.updates[0];
  if (!kept) return read.skipped[0] ?? 'not read';
  if (typeof account.password !== 'string' || account.password === '') return 'no password';
  // A template's row or a hidden password, refused by import's rule (account-rules.ts).
  if (typeof account.username === 'string') {
    const placeholder = placeholderProblem(account.username, account.password);
    if (placeholder) return placeholder;
  }
  if (kept.password === undefined) return 'a password no game takes (a control character, or too long)';
  if (account.auth_service !== undefined && kept.provider === undefined) return `auth_service ${postedValueInline(account.auth_service)} is neither ptc nor google`;
  if (account.level !== undefined && kept.level === undefined) return `level ${postedValueInline(account.level)} is not a level`;
  return undefined;
}

/**
 * The accounts of a POST /account/add, as updates. Throws 503 with PGPool's message when none
 * were posted, 400 naming the lines or items that do not read (nothing is then added).
 */
export async function parseAddPost(contentType: string | undefined, body: Buffer, query: URLSearchParams, rawQuery = ''): Promise<AddPost> {
  const form = await formBody(contentType, body);
  // PGPool's order: the form's fields, then the query's, then a JSON body.
  const fields = form?.fields.has('accounts') ? form.fields : query.has('accounts') ? query : undefined;
  let read: { items: Item[]; shared: Posted; single: boolean } | undefined;
  // A form whose accounts were never URL-encoded (GoManager's export) and hold what a form reader changes.
  if (fields && fields === form?.fields && form.unencoded) throw badRequest(form.unencoded);
  const unencodedQuery = fields === query ? unencodedAccountsProblem(rawQuery.replace(/^\?/, ''), ['token']) : undefined;
  if (unencodedQuery) throw badRequest(unencodedQuery);
  if (fields) read = { items: linesOf(fields.get('accounts')!), shared: settings(fields.get('level') ?? undefined, fields.get('condition') ?? undefined), single: false };
  else if (form === undefined && body.toString('latin1').trim() !== '') read = jsonItems(jsonBody(utf8Body(body)));
  if (!read || read.items.length === 0) {
    // `curl -F accounts=@new.csv` sends a file, which Flask kept out of request.form: PGPool's 503, and how to send it.
    const files = form?.files.length ? `: the file part ${JSON.stringify(form.files[0]!.slice(0, 40))} is not read, as PGPool did not read it; send the file's text as the field (curl -F 'accounts=<FILE' or --data-urlencode accounts@FILE)` : '';
    throw new HttpError(503, NO_ACCOUNTS + files);
  }
  if (read.items.length > MAX_UPDATES_PER_POST) throw badRequest(`too many accounts in one post: ${read.items.length}, the limit is ${MAX_UPDATES_PER_POST}`);
  const accounts = read.items.map((item) => (item.account ? { ...read.shared, ...item.account } : undefined));
  // Every account through the checks /account/update makes (one reader for both), each alone so that
  // an item that does not read is named by its own place.
  const post: Post = { updates: [], skipped: [] };
  const problems: string[] = [];
  read.items.forEach((item, i) => {
    const account = accounts[i];
    const parsed = account && parseUpdates(account);
    const problem = item.problem ?? refusal(account!, parsed!);
    // The username, when the line read as one, tells the operator which account (never its password).
    const who = typeof account?.username === 'string' && !item.nameUnsure ? ` (${JSON.stringify(account.username.slice(0, 64))})` : '';
    if (problem) problems.push(`${item.where}${who}: ${problem}`);
    else post.updates.push(parsed!.updates[0]!);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
    throw badRequest(`${problems.length} of ${counted(read.items.length, 'account')} do not read, nothing was added: ${shown}`);
  }
  return { post, single: read.single };
}

/** Up to five of `items`, then how many more. */
function some(items: string[]): string {
  return `${items.slice(0, 5).join('; ')}${items.length > 5 ? `; and ${items.length - 5} more` : ''}`;
}

/**
 * Why a post's accounts are refused together once the pool has been looked at, or undefined when
 * every one of them can be added as posted: a username no login can have, and another spelling of
 * an account the pool holds (a gmail address with dots or a +tag), whose posted password would not
 * be set. PGPool's add_account had no such answer (a username its MySQL column refused ended the
 * post in a 500, the accounts before it saved), and a 200 for part of a post is read as the whole
 * by `curl -f`, `requests`' raise_for_status and a browser alike: so nothing is added, as for a
 * line that does not read, and the post can be sent again fixed.
 */
export function addRefusal(counts: { accounts: number; skipped: string[]; respelled: string[] }): HttpError | undefined {
  const { skipped, respelled } = counts;
  if (skipped.length === 0 && respelled.length === 0) return undefined;
  const parts: string[] = [];
  if (skipped.length > 0) parts.push(`cannot be added: ${some(skipped)}`);
  if (respelled.length > 0) parts.push(`another spelling of an account in the pool, whose password would not be set (post it under the pool's spelling): ${some(respelled)}`);
  return badRequest(`${skipped.length + respelled.length} of ${counted(counts.accounts, 'account')} refused, nothing was added: ${parts.join('; ')}`);
}

/** PGPool's answer to a post it took whole: every account posted, added or updated, is counted. */
export function addAnswer(single: boolean, added: number): string {
  return single ? `Successfully added ${added} account.` : `Successfully added ${added} accounts.`;
}
