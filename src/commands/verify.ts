// `accountpool verify [--fix]`: reads every shard and reports what is wrong; --fix rewrites canonically.
import { chmod, stat } from 'node:fs/promises';
import { parseFlags, type Flags } from '../cli/args.js';
import { println, printJson, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { keyOf, recordProblem, type Account } from '../model.js';
import { fieldLabel, unkeptFieldsOf } from '../account-fields.js';
import { AppError, FileError, UsageError } from '../errors.js';
import { shardIndexOf, shardName } from '../store/layout.js';
import type { Pool } from '../store/pool.js';
import { placeOf, readRecord } from '../store/integrity.js';
import { lossesOf, lossProblem, type ShardOnDisk } from '../store/manifest.js';
import { conflictReport } from '../git/conflict-log.js';
import { readLog, type LoggedChanges } from '../store/change-log.js';
import { logLinePlaces } from '../store/log-line-places.js';
import { parseTrustedLines } from '../store/shard-codec.js';
import { pendingOf } from '../store/log-view.js';
import type { ShardState } from '../store/snapshot.js';
import { packageVersion } from '../install.js';
import { reshardIfOutgrown } from '../cli/grow-shards.js';
import { isOwnSpelling, spellingNeedsProvider, spellingOf, whyOneAccount } from '../account-spelling.js';
import { loginNameProblem } from '../login-name-problem.js';
import { LOOK_ALIKE_ADVICE } from '../allocate/spelling-twins.js';
import { shellWord } from '../shell-word.js';
import { collectIfGrown, memoryInUse } from '../collect-garbage.js';
import { counted } from '../counted-noun.js';
import { judgePlace, recordPlace } from '../store/pool-place.js';

export interface Finding {
  file: string;
  line?: number;
  problem: string;
  /** Fixed by `--fix` (misplaced accounts, non-canonical style, loose permissions, no record yet). */
  fixable: boolean;
  /** Accounts gone compared with the record: `--fix` records the pool as it is only with `--accept-loss`. */
  loss?: boolean;
  /** Fields of an account no import lets in (account-fields.ts unkeptFieldsOf), removed by `--fix`: never shown in --json. */
  unkept?: { username: string; fields: string[] };
}

/**
 * What verify keeps of a shard once it has gone through its accounts: the shard itself is let go
 * (at 1,000,000 accounts every shard parsed at once was 809 MB), and read again only to name the
 * place of an account found twice or under two spellings (rare).
 */
interface ShardSeen {
  name: string;
  file: string;
  /** Every line canonical: an account's line number is its index + 2 without reading the file. */
  canonical: boolean;
}

// A place in `seen`: the shard's number in `shards` and the account's index in it, and whether the
// account is a Google one (spellingFindings asks the provider of a name without @), in one number.
const INDEX_BITS = 2 ** 24;
const SHARD_BITS = 2 ** 20;
const placeCode = (shard: number, index: number, google: boolean) => ((google ? SHARD_BITS : 0) + shard) * INDEX_BITS + index;
const shardOfCode = (code: number) => Math.floor(code / INDEX_BITS) % SHARD_BITS;
const indexOfCode = (code: number) => code % INDEX_BITS;
const googleOfCode = (code: number) => Math.floor(code / INDEX_BITS) >= SHARD_BITS;

/** The shards verify saw, each read again (the last few kept) when a finding names a place in it. */
class SeenShards {
  readonly shards: ShardSeen[] = [];
  private readonly again = new Map<number, Promise<ShardState>>();

  constructor(private readonly pool: Pool) {}

  state(s: number): Promise<ShardState> {
    let state = this.again.get(s);
    if (!state) {
      state = this.pool.readShard(this.shards[s]!.name, { verify: true });
      if (this.again.size >= 4) this.again.clear();
      this.again.set(s, state);
    }
    return state;
  }

  /** `file:line` of the account at `code` (placeCode). */
  async placeAt(code: number, current?: { s: number; shard: ShardState }): Promise<string> {
    const s = shardOfCode(code);
    const seen = this.shards[s]!;
    if (seen.canonical) return `${seen.file}:${indexOfCode(code) + 2}`;
    return placeOf(current?.s === s ? current.shard : await this.state(s), indexOfCode(code));
  }

  async usernameAt(code: number, current?: { s: number; shard: ShardState }): Promise<string> {
    const s = shardOfCode(code);
    return (current?.s === s ? current.shard : await this.state(s)).accountAt(indexOfCode(code)).username;
  }
}

/** Everything wrong with the pool, without changing anything. */
export async function inspectPool(pool: Pool): Promise<{ findings: Finding[]; accounts: number; loggedChanges: number }> {
  const findings: Finding[] = [];
  // A map of every key was ~90 MB of heap at 1,000,000 accounts (verify --fix's peak). Every
  // account's shard is decided by its key's hash (shardIndexOf), so one account held twice is in
  // one shard (`local`, let go with the shard) unless a copy is misplaced; `placed` holds the first
  // place (placeCode) of only the keys that can meet a copy elsewhere: those outside their home
  // shard and those that are another spelling of a key (whose home differs). A key met elsewhere
  // is looked for in its home shard, read again, after the pass (`lookups`). For the change log's
  // records: the keys also held outside their home shard (the last such shard, as Snapshot.locate
  // finds strays) and those of them also in their home.
  const placed = new Map<string, number>();
  const strayIn = new Map<string, number>();
  const alsoHome = new Set<string>();
  const known = new SeenShards(pool);
  const readAt = new Map<string, number>();
  const lookups = new HomeLookups(pool, known, readAt);
  const lateStrays: { key: string; code: number }[] = [];
  const onDisk: ShardOnDisk[] = [];
  const unread = new Set<string>();
  let accounts = 0;
  const { shards } = pool.config;
  const recorded = await readRecord(pool.layout.manifest);
  // Changes \`serve\` logged and has not yet written into the shards are part of the pool too. Read
  // first: whether a logged account is also in a shard is asked of each shard as it is read.
  const log = await readLog(pool.layout.changeLog);
  const loggedInShards = new Set<string>();
  const loggedKeys = new Set(log.keys);
  let poolOwner: number | undefined;
  for (const path of [pool.layout.dir, pool.layout.shardsDir]) {
    const info = await stat(path);
    poolOwner ??= info.uid;
    if (info.mode & 0o077) findings.push({ file: path, problem: `folder is open to other users (mode ${(info.mode & 0o777).toString(8)}; want 700)`, fixable: true });
  }
  for (const name of await pool.shardNames(recorded.record?.manifest.keys())) {
    let shard;
    try {
      shard = await pool.readShard(name, { verify: true });
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      findings.push({ file: error.file, line: error.line, problem: error.reason, fixable: false });
      // Named for what it is (not YAML, unreadable): it is there, so it is not also "missing".
      unread.add(name);
      continue;
    }
    const s = known.shards.length;
    const canonical = !shard.lines.some((l) => l === undefined);
    known.shards.push({ name: shard.name, file: shard.file, canonical });
    readAt.set(shard.name, s);
    onDisk.push({ name: shard.name, file: shard.file, size: shard.absent ? undefined : shard.size });
    if (shard.absent) continue;
    const current = { s, shard };
    const info = await stat(shard.file).catch(() => undefined);
    if (info && info.mode & 0o077) findings.push({ file: shard.file, problem: `readable by other users (mode ${(info.mode & 0o777).toString(8)}; want 600)`, fixable: true });
    // On a shared host: a file of the pool's that is also another user's, or has names outside the
    // pool, is read as the shard but not kept as one (--fix writes each shard anew: a file of the
    // pool owner's, one name; the other names keep the old bytes).
    if (info && info.uid !== poolOwner) findings.push({ file: shard.file, problem: `owned by user ${info.uid}, not by the pool's owner (${poolOwner}): that user can change it in place at any time`, fixable: true });
    if (info && info.nlink > 1) findings.push({ file: shard.file, problem: `has ${info.nlink - 1} other name${info.nlink > 2 ? 's' : ''} (a hard link): whoever can read one reads these passwords`, fixable: true });
    if (shard.accounts.length > 0 && !canonical) findings.push({ file: shard.file, problem: 'not in canonical style (edited by hand?)', fixable: true });
    const local = new Map<string, number>();
    for (const [index, account] of shard.accounts.entries()) {
      accounts++;
      const key = keyOf(account.username);
      if (loggedKeys.has(key)) loggedInShards.add(key);
      const problem = recordProblem(account.username, account);
      if (problem) findings.push({ file: shard.file, problem: `account ${account.username}: ${problem}`, fixable: false });
      // Imported before the import refused look-alike letters and marks no login holds, typed in by hand or merged from another host.
      const lookAlike = problem ? undefined : loginNameProblem(account.username, account.provider);
      if (lookAlike) findings.push({ file: await placeOf(shard, index), problem: `account ${account.username}: ${lookAlike}; ${LOOK_ALIKE_ADVICE}`, fixable: false });
      // A token, a PIN or a login kept beside the account: an older version let it in, or a hand put it there.
      const unkept = unkeptFieldsOf(account, account.password);
      if (unkept.length > 0) findings.push(unkeptFinding(await placeOf(shard, index), `account ${account.username}`, account.username, unkept));
      const other = placed.get(key) ?? local.get(key);
      const home = shardName(shardIndexOf(account.username, shards), shards);
      if (other !== undefined) {
        const [here, there, otherName] = await Promise.all([placeOf(shard, index), known.placeAt(other, current), known.usernameAt(other, current)]);
        findings.push({ file: here, problem: twiceProblem(account.username, there, otherName), fixable: false });
        if (home === name || known.shards[shardOfCode(other)]!.name === home) alsoHome.add(key);
      } else {
        const code = placeCode(s, index, account.provider === 'google');
        local.set(key, code);
        if (home !== name || spellingAt(key, code) !== key) placed.set(key, code);
        // Its home read before this shard: a copy there is looked for after the pass.
        if (home !== name && readAt.has(home)) {
          lateStrays.push({ key, code });
          lookups.want(key);
        }
      }
      if (home !== name) {
        strayIn.set(key, s);
        findings.push({ file: shard.file, problem: `account ${account.username} belongs in shard ${home}`, fixable: true });
      }
    }
  }
  // The spellings of the other spellings held, where no shard held that key outside its home.
  for (const [key, code] of placed) {
    const spelling = spellingAt(key, code);
    if (spelling !== key && !placed.has(spelling)) lookups.want(spelling);
  }
  const inHome = await lookups.find();
  // A misplaced copy read after its home shard: the home's copy is the first.
  for (const { key, code } of lateStrays) {
    const first = inHome.get(key);
    if (first === undefined) continue;
    const [here, there, username, otherName] = await Promise.all([known.placeAt(code), known.placeAt(first), known.usernameAt(code), known.usernameAt(first)]);
    findings.push({ file: here, problem: twiceProblem(username, there, otherName), fixable: false });
    alsoHome.add(key);
    placed.set(key, first);
  }
  findings.push(...(await spellingFindings(placed, inHome, known)));
  // What the shards held at the last write (src/store/manifest.ts).
  if (recorded.error) findings.push({ file: recorded.error.file, line: recorded.error.line, problem: recorded.error.reason, fixable: false, loss: true });
  else if (!recorded.record) findings.push({ file: pool.layout.manifest, problem: 'no record of the shards yet (a pool made before accountpool kept one): the next write makes it, or verify --fix', fixable: true });
  // A shard not read has no file in `onDisk`: its loss, if any, is named by its name.
  const losses = recorded.record ? lossesOf(recorded.record.manifest, onDisk) : [];
  for (const loss of losses) if (!unread.has(loss.file)) findings.push({ file: loss.file, problem: lossProblem(loss), fixable: false, loss: true });
  const readNames = new Set(onDisk.map((shard) => shard.name));
  // The shard a logged record applies to, as targetsOf finds it on a Snapshot of the shards read:
  // its home when its line is there, else the shard a stray line of it is in, else its home.
  const targetOf = (key: string) => {
    const home = pool.shardNameOf(key);
    const stray = strayIn.get(key);
    if (stray === undefined || alsoHome.has(key)) return home;
    // Its home not read (not YAML): Snapshot.locate takes the first shard holding it.
    return readNames.has(home) ? known.shards[stray]!.name : known.shards[shardOfCode(placed.get(key)!)]!.name;
  };
  const pending = pendingOf(log, targetOf);
  const logged = new Set<string>();
  const positions = log.positions;
  // The findings on a record, each named by its segment and line once the pass is over (logLinePlaces).
  const atRecord = new Map<Finding, string>();
  let i = 0;
  for (const record of loggedRecords(log, pool.layout.changeLog)) {
    const key = keyOf(record.username);
    const problem = recordProblem(record.username, record);
    if (problem) {
      const finding: Finding = { file: pool.layout.changeLog, problem: `account ${record.username}: ${problem}`, fixable: false };
      findings.push(finding);
      atRecord.set(finding, log.lineAt(i));
    }
    // A record not yet in its shard is what the next fold writes there (and git pushes): its fields
    // pass the same rule as a shard's line. A record a fold already wrote is judged in the shard.
    const target = targetOf(key);
    if (!log.isFolded(positions[i]!, target)) {
      const unkept = unkeptFieldsOf(record, record.password);
      if (unkept.length > 0) {
        const finding = unkeptFinding(pool.layout.changeLog, `account ${record.username} (its record in the change log, not yet in shard ${target})`, record.username, unkept);
        findings.push(finding);
        atRecord.set(finding, log.lineAt(i));
      }
    }
    i++;
    if (!loggedInShards.has(key) && !logged.has(key)) accounts++;
    logged.add(key);
  }
  const places = await logLinePlaces(pool.layout.changeLog, new Set(atRecord.values()));
  for (const [finding, line] of atRecord) {
    const place = places.get(line);
    if (place) Object.assign(finding, place);
  }
  // The changes not yet in their shards (those a partial fold wrote stay in the log a while).
  // Holds made since a shard was written that an older copy put back freed (live-holds.ts): `--fix`
  // puts them back as recorded, `--fix --accept-loss` records them ended.
  // One finding, on the shards' folder, whatever the number of shards (64 copies of one sentence were 20 KB).
  const back = await pool.holdsGoneBackReport();
  if (back.holds > 0) {
    findings.push({ file: pool.layout.shardsDir, problem: `${back.message} (\`accountpool verify --fix\` puts them back as recorded; \`--fix --accept-loss\` records them ended)`, fixable: true, loss: true });
  }
  return { findings, accounts, loggedChanges: [...pending.values()].reduce((a, b) => a + b, 0) };
}

/** Fields of an account no import lets in, at `file` (a shard's line, or the change log): named, never their values; `--fix` removes them. */
function unkeptFinding(file: string, who: string, username: string, unkept: readonly { name: string; why: string }[]): Finding {
  const why = unkept.map((f) => `${fieldLabel(f.name)} ${f.why}`).join('; ');
  return { file, problem: `${who}: ${why}: never kept in a pool (shards are pushed to every peer in the clear; verify --fix removes ${unkept.length === 1 ? 'it' : 'them'})`, fixable: true, unkept: { username, fields: unkept.map((f) => f.name) } };
}

const twiceProblem = (username: string, there: string, otherName: string) =>
  `account ${username} is also in ${there}${otherName === username ? '' : ` (as ${otherName})`}: one account, two holders possible; keep one line (edit by hand)`;

const providerOfCode = (code: number) => (googleOfCode(code) ? 'google' : 'ptc');
/** The spelling (account-spelling.ts) of the account under `key` at `code` (placeCode). */
const spellingAt = (key: string, code: number) => spellingOf(key, spellingNeedsProvider(key) ? providerOfCode(code) : undefined);

/**
 * Keys looked for in their home shard after verify's pass (which keeps no map of every key), each
 * home read again once: where each is (placeCode), if there.
 */
class HomeLookups {
  private readonly byHome = new Map<string, Set<string>>();

  constructor(
    private readonly pool: Pool,
    private readonly known: SeenShards,
    private readonly readAt: ReadonlyMap<string, number>,
  ) {}

  want(key: string): void {
    const home = this.pool.shardNameOf(key);
    if (!this.readAt.has(home)) return; // not read (not YAML): nothing to find there
    let keys = this.byHome.get(home);
    if (!keys) this.byHome.set(home, (keys = new Set()));
    keys.add(key);
  }

  async find(): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const [home, keys] of this.byHome) {
      const s = this.readAt.get(home)!;
      const shard = await this.known.state(s);
      for (const [index, account] of shard.accounts.entries()) {
        const key = keyOf(account.username);
        if (keys.has(key) && !found.has(key)) found.set(key, placeCode(s, index, account.provider === 'google'));
      }
    }
    return found;
  }
}

/** Records parsed at once by loggedRecords. */
const RECORDS_AT_ONCE = 1_000;

/**
 * The log's latest record of each account, parsed RECORDS_AT_ONCE at a time and let go: `records`
 * parses and keeps them all (54,401 records: 43 MB of verify's 321 MB peak at 1,000,000 accounts).
 */
function* loggedRecords(log: LoggedChanges, file: string): Generator<Account> {
  const count = log.keys.length;
  for (let from = 0; from < count; from += RECORDS_AT_ONCE) {
    const lines = Array.from({ length: Math.min(RECORDS_AT_ONCE, count - from) }, (_, k) => log.lineAt(from + k));
    yield* parseTrustedLines(lines, 'log', file);
  }
}

/**
 * One account held under two spellings (account-spelling.ts): a Gmail address with other dots or
 * a `+tag`, a look-alike. The import refuses the second, but two hosts of a pool shared through
 * git may each have imported one, and older versions took both. Only the operator knows which
 * line is right (password, holder), so it is named, never fixed.
 */
async function spellingFindings(placed: ReadonlyMap<string, number>, inHome: ReadonlyMap<string, number>, known: SeenShards): Promise<Finding[]> {
  const findings: Finding[] = [];
  const first = new Map<string, string>();
  const placeOfKey = (key: string) => placed.get(key) ?? inHome.get(key);
  for (const [key, code] of placed) {
    const spelling = spellingAt(key, code);
    if (spelling === key) continue;
    // The key that is the spelling itself, unless its own spelling is another (a Google name without @).
    const plain = placeOfKey(spelling);
    const other = plain !== undefined && isOwnSpelling(spelling, () => providerOfCode(plain)) ? spelling : first.get(spelling);
    if (other === undefined) {
      first.set(spelling, key);
      continue;
    }
    const here = code;
    const there = placeOfKey(other)!;
    const [at, otherAt, username, otherName] = await Promise.all([known.placeAt(here), known.placeAt(there), known.usernameAt(here), known.usernameAt(there)]);
    findings.push({ file: at, problem: `account ${username} is another spelling of ${otherName} in ${otherAt} (one account: ${whyOneAccount(key, other, spelling)}), so two scanners may get it at once (allocate and serve hand out neither meanwhile); keep one line (edit by hand, then \`accountpool verify --fix --accept-loss\`)`, fixable: false });
  }
  return findings;
}

const FLAGS = { fix: { type: 'boolean' }, 'accept-loss': { type: 'boolean' }, 'adopt-copy': { type: 'boolean' }, json: { type: 'boolean' } } as const satisfies Flags;

/** Errors that say the pool cannot be written (a read-only mount, a folder of another user). */
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

export const verify: Command = {
  help: `usage: accountpool verify [--fix [--accept-loss] [--adopt-copy]] [--json] [--pool DIR]

Reads every shard with the full YAML reader and reports: shards that are not valid YAML (file
and line), one account entered twice (in any capitals, in one shard or two: both lines),
accounts missing required fields, accounts in the wrong shard, hand-edited (non-canonical)
shards, one account under two spellings (a Gmail address with other dots or a +tag, a
look-alike: both lines), a name no login can have (a look-alike letter, or a mark such as
\`,\` \`"\` \`;\` \`:\` inside it: never handed out; edit its line by hand), fields beside an
account no import lets in (named for a token, a password, a PIN, a recovery code or a phone
number; text holding a login, a URL with one, or the account's password: named by account and
line, never the value; in a shard's line or in a change-log record serve wrote and no fold has
yet, by the log segment's file and line), files readable by other users, shards missing or holding fewer accounts than the record
of the last write (shards/.manifest) says, and counts the changes serve logged but has not yet
written into the shards. It first finishes or rolls back a
transaction that a killed process left behind. Without --fix it writes nothing otherwise (and
takes no lock), so it also checks a read-only pool.

  --fix    rewrite every shard in canonical style, move misplaced accounts home, tighten modes,
           remove the fields beside an account no import lets in (from a shard's line and
           from a change-log record not yet in its shard; each named by file and line),
           record the shards (refused while a shard is not valid YAML, an account is entered
           twice, or accounts are gone compared with the record); then reshard a pool that has
           outgrown its shard count (more than 8,000 accounts a shard: 4 times the shards)
  --accept-loss
           with --fix: the accounts gone compared with the record were removed on purpose;
           record the pool as it is now
  --adopt-copy
           with --fix: this folder is a copy of a pool still in use elsewhere (cp -a, a
           snapshot), which every write here refuses; make it a pool of its own, its holds kept
  --json   findings as JSON
Exit code 1 when problems remain.`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('verify', ctx.argv, FLAGS);
    const acceptLoss = Boolean(values['accept-loss']);
    if (acceptLoss && !values.fix) throw new UsageError('--accept-loss only goes with --fix: accountpool verify --fix --accept-loss');
    if (values['adopt-copy'] && !values.fix) throw new UsageError('--adopt-copy only goes with --fix: accountpool verify --fix --adopt-copy');
    const pool = await openPool(ctx, values.pool);
    if (values['adopt-copy']) println(ctx.stderr, await adoptCopy(pool.layout.dir));
    // A check only reads: the lock (itself a write) is taken only when there is something to finish.
    let unfinished: Finding | undefined;
    if (values.fix || (await pool.interrupted())) {
      try {
        const recovered = await pool.recoverInterrupted();
        if (recovered !== 'none') println(ctx.stderr, `an interrupted transaction was ${recovered}`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (values.fix || !READ_ONLY.has(code ?? '')) throw error;
        unfinished = { file: pool.layout.journal, problem: `a transaction interrupted by a killed process is still to be finished, and the pool cannot be written (${code}); run verify where it can be`, fixable: false };
      }
    }
    const inspect = async () => {
      const result = await inspectPool(pool);
      if (unfinished) result.findings.unshift(unfinished);
      return result;
    };
    // Before the pool is read whole again: what the last read or write left (the inspection's map of
    // every key; a write's read of every shard, kept by the pool) let go, not held under the next
    // read (verify --fix at 1,000,000 accounts: its peak, 364 MB, was the inspection after the fold).
    // Collected only where the memory in use grew since the last collection (collect-garbage.ts):
    // a small pool's reads leave little, and the collection costs what the process holds.
    let since = memoryInUse();
    const letGo = () => {
      pool.forgetWholeRead();
      since = collectIfGrown(since);
    };
    let { findings, accounts, loggedChanges } = await pool.consistently(inspect);
    if (values.fix && findings.length > 0) {
      const blocking = findings.filter((f) => !f.fixable && !(f.loss && acceptLoss));
      if (blocking.length > 0) {
        // Lost accounts are never recorded as the new truth without the operator saying so.
        const advice = blocking.every((f) => f.loss)
          ? `restore what is missing (from git: \`git -C ${shellWord(pool.layout.dir)} checkout -- shards\`; or a backup), then \`accountpool verify --fix\` again (git restores a file readable by other users; the fix makes it 600); or, if these accounts were removed on purpose, record the pool as it is now with \`accountpool verify --fix --accept-loss\``
          : 'do what each says (most: edit the file by hand), then run verify again';
        throw new AppError(`cannot fix: ${blocking.map(describe).join('; ')} (${advice})`);
      }
      await chmod(pool.layout.dir, 0o700);
      await chmod(pool.layout.shardsDir, 0o700);
      // Holds gone back are the one loss --fix mends alone (put back as recorded): without --accept-loss, none is accepted.
      const accepted = acceptLoss ? findings.filter((f) => f.loss).length : 0;
      letGo();
      await pool.transaction(
        (tx) => {
          tx.relocateAll = true;
          for (const { unkept } of findings) {
            const account = unkept && tx.get(unkept.username);
            if (!account) continue;
            const kept: Account = { ...account };
            for (const name of unkept!.fields) delete kept[name];
            tx.put(kept);
          }
          tx.message = accepted > 0 ? `verify --fix --accept-loss: record the shards as they are (${counted(accepted, 'shard')} lost accounts)` : 'verify --fix: rewrite every shard canonically';
        },
        { acceptLoss, restoreHolds: !acceptLoss },
      );
      for (const f of findings) if (f.unkept) println(ctx.stderr, `${placeOfFinding(f)}: removed ${f.unkept.fields.map((name) => fieldLabel(name)).join(', ')} of account ${f.unkept.username}`);
      println(ctx.stderr, `fixed ${counted(findings.length, 'problem')}${accepted > 0 ? `; the record now holds the shards as they are (${accepted} with accounts lost)` : ''}`);
      letGo();
      ({ findings, accounts, loggedChanges } = await pool.consistently(inspect));
    } else if (values.fix && loggedChanges > 0) {
      // A sound pool with changes still in the change log: --fix writes them into the shards,
      // so a hand edit made now is not overridden by an older logged record at the next fold.
      letGo();
      await pool.fold();
      println(ctx.stderr, `wrote the ${counted(loggedChanges, 'change')} of the change log into the shards`);
      letGo();
      ({ findings, accounts, loggedChanges } = await pool.consistently(inspect));
    }
    // A pool that outgrew its shard count grows here too (the only way on a pool shared through git).
    if (values.fix && findings.length === 0) letGo();
    // The count the inspection just made, not a whole read of the pool to count again: that read kept
    // every shard's bytes in the pool's cache, and the reshard's own read under the lock took them
    // from there unpaged (1,000,000 accounts, 64 -> 256: 321 MB, scale-log.md stop 42).
    const resharded = values.fix && findings.length === 0 ? await reshardIfOutgrown(pool, accounts) : undefined;
    if (resharded) {
      println(ctx.stderr, resharded);
      letGo();
      ({ findings, accounts, loggedChanges } = await pool.consistently(inspect));
    }
    // Passwords set differently on two hosts: the merge kept one; say which accounts (never the passwords).
    for (const line of await conflictReport(pool.layout.dir)) println(ctx.stderr, line);
    if (values.json) printJson(ctx.stdout, { version: packageVersion(), pool: pool.layout.dir, accounts, loggedChanges, ok: findings.length === 0, findings: findings.map(({ unkept: _, ...f }) => f) });
    else {
      for (const f of findings) println(ctx.stdout, describe(f));
      const waiting = loggedChanges > 0 ? ` (${counted(loggedChanges, 'change')} in the change log, written into the shards by the next fold or verify --fix)` : '';
      println(ctx.stdout, findings.length === 0 ? `pool ${pool.layout.dir} is sound: ${counted(accounts, 'account')}${waiting}` : `${counted(findings.length, 'problem')} in ${pool.layout.dir}`);
    }
    return findings.length === 0 ? 0 : 1;
  },
};

function describe(f: Finding): string {
  return `${placeOfFinding(f)}: ${f.problem}`;
}

/** `file:line` (or the file alone) of a finding: what an operator opens. */
function placeOfFinding(f: Finding): string {
  return `${f.file}${f.line ? `:${f.line}` : ''}`;
}

/** `--adopt-copy`: a copy of a pool still in use elsewhere becomes a pool of its own (a new identity, this place). */
async function adoptCopy(dir: string): Promise<string> {
  const verdict = await judgePlace(dir);
  if (verdict.kind !== 'copy') return 'this pool is no copy of another still in use: nothing to adopt';
  await recordPlace(dir);
  return `adopted this copy of ${verdict.record.path} as a pool of its own: its holds are kept; the accounts free in both may be handed out by each`;
}
