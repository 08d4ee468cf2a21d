// Which of a dump's fields beside the login a new account keeps (DumpAccount.history): the one rule
// every reader's fields pass on their way into the pool (import/merge.ts), so into its shards and
// every git commit pushed to peers. Readers keep a scanner's other columns and our export's fields
// so an operator moving a pool loses nothing; but a generic JSON's account object also held API
// keys, hashing keys, login tokens, proxy and database credentials beside the login (stop 47:
// PokéNurse's paid hashing key reached the shards). A list of bad names never ends, so the rule is
// the other way round, by what a value can hold:
//   - true/false and finite numbers: a scanner's flags, counters and statistics (no text in them);
//   - a date or time (`2017-07-22`, ISO, MySQL's `2017-07-22 14:53:11`): a scanner's times;
//   - text only under a name whose meaning accountpool knows: the model's `holder`
//     and the text columns of the scanners' state it reads (TEXT_FIELDS, each with its source);
//   - nothing else: other text, lists and objects are dropped, and named (never their values) in
//     the import's summary and its --dry-run, so the operator knows what stayed out;
//   - but a file our own export wrote keeps every field (DumpResult.exported): those are a pool's
//     own, put there by its operator ("Fields a user added by hand survive every rewrite", model.ts),
//     and moving a pool with export + import loses none of them.
// A field's name is kept only when it is words (FIELD_NAME): no control character, no quote, no escape;
// and never when it names a credential, a way to take the account over or personal data
// (withheld-field-names.ts), whatever its value, in a dump of any kind, our export's too: a numeric
// token is a password by another name, a PIN or a phone number lets someone take the account.
// Text kept must have a field's shape (field-text-shape.ts), or the account's line is refused.
import { fieldTextProblem } from './field-text-shape.js';
import { isWithheldName } from './withheld-field-names.js';
import { FIELD_ORDER } from './model.js';
import { isFingerprintList, REPLACED_FIELD } from './replaced-passwords.js';

/**
 * Text fields whose values are no secret, each a word, a name or a place the tool that writes it defines:
 * `holder` the model's (model.ts: the instance holding it, as a PGPool row's `system_id` gives it;
 *   its name passes the instance rule); not `source`, the file an account first came from: only
 *   our export writes it (and keeps it), another dump's `source` is something else, and the
 *   account's source is the file imported;
 * `served_to` the instance PGPool gave the account to, `email`, `team` and `tutorial_state` PGPool's
 *   columns (pgpool-row.ts; codename-art/PGPool `pgpool/models.py`);
 * `failed` and `group` RealDeviceMap's (rdm-account.ts), `instance_id` neskk/RocketMap's and
 *   `instance_name` its 2017 versions' and Alderon86/RocketMap F-HealthyAccountDB's (the scanner
 *   instance holding the account: rocketmap-account-db.ts), `behaviour` ShuckleTools', `last_uuid` and `last_instance`
 *   NodeController's, `login_type` and `last_burn_type` Map-A-Droid's `settings_pogoauth`
 *   (mad-pogoauth.ts), `purpose`, `region`, `last_reason`, `in_use_by` and `softban_location`
 *   pogoAccountServer's `accounts` (pogoaccountserver-accounts.ts): the account tables the
 *   PGPool readers read;
 * `nickname` and `last_login` NecroBot2's `Account` columns (necrobot-db.ts: `Model/Account.cs`);
 * `instance` a Monocle fork's worker name (monocle-flags.ts), `reason` why a Monocle fork benched
 *   the account (monocle-db.ts), `pac_status` Pogo-Account-Checker's status word (pac-status.ts).
 */
export const TEXT_FIELDS: ReadonlySet<string> = new Set([
  'holder',
  'served_to', 'email', 'team', 'tutorial_state',
  'failed', 'group', 'instance_id', 'instance_name', 'behaviour', 'last_uuid', 'last_instance', 'login_type', 'last_burn_type', 'purpose', 'region', 'last_reason', 'in_use_by', 'softban_location',
  'nickname', 'last_login',
  'instance', 'reason', 'pac_status',
]);

/** A field's name as a tool names a column or a field: words (pGo-create's `Date created`, PGPool's `last_modified`). */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_ .-]{0,63}$/;

/** A name the import's note shows (a generator's `Date created` too); others are counted, never shown. */
const SHOWN_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;

/** A date, or a date and time (ISO 8601, or SQL's with a blank), with no other text. */
const DATE_TIME = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;

/**
 * Whether a dump's field `name` holding `value` is kept on a new account; `exported` (a file our
 * export wrote): every field of the pool's own but those withheld by their name.
 */
export function isKeptField(name: string, value: unknown, exported = false): boolean {
  // The fingerprints of the passwords the pool replaced (replaced-passwords.ts): a moved pool
  // keeps them, or a list re-dropped there gives an account its older password back. Its name is
  // withheld ("passw"), and from any other file it stays out.
  if (exported && name === REPLACED_FIELD) return isFingerprintList(value);
  if (exported) return !isWithheldName(name);
  if (!FIELD_NAME.test(name) || isWithheldName(name)) return false;
  if (typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string') return false;
  return TEXT_FIELDS.has(name) || DATE_TIME.test(value);
}

/** The names of the fields an import kept and dropped, for its note: only from records that lost some (no work for the others). */
export interface FieldNames {
  kept: Set<string>;
  dropped: Set<string>;
}

/**
 * `fields` with only what `isKeptField` keeps (the same object when it keeps all: no copy for the
 * rows of a scanner's table, nearly all kept whole; undefined when it keeps none); where some are
 * dropped, the names of both in `names`.
 */
export function keptFields(fields: Record<string, unknown>, names: FieldNames, exported = false): Record<string, unknown> | undefined {
  let whole = true;
  let any = false;
  for (const name in fields) {
    if (!Object.hasOwn(fields, name)) continue;
    if (isKeptField(name, fields[name], exported)) any = true;
    else whole = false;
  }
  if (whole) return any ? fields : undefined;
  let kept: Record<string, unknown> | undefined;
  for (const name in fields) {
    if (!Object.hasOwn(fields, name)) continue;
    if (isKeptField(name, fields[name], exported)) {
      (kept ??= {})[name] = fields[name];
      names.kept.add(name);
    } else names.dropped.add(name);
  }
  return kept;
}

/**
 * The import's note on the fields it did not keep: `kept: captcha, stardust; not kept: hash_key,
 * token (...)`. Names of words as they are; others counted, never shown (a name may be the secret, or hold a terminal's escapes).
 */
export function fieldsNote(names: FieldNames): string {
  const listed = (set: ReadonlySet<string>) => {
    const plain = [...set].filter((n) => SHOWN_NAME.test(n)).sort();
    const odd = set.size - plain.length;
    return [...plain, ...(odd > 0 ? [`${odd} field${odd === 1 ? '' : 's'} with names not shown`] : [])].join(', ');
  };
  const kept = names.kept.size > 0 ? `kept: ${listed(names.kept)}; ` : '';
  return `fields beside the accounts: ${kept}not kept: ${listed(names.dropped)} (credentials, codes that take an account over, personal data, text whose meaning accountpool does not know, lists or objects: never written to the pool)`;
}

/** The model's own fields (model.ts FIELD_ORDER): judged by the model's rules, not as a dump's text. */
const MODEL_FIELDS: ReadonlySet<string> = new Set(FIELD_ORDER);

/**
 * Why a new account's kept fields may not enter the pool (`field \`name\` holds ...`, never the
 * value), or null: text of another shape than a field's (field-text-shape.ts). The import refuses
 * the account's line by it: a column holding a login or a document was read in the wrong place.
 */
export function fieldsTextProblem(fields: Record<string, unknown>, password: string | undefined): string | null {
  for (const name in fields) {
    const value = fields[name];
    if (!Object.hasOwn(fields, name) || typeof value !== 'string' || MODEL_FIELDS.has(name)) continue;
    const problem = fieldTextProblem(value, password, name);
    if (problem) return `${fieldLabel(name)} ${problem}: not imported (a column read in the wrong place, or a secret under a harmless name; fix or drop that field)`;
  }
  return null;
}

/** `field \`name\``, or `a field` for a name the note would not show (it may be the secret, or hold a terminal's escapes). */
export function fieldLabel(name: string): string {
  return SHOWN_NAME.test(name) ? `field \`${name}\`` : 'a field';
}

/** The fields of an account's own in a pool: all but the model's, its login and its device. */
const NOT_OWN: ReadonlySet<string> = new Set([...FIELD_ORDER, 'username', 'device']);

/**
 * The fields of `account`, already in a pool, that no import would let in today (a name withheld,
 * text of no field's shape), each with why (never its value): leaked in by an older version, or
 * added by hand, which is as bad. `verify` names them and `verify --fix` removes them.
 */
export function unkeptFieldsOf(account: Record<string, unknown>, password: string | undefined): { name: string; why: string }[] {
  const found: { name: string; why: string }[] = [];
  for (const name in account) {
    if (!Object.hasOwn(account, name) || NOT_OWN.has(name)) continue;
    const value = account[name];
    if (isWithheldName(name)) found.push({ name, why: 'is named for a credential, a code that takes an account over or personal data' });
    else if (typeof value === 'string') {
      const problem = fieldTextProblem(value, password, name);
      if (problem) found.push({ name, why: problem });
    }
  }
  return found;
}
