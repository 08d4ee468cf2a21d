// The import rules: how the accounts read from one dump join the pool.
//   new account      → added, in file order (import order decides who goes first among the never-used)
//   known account    → password taken when it differs, level only raised (unless setLevel),
//                      device filled where missing; state and history untouched, except that a
//                      dump which states a verdict (a checker's output) records it, and so
//                      does one stating a captcha flag or a failed check (PGNumbra's result files)
//   twice in a file  → the first wins; the others are reported as duplicates
//   Monocle's pickle → never replaces a password the pool holds (STALE_PASSWORD_FORMATS)
//   an older password → one the account had and replaced is not taken back (replaced-passwords.ts)
import { keyOf, ownFieldsProblem, recordProblem, type Account, type Provider } from '../model.js';
import type { Device } from '../model.js';
import { hasWrittenTimes } from '../account-times.js';
import { fieldsNote, fieldsTextProblem, keptFields, type FieldNames } from '../account-fields.js';
import type { Config } from '../config.js';
import type { Transaction } from '../store/transaction.js';
import { extrasHeld, type FreshAccounts } from '../store/fresh-accounts.js';
import type { DumpAccount, DumpResult, Rejection, Skipped } from '../formats/types.js';
import { recordsOf, type ColumnDump, type DumpRecords } from './dump-columns.js';
import { normalizeDevice } from '../device.js';
import { isHeld } from '../availability.js';
import { applyCheckError, applyVerdict, recordCheckError } from '../verdicts.js';
import { AppError } from '../errors.js';
import { Spellings, spellingOf, whyOneAccount } from '../account-spelling.js';
import { formulaProblem } from '../formula-cells.js';
import { loginNameProblem } from '../login-name-problem.js';
import { counted } from '../counted-noun.js';
import { REPLACED_FIELD, replacePassword, wasReplaced, withMovedFingerprints } from '../replaced-passwords.js';

/**
 * Readers whose passwords are a copy of another file's, taken when the tool last ran: Monocle's
 * pickles/accounts.pickle holds accounts.csv's (or config.py's) passwords as they were then, and
 * Monocle itself takes the CSV's password over the pickle's when the two differ (Noctem/Monocle,
 * monocle/utils.py accounts_from_csv: `if pickled_account['password'] != account['password']:
 * del pickled_account['password']`). So a known account keeps the pool's password, whichever of
 * the two files came first (a folder, an archive, the inbox); the pickle still gives its state,
 * level, device, and its accounts the pool lacks (Monocle would drop those on its next start;
 * nothing is dropped here). The pool's password is not always the CSV's, so the count is reported.
 * The text scripts/print_accounts.py prints from the pickle holds the same copies.
 */
const STALE_PASSWORD_FORMATS: ReadonlySet<string> = new Set(['monocle-pickle', 'monocle-print']);

export interface ImportOptions {
  /** --level: for accounts whose dump names no level. */
  level?: number;
  /** Level from the inbox folder the file was dropped in. */
  folderLevel?: number;
  /** --set-level: the level given replaces the pool's even when lower. */
  setLevel?: boolean;
  /** --older-passwords: a password the account had before and replaced is taken back (the operator knows it is right again). */
  olderPasswords?: boolean;
  provider?: Provider;
  /** Recorded on new accounts as where they came from. */
  source: string;
  /** Keep the first N accounts as they would be stored, for a preview (`import --dry-run`). */
  sample?: number;
  /**
   * When the file's verdicts were stated (ISO): the inbox took the same content before, so its
   * verdicts are as old as that (a dated verdict, as ShuckleTools' are) and a failed check or a
   * captcha flag in it is old news on an account the pool holds. Undefined: the file's verdicts are news.
   */
  verdictsAt?: string;
}

/** One account of a preview, as it would be stored: never its password. */
export interface SampleAccount {
  line: number;
  /** The file `line` is in, where it is not the dump's own (DumpAccount.file: a split conversation's later file). */
  file?: string;
  username: string;
  level: number;
  provider: Provider;
  outcome: 'new' | 'updated' | 'unchanged' | 'duplicate';
  /** What the file itself says of the account (a checker's or scanner's state, a captcha flag). */
  verdict?: string;
}

/** The verdict a dump states for one account, as it would be stored: none when the file says nothing. */
function statedVerdict(found: DumpAccount, account: Account): string | undefined {
  const said = [found.state ? account.state : undefined, found.history?.captcha === true ? 'captcha' : undefined, found.checkError ? 'check error' : undefined].filter(Boolean);
  return said.length > 0 ? said.join(', ') : undefined;
}

export interface ImportReport {
  file: string;
  format: string;
  added: number;
  updated: number;
  unchanged: number;
  /** What changed on known accounts, by kind (password, level, device, verdict). */
  changes: Record<string, number>;
  rejected: Rejection[];
  duplicates: { line: number; first: number }[];
  /** Why the reader was chosen (detection scores or --format). */
  why?: string;
  /** Lines read past as no account (prose in a mail, ...), for the preview. */
  skipped?: Skipped[];
  /** Known accounts whose password in the file differs and was not taken (STALE_PASSWORD_FORMATS). */
  passwordsKept?: number;
  /**
   * Accounts a scanner holds whose password this import changed: the holder's accounts file keeps
   * the old one until it is allocated again, so the summary names them (never a password).
   */
  heldPasswords?: { username: string; holder: string }[];
  /**
   * Lines giving a known account a password it had before and replaced (replaced-passwords.ts):
   * not taken, the pool's newer one kept, and said with file and line (never a password).
   */
  olderPasswords?: { line: number; file?: string; username: string }[];
  /** The reader's notes on how it read what the file could not tell (DumpResult.notes). */
  notes?: string[];
  /** The first accounts as they would be stored (with `sample`). */
  sample?: SampleAccount[];
  /** An archive's members, each its own report (import-archive.ts); the counts above are their sums. */
  members?: ImportReport[];
  /** An archive member whose name no code page read with confidence (ArchiveMember.nameUnsure). */
  nameUnsure?: true;
  /** An archive's members not read, and why (macOS metadata, an image). */
  passed?: { name: string; why: string }[];
}

function levelFor(found: DumpAccount, options: ImportOptions, config: Config): number | undefined {
  return found.level ?? options.level ?? options.folderLevel ?? config.default_level ?? undefined;
}

/**
 * tx.put, for an account read at `file:line`. The store refuses a record that breaks its rules;
 * the readers reject such lines first, so one that gets here is still the dump's fault, not the
 * pool's: said with file and line (never the value), so the watcher sets the file aside instead
 * of retrying it forever, and `import` names where to look.
 */
function putRead(tx: Transaction, file: string, line: number, account: Account): void {
  tx.put(account, refusal(file, line));
}

/**
 * The file an account was read from, in the dump `file`'s folder: `file` itself, or the later file
 * of a split conversation it came from (DumpAccount.file: `message_2.json` beside `message_1.json`).
 */
function fileOf(file: string, found: DumpAccount): string {
  if (found.file === undefined) return file;
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return `${file.slice(0, cut + 1)}${found.file}`;
}

/**
 * Adds `account` (made from `history`, a moved pool's fields, and the line's state) as columns when
 * the store keeps it as it is (no rule broken, its times as stored) and its own fields are ones the
 * columns hold (extrasHeld's, and the carried store fields); false: the caller puts it.
 */
function carriedAsColumns(tx: Transaction, found: DumpAccount, account: Account, history: Record<string, unknown>, provider: Provider, level: number, seq: number, source: string, key: string, device: Device | undefined, place: number): boolean {
  const extras: Record<string, unknown> = { ...history, state: account.state };
  if (!extrasHeld(extras, true)) return false;
  if (recordProblem(account.username, account) !== null || !hasWrittenTimes(account as unknown as Record<string, unknown>)) return false;
  return tx.addFresh(found.username, found.password, provider, level, seq, source, key, extras, device, place) === null;
}

/** putRead's refusal, for an account added as columns too. */
function refusal(file: string, line: number): (problem: string) => Error {
  return (problem) => new AppError(`${file}:${line}: the pool cannot store this account: ${problem}`);
}

/**
 * The line each account of the dump was first met on, to report later ones as duplicates. An
 * account this import added is found by its import number (tx.get returns the very object put,
 * and the numbers this import hands out are consecutive): no second map of 100,000 keys beside
 * the transaction's own. The rest (known accounts, a moved pool's account keeping its own number)
 * go by key.
 */
class FirstLines {
  private readonly byKey = new Map<string, number>();
  private readonly added: Account[] = [];
  private readonly addedLine: number[] = [];
  private base = -1;

  /** The first line of the account tx.get found for this line's key (undefined: none yet), or undefined. */
  firstOf(existing: Account | undefined, key: string): number | undefined {
    if (!existing) return undefined; // nothing put or known under this key yet
    const k = existing.seq - this.base;
    if (this.base >= 0 && k >= 0 && this.added[k] === existing) return this.addedLine[k];
    return this.byKey.get(key);
  }

  /** `account` (as put, or as the pool holds it; `key` its key) was first met on `line`. */
  note(account: Account, key: string, line: number, assigned?: number): void {
    if (assigned !== undefined && account.seq === assigned) {
      if (this.base < 0) this.base = assigned;
      const k = assigned - this.base;
      if (k === this.added.length) {
        this.added.push(account);
        this.addedLine.push(line);
        return;
      }
    }
    this.byKey.set(key, line);
  }
}

/**
 * How many lines apart mergeDump calls its `step`: a power of two. The merge of 1,700,000 NecroBot
 * rows let V8's heap grow to 125 MB (107 in use, ~60 of it garbage: each line's record and key)
 * beside the dump's columns and the new accounts' columns, the import's peak RSS (scale-log.md,
 * stop 56 M); a collection every 131,072 lines where the memory grew keeps it down for a dozen
 * collections of ~50 MB each.
 */
const MERGE_STEP = 1 << 17;

/**
 * Merges `dump` into `tx` (the rules above). `step`, when given, is called every MERGE_STEP lines
 * (import-dump.ts passes a large dump's garbage collector).
 */
export function mergeDump(tx: Transaction, file: string, dump: DumpResult | ColumnDump, options: ImportOptions, config: Config, step?: () => void): ImportReport {
  const report: ImportReport = { file, format: dump.format, added: 0, updated: 0, unchanged: 0, changes: {}, rejected: [...dump.rejected], duplicates: [] };
  if (dump.why) report.why = dump.why;
  if (dump.skipped?.length) report.skipped = dump.skipped;
  if ('notes' in dump && dump.notes?.length) report.notes = dump.notes;
  const sample = options.sample ? (report.sample = [] as SampleAccount[]) : undefined;
  const sampling = () => sample !== undefined && sample.length < options.sample!;
  const keep = (found: DumpAccount, account: Account, outcome: SampleAccount['outcome']) => {
    if (!sample || sample.length >= options.sample!) return; // as sampling(), spelled out so that `sample` is narrowed
    const verdict = statedVerdict(found, account);
    sample.push({ line: found.line, ...(found.file !== undefined ? { file: found.file } : {}), username: account.username, level: account.level, provider: account.provider, outcome, ...(verdict ? { verdict } : {}) });
  };
  const firstLines = new FirstLines();
  const fieldNames: FieldNames = { kept: new Set(), dropped: new Set() };
  const exported = 'exported' in dump && dump.exported === true;
  const stalePasswords = STALE_PASSWORD_FORMATS.has(dump.format);
  // Known accounts keep their level, so only new ones need one.
  // With a level for every account that names none, no account can miss one: skip the lookups.
  const fallback = options.level ?? options.folderLevel ?? config.default_level ?? undefined;
  const records = recordsOf(dump);
  const missingLevel = fallback !== undefined ? [] : linesMissingLevel(records, options, config, tx);
  if (missingLevel.length > 0) {
    throw new AppError(`${file}:${missingLevel[0]!}: no level known for ${missingLevel.length === 1 ? '1 account' : `${missingLevel.length} accounts`}; give --level N, drop the file into inbox/level-N/, or set default_level in the pool config (accountpool refuses to guess)`);
  }
  const now = tx.now.toISOString();
  // Built on the first new account: a dump of known accounts never looks at every key for it.
  let spellings: Spellings | undefined;
  let refusedHere = false;
  // The accounts simply new, added as columns (store/fresh-accounts.ts), and the line each was
  // read on (by its place there): no Account, no entry in FirstLines for them. The lines a typed
  // column made once at the dump's length: a list of 1,700,000 numbers (NecroBot's accounts.db) was
  // 13.6 MB of heap and its growth's copies under the merge's peak (scale-log.md, stop 57 M).
  let fresh: FreshAccounts | undefined;
  const freshLines = new LineColumn(records.length);
  let freshCount = 0;
  // The numbers this dump's new accounts take (nextSeq's, in the dump's order): the transaction
  // numbers them again before its commit (store/import-numbering.ts: shard by shard, a window at a
  // time, for a dump of many), so they are recorded as one import.
  let firstSeq: number | undefined;
  let lastSeq = 0;
  tx.settleFresh(); // so this import's columns start empty, and a place there is a place in freshLines
  // In a rehearsal (a dry run) the new accounts' names, passwords and devices are read from the
  // dump by place, not copied: the dump lives to the merge's end there (scale-log.md, stop 66 M2).
  tx.expectFresh(records.length, {
    username: (i) => records.usernameAt(i),
    password: (i) => records.passwordAt(i),
    device: (i) => {
      const device = records.at(i).device;
      return device ? normalizeDevice(device) : undefined;
    },
  });
  // Every line's key looked up in the pool first, shard by shard (store/grouped-lookups.ts); the
  // loop below reads the answers in file order. A snapshot of unpaged shards answers as before.
  tx.lookAhead(records.length, (i) => keyOf(records.usernameAt(i)));
  tx.snapshot.expectLookups(records.length);
  for (let i = 0; i < records.length; i++) {
    if (step && (i & (MERGE_STEP - 1)) === MERGE_STEP - 1) step();
    const found = records.at(i);
    // The line's key, lower-cased once: the lookups, the spellings and the columns all take it.
    // Not a list of every line's key made first: at 1,000,000 lines that was ~40 MB held to the
    // merge's end (and by the columns to the commit's), the import's peak (scale-log.md, stop 35).
    const key = keyOf(found.username);
    const n = fresh ? fresh.indexOf(key) : -1;
    if (n >= 0) {
      report.duplicates.push({ line: found.line, first: freshLines.at(n) });
      if (sampling()) keep(found, fresh!.account(n), 'duplicate');
      continue;
    }
    // Not kept on its shard: a known account is copied where it changes, and only compared where
    // not (held, 1,000,000 known accounts were 1.2 GB to the import's end).
    const existing = tx.getPut(found.username, key, false, i);
    const first = firstLines.firstOf(existing, key);
    if (first !== undefined) {
      report.duplicates.push({ line: found.line, first });
      keep(found, existing!, 'duplicate');
      continue;
    }
    const level = levelFor(found, options, config);
    const device = found.device ? normalizeDevice(found.device) : undefined;
    if (!existing) {
      const formula = formulaProblem(found.username);
      if (formula) {
        report.rejected.push({ line: found.line, reason: formula });
        refusedHere = true;
        continue;
      }
      // Only the fields an account has (account-fields.ts): a key or a token beside the login stays out, named in the summary.
      const history = found.history && keptFields(found.history, fieldNames, exported);
      const ownFields = history ? (ownFieldsProblem(history) ?? fieldsTextProblem(history, found.password)) : null;
      if (ownFields) {
        report.rejected.push({ line: found.line, reason: ownFields });
        refusedHere = true;
        continue;
      }
      const provider = found.provider ?? options.provider ?? 'ptc';
      spellings ??= new Spellings((visit, plainLeftOut) => tx.eachKey(visit, plainLeftOut), (visit) => eachDumpSpelling(records, options.provider, visit), (k) => tx.get(k)?.provider === 'google');
      // The line's provider is the one eachDumpSpelling spelled it with (no provider spells as ptc).
      const spelling = spellingOf(key, provider);
      const other = spellings.otherOf(key, provider, (k) => tx.get(k)?.provider, spelling);
      if (other !== undefined) {
        const known = tx.get(other)!;
        const m = fresh ? fresh.indexOf(other) : -1;
        const line = m >= 0 ? freshLines.at(m) : tx.before(other) === undefined ? firstLines.firstOf(known, keyOf(known.username)) : undefined;
        report.rejected.push({ line: found.line, reason: anotherSpelling(key, provider, known.username, line) });
        refusedHere = true;
        continue;
      }
      const lookAlike = loginNameProblem(found.username, provider);
      if (lookAlike) {
        report.rejected.push({ line: found.line, reason: lookAlike });
        refusedHere = true;
        continue;
      }
      spellings.add(key, provider, spelling);
      const seq = tx.nextSeq();
      firstSeq ??= seq;
      lastSeq = seq;
      // A history of the line's own fields only (a NecroBot accounts.db row's other columns) is
      // kept beside the columns too: as an Account each, 1,700,000 such rows took 2.9 GB (stop 36).
      const extras = history && extrasHeld(history) ? history : undefined;
      // A device too (a Monocle row's model, iOS and id): as an Account each, 1,000,000 such rows held 325 MB of heap after the merge, 13 MB so (scale-log.md, stop 43).
      // An account of a split conversation's later file (found.file) is stored whole with that source: the
      // fresh accounts hold one source a batch, and another one settles them mid-merge (tx.addFresh).
      if ((!history || extras) && (found.state === undefined || found.state === 'ok') && !found.checkError && found.file === undefined) {
        const problem = tx.addFresh(found.username, found.password, provider, level!, seq, options.source, key, extras, device, i);
        if (problem) throw refusal(file, found.line)(problem);
        fresh ??= tx.freshAccounts!;
        freshLines.set(freshCount++, found.line);
        report.added++;
        if (sampling()) keep(found, fresh.account(fresh.size - 1), 'new');
        continue;
      }
      let account: Account = {
        username: found.username,
        password: found.password,
        provider,
        level: level!,
        state: 'ok',
        added_at: now,
        seq,
        // The later file of a split conversation the account came from, not the first one imported.
        source: found.file ?? options.source,
      };
      if (device) account.device = device;
      if (history) account = { ...account, ...history };
      // A moved pool's verdict keeps its own date and cool-down; a checker file's verdict is news.
      const moved = Boolean(found.state && history?.state_at);
      if (moved) account.state = found.state!;
      else if (found.state && (found.stateAt ?? options.verdictsAt)) account = applyVerdict(account, found.state, new Date((found.stateAt ?? options.verdictsAt)!), config);
      else if (found.state && found.state !== 'ok') account = applyVerdict(account, found.state, tx.now, config);
      if (found.checkError && !options.verdictsAt) account = applyCheckError(account, tx.now, config);
      // An exported account (its state and that state's time, when it was added) with no verdict
      // news: as columns too, when the store takes it as it is. As an Account each, an export's
      // 1,000,000 were the merge's peak (~200 MB of heap, docs/scale-log.md, stop 67 M2).
      const news = !moved && found.state !== undefined && (found.state !== 'ok' || (found.stateAt ?? options.verdictsAt) !== undefined);
      if (history && !news && !found.checkError && found.file === undefined && carriedAsColumns(tx, found, account, history, provider, level!, seq, options.source, key, device, i)) {
        fresh ??= tx.freshAccounts!;
        freshLines.set(freshCount++, found.line);
        report.added++;
        if (sampling()) keep(found, fresh.account(fresh.size - 1), 'new');
        continue;
      }
      putRead(tx, fileOf(file, found), found.line, account);
      firstLines.note(account, key, found.line, seq);
      report.added++;
      keep(found, account, 'new');
      continue;
    }
    firstLines.note(existing, key, found.line);
    let next: Account = { ...existing };
    const changed: string[] = [];
    if (existing.password !== found.password && stalePasswords) report.passwordsKept = (report.passwordsKept ?? 0) + 1;
    // A password the account had and replaced: an older fix or dump dropped again, never taken back.
    else if (existing.password !== found.password && !options.olderPasswords && wasReplaced(existing, found.password)) (report.olderPasswords ??= []).push({ line: found.line, ...(found.file !== undefined ? { file: found.file } : {}), username: existing.username });
    else if (existing.password !== found.password) {
      next = replacePassword(next, existing, found.password);
      changed.push('password');
      // A refused login was about the old password; the new one deserves a fresh try.
      if (existing.state === 'invalid') next = applyVerdict(next, 'ok', tx.now, config);
      if (isHeld(existing, now)) (report.heldPasswords ??= []).push({ username: existing.username, holder: existing.holder! });
    }
    // Our export of another pool (or of this one) brings the passwords it replaced: a list
    // re-dropped here must not give one back either (stop 66 X).
    if (exported && found.history?.[REPLACED_FIELD] !== undefined) {
      const learnt = withMovedFingerprints(next, found.history[REPLACED_FIELD]);
      if (learnt !== next && !changed.includes('password')) changed.push('replaced passwords');
      next = learnt;
    }
    if (level !== undefined && (options.setLevel ? level !== existing.level : level > existing.level)) {
      next.level = level;
      changed.push('level');
    }
    if (device && !existing.device) {
      next.device = device;
      changed.push('device');
    }
    const stateAt = found.stateAt ?? options.verdictsAt;
    if (stateAt) {
      // A dated verdict is news only when it is newer than the pool's own (state_at).
      if (found.state && (existing.state_at === undefined || Date.parse(stateAt) > Date.parse(existing.state_at))) {
        next = applyVerdict(next, found.state, new Date(stateAt), config);
        changed.push('verdict');
      }
    } else if (found.state && found.state !== existing.state) {
      next = applyVerdict(next, found.state, tx.now, config);
      changed.push('verdict');
    }
    // A checker's captcha flag or failed check on an account the pool holds (PGNumbra's result files).
    // With `verdictsAt` (content the inbox took before) the flag was stated then, on this account or
    // when that taking added it: a flag cleared since (the captcha solved) stays cleared.
    if (found.history?.captcha === true && existing.captcha !== true && !options.verdictsAt) {
      next.captcha = true;
      changed.push('captcha');
    }
    if (found.checkError && !options.verdictsAt) {
      const after = recordCheckError(next, tx.now, config);
      if (after !== next) changed.push('check error');
      next = after;
    }
    if (changed.length === 0) {
      report.unchanged++;
      keep(found, existing, 'unchanged');
      continue;
    }
    putRead(tx, fileOf(file, found), found.line, next);
    report.updated++;
    keep(found, next, 'updated');
    for (const kind of changed) report.changes[kind] = (report.changes[kind] ?? 0) + 1;
  }
  tx.freshAdded();
  tx.lookedAhead();
  if (firstSeq !== undefined) tx.importedAsOne(firstSeq, lastSeq);
  if (refusedHere) report.rejected.sort((a, b) => a.line - b.line);
  if (fieldNames.dropped.size > 0) report.notes = [...(report.notes ?? []), fieldsNote(fieldNames)];
  return report;
}

/**
 * Line numbers by place, in a column made once at a length known beforehand: four bytes a line,
 * eight from the first past 2^32 (a reader's record may carry any number).
 */
class LineColumn {
  private lines: Uint32Array | Float64Array;

  constructor(length: number) {
    this.lines = new Uint32Array(length);
  }

  set(n: number, line: number): void {
    if (line > 0xffffffff && this.lines instanceof Uint32Array) this.lines = Float64Array.from(this.lines);
    this.lines[n] = line;
  }

  at(n: number): number {
    return this.lines[n]!;
  }
}

/** The lines of the accounts that no level reaches: none named on the line or by the options, and not known to the pool. */
function linesMissingLevel(records: DumpRecords, options: ImportOptions, config: Config, tx: Transaction): number[] {
  const lines: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const a = records.at(i);
    if (levelFor(a, options, config) === undefined && !tx.get(a.username)) lines.push(a.line);
  }
  return lines;
}

/**
 * The spelling (account-spelling.ts) of every account of the dump, each handed to `visit`, for
 * Spellings: it keeps only the pool keys that spell one of them otherwise, and is asked only about
 * the keys the import adds, so the spellings of known accounts among them change no answer. Not
 * filtered by a lookup of each in the pool: that was a second lookup of every new account (the
 * loop makes the first), ~0.1 s at 100,000 lines. Made on the way, not kept.
 */
function eachDumpSpelling(records: DumpRecords, provider: Provider | undefined, visit: (spelling: string) => void): void {
  for (let i = 0; i < records.length; i++) visit(spellingOf(keyOf(records.usernameAt(i)), records.providerAt(i) ?? provider));
}

/** Why a new account that is another spelling of a known one (account-spelling.ts) is refused. */
function anotherSpelling(key: string, provider: Provider, other: string, line: number | undefined): string {
  return `another spelling of ${other} (${line === undefined ? 'in the pool' : `line ${line}`}): ${whyOneAccount(key, keyOf(other), spellingOf(key, provider))}; not added twice`;
}

/**
 * `dump.eml:14: rejected: REASON` for each rejected line and `dump.eml:20: duplicate of line 3,
 * skipped` for each duplicate (reasons never hold a password), the first `limit` of them, then
 * how many more.
 */
export function rejectionLines(report: ImportReport, limit = Infinity): string[] {
  const lines = report.members ? report.members.flatMap((m) => rejectionLines(m)) : [...report.rejected.map((r) => `${report.file}:${r.line}: rejected: ${r.reason}`), ...report.duplicates.map((d) => `${report.file}:${d.line}: duplicate of line ${d.first}, skipped`)];
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit), `${report.file}: and ${lines.length - limit} more lines rejected or skipped`];
}

/**
 * `accounts.pickle: note: ...` for each note a reader left on how it read the file (keys it read
 * past, a raw-or-escaped guess), the archive's members' too: said on every import, not only in
 * `--dry-run`'s preview, so nothing is passed over silently.
 */
export function noteLines(report: ImportReport): string[] {
  if (report.members) return report.members.flatMap((m) => noteLines(m));
  return (report.notes ?? []).map((note) => `${report.file}: note: ${note}`);
}

/**
 * How many lines of the file (an archive: of its members) were rejected: accounts the operator
 * meant to load and did not get. Not duplicates (the account was read once) nor lines skipped as
 * prose (no account): `import` and `watch --once` exit 1 on these alone, so `import x && rm x`
 * keeps a file whose accounts were not all taken.
 */
export function rejectedCount(report: ImportReport): number {
  return report.members ? report.members.reduce((n, m) => n + rejectedCount(m), 0) : report.rejected.length;
}

/** How a member's name that no code page read with confidence is marked. */
export const UNSURE_NAME = "(name's code page unsure)";

/** `imported dump.eml: 120 added, 3 updated, 2 rejected (lines 14, 88)` — never a password. */
export function describeReport(report: ImportReport, verb = 'imported'): string {
  const parts = [`${report.added} added`, `${report.updated} updated`];
  if (report.unchanged > 0) parts.push(`${report.unchanged} unchanged`);
  if (report.duplicates.length > 0) parts.push(`${counted(report.duplicates.length, 'duplicate')}`);
  // An archive's rejected lines are its members' (each member's report names them).
  if (report.members) parts.push(`${rejectedCount(report)} rejected`);
  const lines = report.rejected.map((r) => r.line);
  if (!report.members) parts.push(`${report.rejected.length} rejected${lines.length > 0 ? ` (line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ', ...' : ''})` : ''}`);
  const changes = Object.entries(report.changes).map(([k, n]) => `${n} ${k}`).join(', ');
  const held = report.heldPasswords ?? [];
  // The hold stays (ending it would hand the account to a second scanner while the first still uses it).
  const heldNote = held.length > 0 ? `; ${counted(held.length, 'password')} of ${held.length === 1 ? 'an account' : 'accounts'} held by a scanner: ${held.slice(0, 5).map((h) => `${h.username} (held by ${h.holder})`).join(', ')}${held.length > 5 ? `, and ${held.length - 5} more` : ''}; the holder's accounts file keeps the old password until its next allocate` : '';
  const older = report.olderPasswords ?? [];
  const olderNote = older.length > 0 ? `; ${counted(older.length, 'older password')} not taken back: ${older.slice(0, 5).map((o) => `${o.file !== undefined ? `${o.file} ` : ''}line ${o.line} gives ${o.username} a password the pool replaced since`).join(', ')}${older.length > 5 ? `, and ${older.length - 5} more` : ''} (an older fix or dump dropped again): the pool's newer password kept; if the older one is right again, import the file with --older-passwords` : '';
  const kept = report.passwordsKept ? `; ${report.passwordsKept} password${report.passwordsKept === 1 ? '' : 's'} kept: Monocle's pickle holds an older copy, the pool's stays (Monocle takes accounts.csv's)` : '';
  // Names read in no code page with confidence: shown as read, and said so (no level or verdict was taken from them).
  const unsure = (report.members ?? []).filter((m) => m.nameUnsure).map((m) => m.file);
  const unsureNote = unsure.length > 0 ? `; ${unsure.map((f) => `${f} ${UNSURE_NAME}`).join(', ')}: no level or verdict read from ${unsure.length === 1 ? 'its name' : 'their names'}` : '';
  return `${verb} ${report.file}${report.nameUnsure ? ` ${UNSURE_NAME}` : ''}: ${parts.join(', ')}${changes ? `; changed: ${changes}` : ''}${heldNote}${olderNote}${kept}${unsureNote}`;
}
