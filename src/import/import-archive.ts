// An archive (a seller's accounts.zip, a gzipped dump) imported as the files it holds: each member
// read by the same readers as a loose file (its own name's and folders' levels applied, as a file's
// name and inbox folder are), all of them merged in one transaction, in the archive's order. So an
// archive is one file to the pool, the watcher and its receipts: all of it or nothing. A member the
// readers refuse refuses the archive, naming the member: a loose file refused alone would be
// named and the rest imported, but an archive is set aside or imported whole, never half. The one
// exception is a member of prose alone (the seller's readme.txt of thanks and instructions): it is
// passed over, named in the preview, as a mail's prose is, unless it is all the archive holds.
import { basename } from 'node:path';
import { AppError } from '../errors.js';
import { memberFolderLevel, openArchive, type ArchiveKind, type ArchiveMember, type OpenedArchive } from '../formats/archives/archive-members.js';
import { readDump, toDumpInput } from '../formats/index.js';
import { DEFAULT_MAX_LINES, LineBudget } from '../formats/line-limit.js';
import { isBinaryStore } from '../formats/decode.js';
import { isConversationName, readMailBatch } from '../formats/mail/mail-batch.js';
import { countKinds } from '../formats/not-accounts/describe-content.js';
import { DumpError, NoAccountsError, type DumpInput, type DumpResult } from '../formats/types.js';
import { recordHistory } from '../history/record.js';
import type { Pool } from '../store/pool.js';
import type { Transaction } from '../store/transaction.js';
import type { ColumnDump } from './dump-columns.js';
import { isCorrectionsOnly, readForImport, sameAsRead, withPoolOf, type DumpFile, type ImportRun, type ReaderChoice } from './import-dump.js';
import { mergeDump, UNSURE_NAME, type ImportOptions, type ImportReport } from './merge.js';
import { companionPlan, usedWhy, type DumpTree } from './container-batch.js';

/**
 * `accounts.zip!stock/a.txt:14: bad line` → `accounts.zip: its member stock/a.txt:14: bad line`: named after the archive, as the watcher files it.
 * A workbook dropped alone (`kind` xlsx, ods) has sheets, not files to extract: `stock.xlsx: its sheet Stock: ...`.
 */
function memberError(archive: string, error: DumpError, kind: OpenedArchive['kind']): AppError {
  const rest = error.message.startsWith(`${archive}!`) ? error.message.slice(archive.length + 1) : error.message;
  if (kind === 'xlsx' || kind === 'ods') return new AppError(`${archive}: its sheet ${rest}; nothing was imported from the workbook (its sheets are imported together or not at all)`);
  return new AppError(`${archive}: its member ${rest}; nothing was imported from the archive (extract it to import its other files alone)`);
}

/**
 * Whether a member the readers found no account in is prose alone: no line rejected as a broken
 * account, and most of its lines sentences. Anything else without accounts (a proxy list, keys, a
 * config) still refuses the archive: it may be the wrong archive.
 */
function proseOnly(error: NoAccountsError, input: DumpInput): boolean {
  if (error.rejectedLines > 0) return false;
  const { kinds, lines } = countKinds(input.text);
  return lines > 0 && (kinds.get('prose') ?? 0) * 2 >= lines;
}

interface MemberDump {
  name: string;
  dump: DumpResult | ColumnDump;
  /** The level its folders state (`level30/`), for its accounts that state none. */
  level: number | undefined;
  nameUnsure?: true;
}

/**
 * The archive's saved mails (`.eml` and `.mbox` members: a seller's delivery and the reply
 * correcting it, zipped together) are one conversation, read as `import a.eml b.eml` reads the loose files
 * (mail-batch.ts): in Date order, a reply naming no login applied to the one account of the
 * delivery it answers. The members in the order they are to be merged, and the results the
 * conversation changed or left as read alone (the rest are read alone, as always).
 */
async function memberConversation(all: ArchiveMember[], { format, columns, maxLines }: ReaderChoice): Promise<{ members: ArchiveMember[]; read: Map<ArchiveMember, DumpResult> }> {
  const read = new Map<ArchiveMember, DumpResult>();
  const mails = all.filter((m) => isConversationName(m.path));
  if (mails.length < 2 || columns || (format !== undefined && format !== 'eml')) return { members: all, read };
  const { results, alone, order } = await readMailBatch(mails, (input) => readDump(input), maxLines);
  for (const [i, r] of results.entries()) if (r) read.set(mails[i]!, r);
  // A mail it left as read alone: not parsed twice, when its lone read would be this one (no
  // reader stated, a name read with confidence: an unsure one states no level).
  for (const [i, r] of alone.entries()) if (sameAsRead(r) && format === undefined && !mails[i]!.nameUnsure) read.set(mails[i]!, r!);
  // The mails take the mails' places, in the conversation's order: a later mail's password is merged last.
  let next = 0;
  return { members: all.map((m) => (isConversationName(m.path) ? mails[order[next++]!]! : m)), read };
}

/** An archive's members as one dump's files (container-batch.ts): all inside it, links never among them (archive-members.ts refuses them). */
function archiveTree(members: readonly ArchiveMember[]): DumpTree {
  const byPath = new Map(members.map((m) => [m.path, m]));
  return {
    paths: members.map((m) => m.path),
    read: async (path) => {
      const m = byPath.get(path);
      return m ? { text: m.bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') } : undefined;
    },
  };
}

/** The members' dumps, read before the pool is touched: a refused member refuses the archive. */
async function readMembers(file: DumpFile, opened: OpenedArchive, choice: ReaderChoice): Promise<MemberDump[]> {
  const dumps: MemberDump[] = [];
  let firstProse: DumpError | undefined;
  const { members, read } = await memberConversation(opened.members, choice);
  // Its compose files and pod specs read with the members beside them they name, those not again alone (container-batch.ts).
  const plan = await companionPlan(archiveTree(opened.members));
  // The members' lines counted together, before each is read (line-limit.ts LineBudget).
  const lines = new LineBudget(choice.maxLines ?? DEFAULT_MAX_LINES);
  for (const member of members) {
    const by = plan.used.get(member.path);
    if (by !== undefined) {
      opened.passed.push({ name: member.name, why: usedWhy(plan, by, member.path) });
      continue;
    }
    if (!isBinaryStore(member.bytes)) {
      try {
        lines.take(member.name, member.bytes, "the archive's members");
      } catch (error) {
        throw memberError(file.name, error as DumpError, opened.kind);
      }
    }
    let dump: DumpResult | ColumnDump;
    try {
      // The same read step as the file loose: its reader, and a list read straight into columns;
      // a mail the conversation changed as it was read there.
      dump = read.get(member) ?? (await readForImport(member.name, member.bytes, choice, undefined, member.nameUnsure === 'path' || undefined, plan.beside.get(member.path)));
    } catch (error) {
      if (error instanceof NoAccountsError && choice.format === undefined && !choice.columns && proseOnly(error, toDumpInput(member.name, member.bytes, choice.maxLines, choice.encoding))) {
        firstProse ??= error;
        opened.passed.push({ name: member.name, why: 'prose without accounts (a readme?)' });
        continue;
      }
      if (error instanceof DumpError) throw memberError(file.name, error, opened.kind);
      throw error;
    }
    // A name whose code page is unsure states no level, by its folders either (a Shift_JIS `①ネ30/` read as CP437 is `ç@âl30/`).
    dumps.push({ name: member.name, dump, level: member.nameUnsure ? undefined : memberFolderLevel(member.path), ...(member.nameUnsure ? { nameUnsure: true as const } : {}) });
  }
  // Prose alone is no delivery: the archive is refused as its one member would be.
  if (dumps.length === 0 && firstProse) throw memberError(file.name, firstProse, opened.kind);
  return dumps;
}

/**
 * A member's report, marked when its name's code page is unsure (the preview and the inbox line
 * say so); a merge refused (no level known) says why the name gave none.
 */
function unsureMarked(name: string, merge: () => ImportReport, nameUnsure: true | undefined): ImportReport {
  if (!nameUnsure) return merge();
  try {
    return { ...merge(), nameUnsure };
  } catch (error) {
    if (error instanceof AppError) throw new AppError(`${error.message}; ${name} ${UNSURE_NAME}: no level or verdict was read from its name`);
    throw error;
  }
}

/** The archive's report: its members' counts added up, each member's own report kept for the preview. */
function archiveReport(name: string, opened: OpenedArchive, members: ImportReport[]): ImportReport {
  const report: ImportReport = { file: name, format: opened.kind, added: 0, updated: 0, unchanged: 0, changes: {}, rejected: [], duplicates: [], members, ...(opened.passed.length > 0 ? { passed: opened.passed } : {}) };
  for (const m of members) {
    report.added += m.added;
    report.updated += m.updated;
    report.unchanged += m.unchanged;
    for (const [k, n] of Object.entries(m.changes)) report.changes[k] = (report.changes[k] ?? 0) + n;
    if (m.passwordsKept) report.passwordsKept = (report.passwordsKept ?? 0) + m.passwordsKept;
    if (m.heldPasswords) (report.heldPasswords ??= []).push(...m.heldPasswords);
  }
  return report;
}

/** importDump for the bytes of an archive (archiveKindOf said which kind). */
export async function importArchive(pool: Pool, file: DumpFile, kind: ArchiveKind, options: Partial<ImportOptions>, { dryRun = false, within, format, columns, encoding, rehearsal, reshard }: ImportRun): Promise<ImportReport> {
  const name = file.name;
  let opened: OpenedArchive;
  try {
    opened = await openArchive(name, file.bytes, kind, { maxTotal: pool.config.max_dump_size, maxLines: pool.config.max_dump_lines });
  } catch (error) {
    if (error instanceof DumpError) throw new AppError(error.message);
    throw error;
  }
  const dumps = await readMembers(file, opened, { format, columns, encoding, maxLines: pool.config.max_dump_lines });
  const merged = { source: basename(name), ...options };
  // A member's folder (`level30/`) is its own word, as a level folder given to `import DIR` is
  // (commands/import.ts): it wins over --level and over the inbox folder the archive was dropped
  // in (merge.ts: options.level before options.folderLevel), and loses to the level the member's
  // content or own name states (found.level first).
  // A reply packed with others (a .zip of saved mails) corrects an account of the pool as a loose one does.
  // A member of corrections alone (`fix.txt` beside `delivery.txt`) is merged after the others, whose
  // accounts it may correct and which would otherwise put back the password it replaced; reported in its place.
  const order = [...dumps.keys()].sort((a, b) => Number(isCorrectionsOnly(dumps[a]!.dump)) - Number(isCorrectionsOnly(dumps[b]!.dump)));
  const mergeAll = (tx: Transaction) => {
    const reports: ImportReport[] = [];
    for (const i of order) {
      const { name, dump, level, nameUnsure } = dumps[i]!;
      reports[i] = unsureMarked(name, () => mergeDump(tx, name, withPoolOf(tx, name, dump, { member: true, olderPasswords: merged.olderPasswords }), level === undefined ? merged : { ...merged, level }, pool.config), nameUnsure);
    }
    return archiveReport(name, opened, reports);
  };
  if (dryRun) return pool.rehearse(mergeAll, rehearsal);
  return pool.transaction(async (tx) => {
    const report = mergeAll(tx);
    tx.message = `import ${basename(name)}: ${report.added} added, ${report.updated} updated`;
    recordHistory(tx, pool.config);
    await within?.(tx, report);
    return report;
  }, reshard);
}
