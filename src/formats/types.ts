// The contract every dump format implements (one file per format in this folder).
// A reader turns the bytes of one dump into candidate accounts; it never touches the pool.
import type { Role } from './lists/columns.js';
import type { Device, Provider, State } from '../model.js';
import type { DumpColumns } from './account-columns.js';
import type { Beside } from './beside.js';
import type { FileLines } from './file-lines.js';

/**
 * The bytes of a dump once let go (DumpInput.bytes after ReadOptions.letBytesGo, a file's bytes
 * taken out of it): one shared empty buffer, so a reference left behind holds nothing.
 */
export const NO_BYTES = Buffer.alloc(0);

/** One dump as the importer hands it to the readers. */
export interface DumpInput {
  /** File name as given by the user (only a hint: the content decides the format). */
  name: string;
  bytes: Buffer;
  /** `bytes` decoded as UTF-8 with any BOM removed and CRLF/CR turned into LF. */
  text: string;
  /**
   * Set when the bytes are not UTF-8 and declare no charset: `text` is then read as windows-1252,
   * and these lines (1-based) hold bytes outside ASCII, whose characters may be read wrongly.
   */
  nonUtf8Lines?: Set<number>;
  /** Set when the bytes are not UTF-8, declare no charset, and show which 8-bit charset they are in (legacy-charset.ts): its name, for the preview. */
  charsetRead?: string;
  /**
   * Set when the text holds the escapes of an ISO-2022 charset no decoder here reads
   * (`ISO-2022-KR`, `ISO-2022-CN`): its lines holding ESC, SO or SI are refused naming it.
   */
  escapedCharset?: string;
  /**
   * A SQLite database's write-ahead log found beside it (`accounts.db-wal`): what a tool running
   * in WAL mode wrote since the last checkpoint, applied when the database is read (sqlite-wal.ts).
   */
  wal?: Buffer;
  /** An archive member's name in no code page read with confidence (ArchiveMember.nameUnsure): it states no level or verdict. */
  nameUnsure?: true;
  /** A mail of a conversation its caller reads whole (mail-batch.ts): one that delivers nothing is the caller's to judge. */
  inConversation?: true;
  /**
   * The files of the same dump (its folder, its archive, its inbox batch) a container file takes its
   * settings from (container-companions.ts): a compose file's `.env` and `env_file:` files, the
   * manifests beside a pod spec. Undefined for a file read alone.
   */
  beside?: Beside;
  /** The pool's max_dump_lines when it is not the default (line-limit.ts): the parts read out of this dump are held to it too. */
  maxLines?: number;
  /**
   * A big dump read from its file a piece at a time (file-lines.ts, streamed-input.ts): its lines,
   * which are `text`'s; `text` and `bytes` are read whole from the file only when asked.
   */
  lines?: FileLines;
}

/** An account as read from a dump, before the import rules merge it into the pool. */
export interface DumpAccount {
  username: string;
  password: string;
  /** 1-based line in the dump (or in the e-mail part it came from). */
  line: number;
  /**
   * The file the account was read from, where it is another file than the dump imported: a later
   * file of a conversation its exporter split (`message_2.json`, a Slack day, Telegram's
   * `messages2.html`: split-chat-files.ts), read with the first. `line` is that file's line; the
   * account's source and the import's messages name it.
   */
  file?: string;
  provider?: Provider;
  level?: number;
  device?: Partial<Device>;
  /** A verdict the dump's own name or content states (checker outputs such as accounts-blind.csv). */
  state?: State;
  /**
   * When the dump says `state` was given (ISO), where it keeps the time (ShuckleTools' dated
   * verdict columns): the verdict counts from then, its cool-down too, and it never overrules a
   * verdict the pool was given later.
   */
  stateAt?: string;
  /**
   * A checker tried the account and could not tell (PGNumbra's accounts-error.csv): no verdict;
   * the account sits out the `check_error` retry time, as after our own checker's errors.
   */
  checkError?: true;
  /**
   * What a pool export carries beyond the basics (when the verdict was given, cool-down end, last
   * allocation, when and from where it was first added, the user's own fields), so a pool moved
   * with export + import keeps each account's place in the circle. Used for new accounts only.
   */
  history?: Record<string, unknown>;
  /**
   * Read from an earlier mail that this mail quotes or forwards (a `>` line, or under an
   * `On ... wrote:` / forward separator), not from the mail's own text: a copy whose password may
   * since have been corrected, so it must never overwrite a newer one (quoted-copies.ts, mail-batch.ts).
   */
  quoted?: true;
}

/** What a line that is no account is (line-kinds.ts): a proxy, a config line, prose, ... */
export type LineKind = 'url' | 'proxy' | 'address' | 'key' | 'config' | 'code' | 'table' | 'stats' | 'header' | 'handle' | 'log' | 'prose' | 'system' | 'host' | 'site' | 'signature' | 'price';

/** A line that looks like an account but cannot be one. The reason never contains the password. */
export interface Rejection {
  line: number;
  reason: string;
  /** Set when the line is something other than an account (a proxy, a URL...), not a broken account. */
  kind?: LineKind;
  /**
   * Set when what is refused is a whole part of the file (a mail's attachment, an mbox's message),
   * named at its line: no line read as an account, so never counted as one in a summary.
   */
  part?: true;
}

/** A line a reader read past on purpose (prose in a mail, a proxy among the accounts of a mail). */
export interface Skipped {
  line: number;
  kind: LineKind;
  /**
   * A mail's prose line as its reader read it: decoded from its part's quoted-printable or base64,
   * its charset, or made from HTML, where the file's own line is encoded. A later message's
   * correction is read from it (later-corrections.ts). Inside the readers only: it may hold a
   * password, so readWith drops it from what a caller sees.
   */
  text?: string;
  /**
   * A mail's correction a later line of it took back (`the new password is X` / `make that Y`):
   * read, so no sentence left for a later message or the pool to apply (lone-corrections.ts).
   */
  read?: true;
}

export interface DumpResult {
  /** Name of the format that read the dump (for e-mails: `eml+plain`, ...). */
  format: string;
  accounts: DumpAccount[];
  /**
   * The accounts as columns, only when the read was asked for them (ParseOptions.columnsFrom) and
   * the reader could: then `accounts` is empty and these are all of them (account-columns.ts).
   */
  columns?: DumpColumns;
  rejected: Rejection[];
  /** Lines skipped as no account, for the preview (`import --dry-run`); readers of mails fill it. */
  skipped?: Skipped[];
  /** Why this reader read the dump (set by the registry): detection scores, or `--format`. */
  why?: string;
  /**
   * Every account of the dump is one accountpool's export wrote (jsonl.ts: each line holds the
   * `seq` and `added_at` only an export writes): their other fields are a pool's own, the ones its
   * operator put there, and are all kept (account-fields.ts); another dump's text fields whose
   * meaning accountpool does not know are not.
   */
  exported?: true;
  /** What the reader could not tell from the file and how it read it, for the preview (pgpool-tsv.ts: raw or escaped). */
  notes?: string[];
  /**
   * A mail that delivers nothing and says an account's password changed (lone-corrections.ts):
   * for each such sentence, refused by its line here, the logins it names and the new password
   * it gives each. The import applies it when exactly one of them is an account of the pool
   * (import/pool-corrections.ts): readers know no pool.
   */
  poolCorrections?: PoolCorrection[];
}

/** `New password for ash_02: X` read as about `ash_02`, should the pool hold that login. */
export interface PoolCorrection {
  line: number;
  username: string;
  password: string;
}

export interface DumpFormat {
  name: string;
  /**
   * How sure this format is that it can read the dump: 0 = not mine, 1 = certain.
   * Cheap: looks at the first lines only.
   */
  detect(input: DumpInput): number;
  parse(input: DumpInput, options?: ParseOptions): Promise<DumpResult> | DumpResult;
  /**
   * Its detect and parse read `input.text` alone, never `input.bytes`: a dump only such readers
   * read may let its bytes go before the read (ReadOptions.letBytesGo; a 1,000,000-row CSV's
   * 80 MB held beside its text to the end of the read otherwise, issue 16).
   */
  textOnly?: true;
  /**
   * Forced on a big file (`import --format`), its parse and every check after it read the dump's
   * lines from the file a piece at a time (DumpInput.lines, file-lines.ts), its text never made whole.
   */
  piecewise?: true;
  /**
   * In a container file (a compose file, a Kubernetes manifest, an ECS task definition) it reads
   * only its own program's containers, by its image and its own variables: the other readers so
   * marked read the rest, and their reads are joined (container-programs.ts).
   */
  ownContainers?: true;
  /**
   * A reader detection never chooses (its `detect` is 0), only `--format`: a refusal that reads no
   * account names it as the way through when `mayRead` takes the text and `offers` its read
   * (choose.ts forcedOnlyWay; login-map.ts).
   */
  wayThrough?: { mayRead(text: string): boolean; offers(result: DumpResult): boolean };
}

export interface ParseOptions {
  /** Give the accounts as columns (DumpResult.columns) when the reader can and the dump has this many lines. */
  columnsFrom?: number;
  /** `import --columns user,pass,-`: the list's columns as the operator names them, as a header line would (stated-columns.ts). */
  columns?: Role[];
  /**
   * The operator chose this reader (`import --format NAME`): the reader's guess at what a line that
   * splits into an account is meant to be (a `label:value` pair among accounts, word-pairs.ts)
   * yields to that choice. A line that does not split, or whose password's end is unsure, is still refused.
   */
  forced?: boolean;
  /**
   * Nothing reads `input.bytes` after this reader (no second reader compared, no `--format`
   * check, the caller holds them no longer: ReadOptions.letBytesGo): a reader that copies them
   * into a store of its own (sql.js's in-memory file) empties `input.bytes` once it has, so the
   * file is not held twice to the end of its read (a NecroBot2 accounts.db of 1,700,000 rows:
   * 78 MB, issue 16).
   */
  bytesMayGo?: true;
  /**
   * html.ts only: the input is a web page it wrapped as an HTML-only mail for eml.ts, whose
   * converted text mailparser made already. Given with the one call (never kept with the input
   * in a module's set: a long-running watcher or a shared test worker holds no such state).
   */
  page?: true;
}

/** Thrown when a dump cannot be read at all; `line` is set when one line is to blame. */
export class DumpError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(line ? `${file}:${line}: ${message}` : `${file}: ${message}`);
    this.name = 'DumpError';
  }
}

/**
 * A dump in which the readers found no account at all, with how many of its lines looked like a
 * broken account: an archive passes over a member of prose (a seller's readme.txt of thanks) as a
 * mail passes over its prose, but never one with lines that were rejected.
 */
export class NoAccountsError extends DumpError {
  constructor(
    message: string,
    file: string,
    readonly rejectedLines: number,
  ) {
    super(message, file);
    this.name = 'NoAccountsError';
  }
}
