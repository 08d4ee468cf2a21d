// One dump into the pool: read it, then merge it in one transaction (all of the file or nothing).
import { basename } from 'node:path';
import { readDump, toDumpInput } from '../formats/index.js';
import { DumpError, NO_BYTES } from '../formats/types.js';
import { AppError } from '../errors.js';
import type { Transaction } from '../store/transaction.js';
import type { Pool, TransactionOptions } from '../store/pool.js';
import { recordsOf, toColumnDump, type ColumnDump } from './dump-columns.js';
import type { DumpAccount, DumpResult } from '../formats/types.js';
import { mergeDump, type ImportOptions, type ImportReport } from './merge.js';
import { withPoolCorrections, type PoolCorrectionOptions } from './pool-corrections.js';
import { withoutQuotedCopies, type KnownLogin } from '../formats/mail/quoted-copies.js';
import { recordHistory } from '../history/record.js';
import { collectGarbageOnce, growthCollector } from '../collect-garbage.js';
import { archiveKindOf } from '../formats/archives/archive-members.js';
import { officeFileError } from '../formats/office-files.js';
import { importArchive } from './import-archive.js';
import type { Role } from '../formats/lists/columns.js';
import type { Beside } from '../formats/beside.js';
import type { FileLines } from '../formats/file-lines.js';
import { streamedInput } from '../formats/streamed-input.js';
import { DEFAULT_MAX_LINES } from '../formats/line-limit.js';

/** How a file's reader is chosen: detected, or as `import --format` / `--columns` say; and the pool's max_dump_lines it is held to. */
export type ReaderChoice = Pick<ImportRun, 'format' | 'columns' | 'encoding'> & { maxLines?: number };

export interface DumpFile {
  /** Name shown in reports and error messages (the path as the user gave it). */
  name: string;
  /** Taken by importDump (emptied): the caller keeps no other reference, so the read may let them go. */
  bytes: Buffer;
  /** A SQLite database's `-wal` file found beside it (DumpInput.wal). */
  wal?: Buffer;
  /** A container file's files beside it in the same dump (DumpInput.beside, import/container-batch.ts). */
  beside?: Beside;
  /** A big file read from it a piece at a time (DumpInput.lines; `bytes` empty then): its caller closes its file. */
  lines?: FileLines;
}

export interface ImportRun {
  /** Report what would change, change nothing. */
  dryRun?: boolean;
  /** `import --format NAME`: read with this reader, whatever detection says. */
  format?: string;
  /** `import --columns user,pass,-`: a list whose columns the operator names (stated-columns.ts). */
  columns?: Role[];
  /** `import --encoding NAME`, an `encoding-NAME/` folder: the charset of a file that is not UTF-8 (stated-encoding.ts), as TextDecoder names it. */
  encoding?: string;
  /** Runs inside the import's transaction, to commit more with it (the watcher's receipt). */
  within?: (tx: Transaction, report: ImportReport) => Promise<void>;
  /** The file read already, as one mail of a conversation (mail-batch.ts): not read again. */
  read?: DumpResult;
  /**
   * With `dryRun`: rehearse after the files rehearsed on this rehearsal before, as a real
   * import commits them one after another (Pool.rehearse's `after`).
   */
  rehearsal?: Transaction;
  /**
   * A file of the import that delivers no account and only corrects accounts (`fix.txt`) is not
   * imported now: CorrectionsOnly is thrown, for the command to import it after its other files,
   * whose deliveries it may correct (commands/import.ts). Else the delivery named after it would
   * put back the password the correction replaced.
   */
  correctionsLast?: boolean;
  /** Reshard first when the import makes the pool outgrow its shards (TransactionOptions; src/cli/grow-shards.ts `reshardingFirst`). */
  reshard?: Pick<TransactionOptions, 'reshardFirst' | 'resharded'>;
}

/**
 * From this many accounts a dump is held as columns (dump-columns.ts) and the garbage of its merge
 * collected at once: at 1,000,000 lines ~100 MB less at the peak for ~0.5 s of CPU (docs/scale-log.md,
 * stop 33); a 100,000-line dump's records are ~15 MB, not worth issue 14's time.
 */
export const COLUMNS_FROM = 200_000;

/**
 * A list's `name:password` lines go into columns as they are read at any size: no conversion to
 * pay for, and no record or string per line made: ~4 % less CPU for the 100,000-line import
 * (docs/scale-log.md, stop 34). Only the collection waits for COLUMNS_FROM accounts.
 */
const PAIRS_AS_COLUMNS_FROM = 0;

/**
 * The read step of one file, loose or an archive's member alike (import-archive.ts): its reader
 * chosen from its content (or `format`), a list's `name:password` lines read into columns, another
 * large dump's records turned into columns at once, before the pool is read. Throws DumpError.
 */
export async function readForImport(name: string, source: Buffer | DumpFile, { format, columns, encoding, maxLines }: ReaderChoice, wal?: Buffer, nameUnsure?: true, beside?: Beside): Promise<DumpResult | ColumnDump> {
  // A loose file's bytes are taken out of it (DumpFile.bytes): then only the input holds them, and
  // lets them go once its readers need only its text (letBytesGo). A Buffer passed in stays held by
  // the caller's frame through the read (an archive's member: the archive holds it anyway).
  // A dump of more lines than max_dump_lines is refused here, before any reader makes a thing per line (line-limit.ts).
  const input = !Buffer.isBuffer(source) && source.lines ? streamedInput(name, source.lines, maxLines ?? DEFAULT_MAX_LINES) : toDumpInput(name, Buffer.isBuffer(source) ? source : takeBytes(source), maxLines, encoding);
  // An archive member's name in no code page read with confidence states no level or verdict.
  if (nameUnsure) input.nameUnsure = true;
  // A SQLite database's write-ahead log read beside it (sqlite-wal.ts): NecroBot's accounts.db copied while it runs.
  if (wal) input.wal = wal;
  // A compose file's `.env` and env files, a pod spec's manifests beside it (import/container-batch.ts).
  if (beside) input.beside = beside;
  const dump = await readDump(input, { format, columnsFrom: PAIRS_AS_COLUMNS_FROM, letBytesGo: true, ...(columns ? { columns } : {}) });
  return dump.columns || dump.accounts.length >= COLUMNS_FROM ? toColumnDump(dump) : dump;
}

/**
 * A mail a conversation read and left as read alone (mail-batch.ts' `alone`), when importing it
 * as read there is what readForImport would give: not a dump it would hold as columns.
 */
export function sameAsRead(dump: DumpResult | undefined): DumpResult | undefined {
  return dump && !dump.columns && dump.accounts.length < COLUMNS_FROM ? dump : undefined;
}

/**
 * A reply's corrections for accounts no file of the import delivered, applied when the pool holds
 * the one it names; a loose file's or an archive's member alike (`options`: withPoolCorrections).
 */
export function withPoolOf(tx: Transaction, name: string, dump: DumpResult | ColumnDump, options: PoolCorrectionOptions = {}): DumpResult | ColumnDump {
  if (!('accounts' in dump)) return withoutQuotedColumns(tx, dump);
  // A quoted earlier mail's copy of an account never overwrites the pool's other password (quoted-copies.ts).
  const own = dump.accounts.some((a) => a.quoted) ? (withoutQuotedCopies(dump, (username) => poolLogin(tx, username)) ?? dump) : dump;
  return own.poolCorrections ? withPoolCorrections(name, own, (username) => tx.get(username), options) : own;
}

/**
 * The same check for a dump held as columns (COLUMNS_FROM accounts and more: a reply quoting a
 * 200,000-line delivery), which went unchecked. A quoted account is always a record kept whole
 * (account-columns.ts), so only those are looked at; the records are made, once, only when one
 * of them is a copy to drop or refuse: linear in the dump either way.
 */
function withoutQuotedColumns(tx: Transaction, dump: ColumnDump): ColumnDump {
  const otherInPool = (a: DumpAccount) => {
    const password = tx.get(a.username)?.password;
    return password !== undefined && password !== a.password;
  };
  if (![...dump.columns.kept().values()].some((a) => a.quoted && otherInPool(a))) return dump;
  const records = recordsOf(dump);
  const accounts = Array.from({ length: records.length }, (_, i) => records.at(i));
  const { columns: _old, ...rest } = dump;
  const own = withoutQuotedCopies({ ...rest, accounts }, (username) => poolLogin(tx, username));
  return own ? toColumnDump(own) : dump;
}

function poolLogin(tx: Transaction, username: string): KnownLogin | undefined {
  const account = tx.get(username);
  return account?.password !== undefined ? { password: account.password, before: new Set(), where: 'the pool' } : undefined;
}

/** Whether a read dump is corrections alone (a `fix.txt`): no account of its own, corrections for the pool's. */
export function isCorrectionsOnly(dump: DumpResult | ColumnDump): boolean {
  return 'accounts' in dump && dump.accounts.length === 0 && dump.poolCorrections !== undefined;
}

/** A file of corrections alone, held back to be imported after the command's other files (ImportRun.correctionsLast). */
export class CorrectionsOnly extends AppError {
  constructor(name: string) {
    super(`${name}: corrections alone, imported after the other files`);
  }
}

/**
 * The file's bytes, taken out of it: the file given to importDump is the call's own, and no
 * reference to its bytes kept here lets the read drop them once only its text is needed
 * (readForImport; a 1,000,000-row CSV's 80 MB, issue 16).
 */
function takeBytes(file: DumpFile): Buffer {
  const bytes = file.bytes;
  file.bytes = NO_BYTES;
  return bytes;
}

/** Reads and imports one dump. Unreadable dumps throw AppError naming the file (and line). */
export async function importDump(pool: Pool, file: DumpFile, options: Partial<ImportOptions> = {}, { dryRun = false, within, format, columns, encoding, read, rehearsal, reshard, correctionsLast }: ImportRun = {}): Promise<ImportReport> {
  // Only the name from here on: the caller holds the bytes no longer than it must (a 1,000,000-line
  // dump is 25 MB), and no closure below keeps `file`.
  const name = file.name;
  // A zip or gzip of dumps: its members, each as a loose file, in one transaction (import-archive.ts).
  // An .xls or .msg is named for what it is (office-files.ts); an .xlsx or .ods is opened below as an
  // archive whose members are its sheets (sheets/spreadsheets.ts).
  const office = officeFileError(name, file.bytes);
  if (office) throw new AppError(office.message);
  const archive = archiveKindOf(file.bytes);
  if (archive) return importArchive(pool, file, archive, options, { dryRun, within, format, columns, encoding, rehearsal, ...(reshard ? { reshard } : {}) });
  let dump: DumpResult | ColumnDump | undefined;
  try {
    dump = read ?? (await readForImport(name, file, { format, columns, encoding, maxLines: pool.config.max_dump_lines }, file.wal, undefined, file.beside));
  } catch (error) {
    if (error instanceof DumpError) throw new AppError(error.message);
    throw error;
  }
  if (correctionsLast && isCorrectionsOnly(dump)) throw new CorrectionsOnly(name);
  const merged = { source: basename(name), ...options };
  const large = recordsOf(dump).length >= COLUMNS_FROM;
  if (dryRun) {
    // The same rules on a paged snapshot nobody commits (Pool.rehearse): exactly what a real import would say.
    // The change log's bytes collected once applied, as the real import's (at 1,000,000 rows they were under the merge's peak).
    return pool.rehearse((tx) => mergeDump(tx, name, withPoolOf(tx, name, dump!, merged), merged, pool.config, large ? growthCollector() : undefined), rehearsal, large ? { afterLogRead: collectGarbageOnce } : {});
  }
  return pool.transaction(async (tx) => {
    // A large dump's merge collected as it goes, where the memory grew (merge.ts MERGE_STEP): its
    // garbage had piled up to the import's peak, beside the dump's columns and the new accounts'.
    const report = mergeDump(tx, name, withPoolOf(tx, name, dump!, merged), merged, pool.config, large ? growthCollector() : undefined);
    // The dump's records are in the transaction now: let them go before the shards are planned and
    // written (a 1,000,000-line dump's records were ~150 MB held to the end of the commit).
    dump = undefined;
    // And collected now, before the plan and the commit pile their own garbage on it: V8 had let
    // the merge's heap grow to ~135 MB with ~80 MB alive, and the commit's peak rose with it.
    if (large) collectGarbageOnce();
    tx.message = `import ${basename(name)}: ${report.added} added, ${report.updated} updated`;
    recordHistory(tx, pool.config);
    await within?.(tx, report);
    return report;
    // Collected once more when the shards are planned, before their files are made: the plan of
    // 1,000,000 new accounts leaves ~60 MB of garbage (each new key made twice, each shard's new
    // order) that V8 had not collected when the commit's peak came (scale-log.md, stop 36).
  }, { ...reshard, ...(large ? { afterPlan: collectGarbageOnce, afterLogRead: collectGarbageOnce } : {}) });
}
