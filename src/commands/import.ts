// `accountpool import FILE...`: load dumps of any format into the pool.
import { closeSync, constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseFlags, intFlag, type Flags } from '../cli/args.js';
import { println, printJson, type Command, type Context } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { MissingInput, openLines, readInput } from '../cli/read-input.js';
import { readBounded } from '../read-bounded.js';
import { AppError, UsageError } from '../errors.js';
import { isProvider, PROVIDERS } from '../model.js';
import { CorrectionsOnly, importDump, sameAsRead, type DumpFile } from '../import/import-dump.js';
import { isSqliteFile } from '../formats/databases/sqlite-file.js';
import { databaseOf, isWalDatabase } from '../formats/databases/sqlite-wal.js';
import type { Pool } from '../store/pool.js';
import type { Transaction } from '../store/transaction.js';
import { describeReport, noteLines, rejectedCount, rejectionLines, type ImportReport } from '../import/merge.js';
import { PREVIEW_ACCOUNTS, previewLines } from '../import/preview.js';
import { formatNames, readsInPieces } from '../formats/index.js';
import { checkAlerts } from '../alerts/check.js';
import { growIfDue, reshardingFirst } from '../cli/grow-shards.js';
import { FAILED_DIR, IMPORTED_DIR } from '../watch/ignore.js';
import { shownName } from '../watch/raw-names.js';
import { namedPaths, someNames, type ImportPath } from './import-paths.js';
import { folderCompanions } from './import-companions.js';
import { chatKindOf, isTwinPage, twinWhy } from '../import/container-batch.js';
import { isConversationName, readMailBatch, type BatchFile } from '../formats/mail/mail-batch.js';
import { readDump } from '../formats/index.js';
import { NO_BYTES, type DumpResult } from '../formats/types.js';
import { shellWord } from '../shell-word.js';
import { fileKind } from '../file-kind.js';
import { statedColumns } from '../formats/lists/stated-columns.js';
import { statedEncoding } from '../formats/stated-encoding.js';
import { limitText } from '../byte-size.js';
import { counted } from '../counted-noun.js';

const FLAGS = {
  level: { type: 'string' },
  'set-level': { type: 'boolean' },
  'older-passwords': { type: 'boolean' },
  provider: { type: 'string', completes: PROVIDERS },
  format: { type: 'string', completes: formatNames() },
  columns: { type: 'string' },
  encoding: { type: 'string', completes: ['windows-1250', 'windows-1251', 'windows-1252', 'koi8-r', 'iso-8859-2', 'macintosh', 'shift_jis', 'gbk', 'big5', 'euc-kr', 'utf-16le', 'utf-16be'] },
  source: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const satisfies Flags;

export const importCommand: Command = {
  get help() {
    return `usage: accountpool import FILE... [--level N] [--set-level] [--older-passwords] [--provider ptc|google] [--format NAME]
       [--columns LIST] [--encoding NAME] [--source LABEL] [--dry-run] [--json] [--pool DIR]

Reads each FILE (- = standard input; a folder: every file below it, in name order), detects its format from the content, and adds its accounts
to the pool: Monocle and RocketMap accounts.csv, generators' outputs (KinanCity, Pikaptcha,
PalletTown, ptc-acc-gen, ...), RocketMap's config.ini, Monocle's accounts.pickle, PGPool's
database dumps, seller lists (user:pass, user,pass, ...), seller e-mails pasted as text, .eml
files (MIME, attachments), mbox files, order pages saved as .html, checker outputs
(accounts-blind.csv, banned.txt, ...) and accountpool's own JSON-lines export; loose, or in a
zip or gzip (each member read as a file, all of them in one transaction; --dry-run names each).

A folder is walked by the inbox's rules: up to 8 folders deep, hidden and partial names (.git,
x.part, x.swp) skipped, links to folders not entered, a level folder (level-31/ or 31/) gives
its files' level, before --level, and a columns folder (columns-LIST/, as columns-user,level,pass/)
gives its lists' columns as --columns LIST does (--columns wins). Each file is judged alone and
reported on its own line.

Each file is one transaction: all of it or nothing. Known accounts get a changed password,
a higher level and a missing device; their state and history stay. A file that holds no
accounts (a proxy list, a config file, a newsletter) is refused and named for what it looks
like; so is one whose reader is unsure.

  --level N        level for accounts whose file states none (a level column, a product or
                   subject line such as "5x Level 30 accounts", or a name like *_L30.txt wins)
  --set-level      let --level lower the level of known accounts too
  --older-passwords
                   take back a password an account had before and replaced (never taken
                   otherwise: an older fix or dump dropped again would roll the account back)
  --provider P     provider for accounts whose file names none (default ptc)
  --format NAME    read every FILE with this reader instead of detecting one:
                   ${formatNames().join(', ')}
  --columns LIST   read every FILE as a list whose columns are these, in order, as a header
                   line would name them: user, pass, email, emailpass, level, provider, status,
                   and - for a column to read past (--columns user,pass,- when a list's last
                   column holds numbers that are no level: a year, a count); for the lists
                   of one folder only, name the folder columns-LIST/ (columns-user,level,pass/),
                   in the inbox too
  --encoding NAME  the charset of every FILE that is not UTF-8, where its bytes do not show it
                   and its accounts are refused by line ("save the file as UTF-8"): windows-1250,
                   cp1251, koi8-r, iso-8859-2, macintosh, shift_jis, gbk, utf-16le (a UTF-16 file
                   without its byte-order mark), or another WHATWG label; for the files of one
                   folder only, name the folder encoding-NAME/, in the inbox too
  --source LABEL   where the new accounts came from (the seller), for \`accountpool stats\`;
                   default: the file's name
  --dry-run        show what would be imported (the reader and why, the first accounts, lines
                   skipped and rejected); write nothing
  --json           one JSON report per file
Exit code 1 when any file could not be imported or any line was rejected (the other files and
accounts still are; lines skipped as prose and duplicates do not count), also with --dry-run.`;
  },
  flags: FLAGS,
  operands: 'file',
  async run(ctx) {
    const { values, positionals } = parseFlags('import', ctx.argv, FLAGS, true);
    if (positionals.length === 0) throw new UsageError('import needs at least one FILE (or - for standard input)');
    if (values.provider !== undefined && !isProvider(values.provider)) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}`);
    const level = intFlag('level', values.level, { min: 1, max: 50 });
    if (values['set-level'] && level === undefined) throw new UsageError('--set-level needs --level N');
    if (values.format !== undefined && !formatNames().includes(values.format)) throw new UsageError(`--format must be one of ${formatNames().join(', ')}`);
    const stated = values.columns === undefined ? undefined : statedColumns(values.columns);
    if (stated && 'problem' in stated) throw new UsageError(stated.problem);
    if (stated && values.format !== undefined && values.format !== 'plain') throw new UsageError(`--columns reads a list (the plain reader), not --format ${values.format}`);
    const charset = values.encoding === undefined ? undefined : statedEncoding(values.encoding);
    if (charset && 'problem' in charset) throw new UsageError(charset.problem);
    const dryRun = values['dry-run'];
    const source = values.source?.trim();
    if (source !== undefined && (source.length === 0 || source.length > 200 || /[\x00-\x1f\x7f]/.test(source))) throw new UsageError('--source must be 1-200 printable characters');
    const pool = await openPool(ctx, values.pool);
    // An import that makes the pool outgrow its shards reshards it first: its accounts written once.
    const reshard = dryRun ? undefined : await reshardingFirst(pool, (line) => println(ctx.stderr, line));
    let failed = 0;
    // Lines rejected in files otherwise imported: their accounts are not in the pool, so the exit is 1 too.
    let rejectedLines = 0;
    let filesWithRejections = 0;
    const named = await namedPaths(positionals, { cwd: ctx.cwd, inbox: resolve(pool.layout.dir, pool.config.inbox), poolDir: pool.layout.dir });
    // A database's -wal and -shm files named with it (`import config/`) are read with it (withWal), not as dumps.
    const paths = new Set(named.files.map((f) => f.path));
    const all = named.files.filter((f) => !paths.has(databaseOf(f.path) ?? ''));
    // A folder's compose files and pod specs read with the files beside them they name, those files not again alone (import-companions.ts).
    const companions = await folderCompanions(all, pool.config.max_dump_size, ctx.cwd);
    const readWith = (file: string, by: string) => println(ctx.stderr, `accountpool import: ${shownName(file)}: read with ${shownName(by)}, whose containers take their settings from it; not imported on its own`);
    for (const { folder, names } of named.skipped) {
      // A compose file's `.env` is skipped by its hidden name, yet read with the compose file: said so, not as skipped.
      const used = companions.skippedUsed.get(resolve(ctx.cwd, folder)) ?? new Map<string, string>();
      const read = new Set([...used.keys()].map(shownName));
      for (const [rel, by] of used) readWith(join(folder, rel), by);
      const left = names.filter((n) => !read.has(n));
      if (left.length > 0) println(ctx.stderr, `accountpool import: ${folder}: skipped ${left.length} by name (hidden or partial): ${someNames(left)}`);
    }
    // A chat export's files said once for the chat, not one line each (an export of years holds thousands of photos).
    const chatFiles = new Map<string, number>();
    const twinPages = new Map<string, string[]>();
    for (const [file, by] of companions.used) {
      if (!companions.chats.has(by)) readWith(file.path, by);
      else if (isTwinPage(file.path, by)) twinPages.set(by, twinPages.get(by) ?? []).get(by)!.push(file.path);
      else chatFiles.set(by, (chatFiles.get(by) ?? 0) + 1);
    }
    for (const [by, pages] of twinPages) println(ctx.stderr, `accountpool import: ${shownName(pages[0]!)}${pages.length > 1 ? ` and ${counted(pages.length - 1, 'more page')}` : ''}: ${twinWhy(shownName(by))}`);
    for (const [by, n] of chatFiles) {
      const kind = chatKindOf(by);
      const what = kind === 'one Telegram chat' ? ' (its later pages, the files its messages carry, its photos and style)' : ', in time order';
      println(ctx.stderr, `accountpool import: ${shownName(by)}: read as ${kind} with ${counted(n, 'more file')} of its export${what}, not imported on their own`);
    }
    // The .eml files of this import are one conversation, read in Date order (mail-batch.ts), each read once.
    const { files, read, alone, held } = await mailConversation(ctx, pool, all.filter((f) => !companions.used.has(f)), values.format);
    const importOne = async (file: ImportPath, rehearsal?: Transaction, correctionsLast = false): Promise<ImportReport> => {
      const path = file.path;
      if ('refused' in file) throw new AppError(file.refused);
      // A level folder (`dumps/level-31/`) is the file's own word, as in the inbox: it wins over --level.
      const options = { level: file.folderLevel ?? level, setLevel: values['set-level'], olderPasswords: values['older-passwords'], provider: values.provider as 'ptc' | 'google' | undefined, ...(source ? { source } : {}), ...(dryRun ? { sample: PREVIEW_ACCOUNTS } : {}) };
      // `--columns` wins over a columns folder (`dumps/columns-user,level,pass/`), which reads a list only.
      const columns = stated ?? (values.format === undefined || values.format === 'plain' ? file.folderColumns : undefined);
      // `--encoding` wins over an encoding folder (`dumps/encoding-cp1251/`), as --columns does.
      const encoding = charset?.encoding ?? ('refused' in file ? undefined : file.folderEncoding);
      // The file's bytes held by no variable here: importDump lets them go once read (25 MB of a 1,000,000-line dump).
      // A mail of the conversation hands on the bytes it was judged on there, never read a second time;
      // one it left unchanged, its result there when that read had no reader or columns stated.
      const asRead = read.get(file) ?? (values.format === undefined && !columns && !encoding ? alone.get(file) : undefined);
      // A big file a forced reader reads in pieces: read from it so, never whole (cli/read-input.ts openLines).
      const lines = !held.has(file) && !companions.beside.has(file) && !asRead && !columns && !encoding && readsInPieces(values.format) ? await openLines(path, { cwd: ctx.cwd, limit: pool.config.max_dump_size, maxLines: pool.config.max_dump_lines }) : undefined;
      try {
        return await importDump(pool, await withWal(ctx, path, pool.config.max_dump_size, { name: path === '-' ? 'stdin' : shownName(path), bytes: lines ? NO_BYTES : (takeHeld(held, file) ?? (await readDumpFile(ctx, pool, path))), ...(lines ? { lines } : {}), ...(companions.beside.has(file) ? { beside: companions.beside.get(file)! } : {}) }), options, { dryRun, format: values.format, ...(columns ? { columns } : {}), ...(encoding ? { encoding } : {}), ...(asRead ? { read: asRead } : {}), ...(rehearsal ? { rehearsal } : {}), ...(reshard ? { reshard } : {}), ...(correctionsLast ? { correctionsLast } : {}) });
      } finally {
        if (lines) closeSync(lines.fd);
      }
    };
    // --dry-run: the conversation's mails rehearsed one after another on one snapshot, as the real
    // import commits them: the reply's corrected account an update of the account the delivery adds.
    const rehearsed = dryRun && held.size > 1 ? await pool.rehearse(async (tx) => {
      const out = new Map<ImportPath, ImportReport | AppError>();
      for (const file of files) {
        if (!held.has(file)) continue;
        out.set(file, await importOne(file, tx).catch((error: unknown) => {
          if (error instanceof AppError) return error;
          throw error;
        }));
      }
      return out;
    }) : undefined;
    // `fix.txt` (corrections alone) among other files: imported after them, as the pool then holds
    // what they delivered (pool-corrections.ts) and none of them puts back the password it replaced;
    // in a dry run rehearsed after them on one snapshot, as the real import commits them.
    // (A mail of a conversation keeps the conversation's order: never taken out of it.)
    const readable: ImportPath[] = [];
    const tryAgain = async (file: ImportPath): Promise<ImportReport> => {
      if (!dryRun) return importOne(file);
      return pool.rehearse(async (tx) => {
        for (const f of readable) await importOne(f, tx).catch((error: unknown) => {
          if (!(error instanceof AppError)) throw error;
        });
        return importOne(file, tx);
      });
    };
    const queue = [...files];
    for (let k = 0; k < queue.length; k++) {
      const file = queue[k]!;
      const path = file.path;
      const again = k >= files.length;
      try {
        const done = rehearsed?.get(file);
        if (done instanceof AppError) throw done;
        const report = done ?? (again ? await tryAgain(file) : await importOne(file, undefined, files.length > 1 && !held.has(file)));
        if (!again && !held.has(file)) readable.push(file);
        printReport(ctx, report, values.json, dryRun);
        // A mail of the conversation left with nothing (its accounts refused by a later reply, or its sentence unsure): refused, as read alone.
        if (read.has(file) && report.added + report.updated + report.unchanged === 0) failed++;
        const rejected = rejectedCount(report);
        rejectedLines += rejected;
        if (rejected > 0) filesWithRejections++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error instanceof CorrectionsOnly) {
          queue.push(file);
          continue;
        }
        failed++;
        if (values.json) printJson(ctx.stdout, { file: shownName(path), error: error.message });
        println(ctx.stderr, `accountpool import: ${error.message}`);
      }
    }
    const rejectedNote = rejectedLines > 0 ? `; ${rejectedLines} line${rejectedLines === 1 ? '' : 's'} rejected in ${filesWithRejections} of them` : '';
    if (files.length > 1) println(ctx.stderr, `accountpool import: ${files.length} files, ${files.length - failed} ${dryRun ? 'readable' : 'imported'}, ${failed} refused${rejectedNote}`);
    if (!values['dry-run']) {
      await growIfDue(pool, (line) => println(ctx.stderr, line));
      await checkAlerts(pool, { log: (line) => println(ctx.stderr, line) });
    }
    return failed + rejectedLines > 0 ? 1 : 0;
  },
};

/**
 * Two or more `.eml` files named (`import a.eml b.eml`, `import mails/`): a seller's delivery and
 * the reply correcting it. Read together as one conversation (mail-batch.ts), the files in Date
 * order; a file the conversation changed is imported as read there (`read`), a mail it left as read
 * alone too (`alone`: not parsed twice); the rest read again alone from the same bytes (`held`: each
 * mail's bytes, or why they could not be read), never from the disk again: a file changed in
 * between is judged on one content.
 */
async function mailConversation(ctx: Context, pool: Pool, files: ImportPath[], format: string | undefined): Promise<{ files: ImportPath[]; read: Map<ImportPath, DumpResult>; alone: Map<ImportPath, DumpResult>; held: Map<ImportPath, Buffer | AppError> }> {
  const read = new Map<ImportPath, DumpResult>();
  const alone = new Map<ImportPath, DumpResult>();
  const held = new Map<ImportPath, Buffer | AppError>();
  const mails = files.filter((f) => !('refused' in f) && f.path !== '-' && isConversationName(f.path));
  if (mails.length < 2 || (format !== undefined && format !== 'eml')) return { files, read, alone, held };
  const batch: BatchFile[] = [];
  for (const f of mails) {
    const bytes = await readDumpFile(ctx, pool, f.path).catch((error: unknown) => {
      if (error instanceof AppError) return error;
      throw error;
    });
    held.set(f, bytes);
    batch.push({ name: shownName(f.path), bytes: Buffer.isBuffer(bytes) ? bytes : NO_BYTES });
  }
  const batchRead = await readMailBatch(batch, (input) => readDump(input), pool.config.max_dump_lines);
  for (const [i, r] of batchRead.results.entries()) if (r) read.set(mails[i]!, r);
  for (const [i, r] of batchRead.alone.entries()) if (sameAsRead(r)) alone.set(mails[i]!, r!);
  const slots = files.map((f) => mails.indexOf(f));
  return { files: files.map((f, i) => (slots[i]! < 0 ? f : mails[batchRead.order[slots[i]!]!]!)), read, alone, held };
}

/** A mail's bytes read for the conversation, taken out of `held` (so they go once imported); throws why they could not be read. */
function takeHeld(held: Map<ImportPath, Buffer | AppError>, file: ImportPath): Buffer | undefined {
  const bytes = held.get(file);
  if (bytes instanceof AppError) throw bytes;
  // Left in `held` (as none) for the dry-run's rehearsal to know its mails; the bytes themselves let go.
  if (bytes) held.set(file, NO_BYTES);
  return bytes;
}

/** The dump's bytes, as `import` is given them (a path, or - for standard input). */
function readDumpFile(ctx: Context, pool: Pool, path: string): Promise<Buffer> {
  return readInput(path, { cwd: ctx.cwd, stdin: ctx.stdin, limit: pool.config.max_dump_size }).catch((error: unknown) => {
    throw vanishedFromInbox(error, resolve(ctx.cwd, path), resolve(pool.layout.dir, pool.config.inbox));
  });
}

/**
 * A SQLite database with its write-ahead log beside it (`accounts.db-wal`, a tool that ran in WAL
 * mode when the file was copied): the log goes with it, so what the tool wrote since its last
 * checkpoint is read too. A database in WAL mode without one is read as it is, and the operator
 * told where the rest would be: a database closed cleanly has no log left, a copy taken while the
 * tool ran may lack its last changes.
 */
async function withWal(ctx: Context, path: string, limit: number, file: DumpFile): Promise<DumpFile> {
  if (path === '-' || !isSqliteFile(file.bytes)) return file;
  const wal = await readWal(`${resolve(ctx.cwd, path)}-wal`, file.name, limit);
  if (wal) return { ...file, wal };
  if (isWalDatabase(file.bytes)) {
    println(ctx.stderr, `accountpool import: ${file.name}: the database is in WAL mode and no ${basename(path)}-wal is beside it: if the tool was running when it was copied, what it wrote since its last checkpoint is in that file; copy both together, or copy the database while the tool is stopped`);
  }
  return file;
}

/**
 * The -wal file beside a database, read as the database is (never past max_dump_size), and only
 * when it is a regular file: the operator named the database, not this file, and one made as a
 * FIFO hung \`import\` for ever, one made a link to /dev/zero read until memory ran out.
 * O_NONBLOCK: opening a FIFO never waits for a writer. Undefined when there is none.
 */
async function readWal(wal: string, shown: string, limit: number): Promise<Buffer | undefined> {
  const handle = await open(wal, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new AppError(`${shown}: its -wal file cannot be read (${error.code ?? 'error'})`);
  });
  if (!handle) return undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError(`${shown}: its -wal file ${shownName(wal)} is ${fileKind(info)}, not a file: move it away, or copy the database and its -wal file again`);
    // A frame a growing file holds cut short is not read (sqlite-wal.ts).
    const bytes = await readBounded(handle, info.size, limit);
    if (bytes.length > limit) throw new AppError(`${shown}: its -wal file holds more than ${limitText(limit)}, over max_dump_size in accountpool.yaml; raise max_dump_size, or checkpoint the database first (sqlite3 ${shellWord(shown)} 'PRAGMA wal_checkpoint(TRUNCATE)')`);
    return bytes;
  } finally {
    await handle.close();
  }
}

/**
 * A file named from the inbox can be filed by the watcher between the shell listing it and this
 * read (`import inbox/*` while `watch` runs): the operator is told where it went, not only ENOENT.
 */
function vanishedFromInbox(error: unknown, file: string, inbox: string): unknown {
  if (!(error instanceof MissingInput)) return error;
  if (dirname(file) !== inbox) return error;
  return new AppError(`${error.message}: the watcher may have imported it or set it aside meanwhile (see ${join(inbox, IMPORTED_DIR)} and ${join(inbox, FAILED_DIR)})`);
}

function printReport(ctx: Parameters<Command['run']>[0], report: ImportReport, json?: boolean, dryRun?: boolean): void {
  if (json) {
    printJson(ctx.stdout, { ...report, dryRun: Boolean(dryRun) });
    return;
  }
  println(ctx.stdout, describeReport(report, dryRun ? 'would import' : 'imported'));
  if (dryRun) {
    // An archive: each member as a file of its own (`accounts.zip!stock/level30.txt`), then what was passed over.
    // A workbook's members are its sheets (sheets/spreadsheets.ts).
    const sheets = report.format === 'xlsx' || report.format === 'ods';
    if (report.members) println(ctx.stdout, `  ${sheets ? `a spreadsheet (.${report.format})` : `a ${report.format} archive`}: ${report.members.length} ${sheets ? 'sheet' : 'file'}${report.members.length === 1 ? '' : 's'} read${report.passed ? `, ${report.passed.length} passed over` : ''}, imported together or not at all`);
    for (const file of report.members ?? [report]) {
      if (file !== report) println(ctx.stdout, describeReport(file, 'would import'));
      for (const line of previewLines(file, file.added + file.updated + file.unchanged + file.duplicates.length)) println(ctx.stdout, line);
    }
    for (const p of report.passed ?? []) println(ctx.stdout, `passed over ${p.name}: ${p.why}`);
    return;
  }
  for (const line of [...noteLines(report), ...rejectionLines(report)]) println(ctx.stderr, line);
}
