// `accountpool export`: write accounts in a scanner's or our own format without allocating them.
import { refuseRawOutputName } from '../cli/raw-argv.js';
import { LeftOutGroups } from './left-out-groups.js';
import { ForkColumnOverflow } from '../formats/tools/monocle-fork-columns.js';
import { rocketmapFirstLineWarning } from '../formats/tools/rocketmap.js';
import { noDeviceWarning } from '../formats/tools/monocle-no-device.js';
import { resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parseFlags, intFlag, type Flags } from '../cli/args.js';
import { println, type Command, type Output } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { inboxHolding, poolFileAt } from '../store/pool-files.js';
import { UsageError } from '../errors.js';
import { isState, STATES, type Account } from '../model.js';
import { CARRY_CHECKS, pieceWriter, WRITERS, type FormatName } from '../formats/writers.js';
import { BATCH_LEVEL_FIELD, BatchLevels } from '../formats/tools/successor-accounts.js';
import { circleRows, type CircleRows } from '../export/circle-rows.js';
import { outputTarget, writeOutputFile } from '../store/output-file.js';
import { collectGarbage, collectIfGrown, memoryInUse } from '../collect-garbage.js';
import type { Pool } from '../store/pool.js';

const FLAGS = {
  format: { type: 'string', completes: Object.keys(WRITERS) },
  'min-level': { type: 'string' },
  'max-level': { type: 'string' },
  state: { type: 'string', completes: STATES },
  out: { type: 'string', completes: 'file' },
  reveal: { type: 'boolean' },
} as const satisfies Flags;

/** Accounts a piece of the output holds (a line each; ~1.7 MB of JSON lines). */
const PIECE = 10_000;
/**
 * Heap grown past what was alive after the last full collection that asks for the next one, looked
 * at after each piece. A count of accounts (a collection every 100,000) let the last 100,000 of a
 * pool after a fold cycle (the circle's end: the accounts allocated last) pile ~110 MB of garbage,
 * twice what other rows left, and that was the export's peak (scale-log.md, stop 53 I).
 */
const GC_HEADROOM = 48 * 1024 * 1024;

/**
 * The file's text in pieces of PIECE accounts, each parsed, checked and written as its turn
 * comes, then let go (circle-rows.ts): a 1,000,000-account export held every account parsed and
 * every piece's bytes (715 MB peak RSS, stop 38). A scanner file cannot carry every account
 * (see src/formats/carry.ts): those are named on `stderr`, not written. `counted`: the accounts written so far.
 */
function* piecesOf(format: FormatName, rows: CircleRows, stderr: Output, counted: { written: number }): Generator<string> {
  const overflow = format === 'monocle' ? new ForkColumnOverflow() : undefined;
  const writer = pieceWriter(format);
  // RDM's form and Flygon's body give a batch one level (successor-accounts.ts).
  const levels = format === 'rdm' || format === 'flygon' || format === 'dragonite' ? new BatchLevels() : undefined;
  let withoutDevice = 0;
  // Said once per reason after the file, a few logins each (left-out-groups.ts).
  const leftOut = new LeftOutGroups();
  let alive = getHeapStatistics().used_heap_size;
  for (let from = 0; from === 0 || from < rows.length; from += PIECE) {
    const piece: Account[] = [];
    for (let k = from; k < Math.min(from + PIECE, rows.length); k++) {
      const account = rows.accountAt(k);
      const problem = CARRY_CHECKS[format](account);
      if (problem) leftOut.add(account.username, problem);
      else {
        piece.push(account);
        overflow?.add(account);
        if (format === 'monocle' && !account.device) withoutDevice++;
      }
    }
    counted.written += piece.length;
    // The first line is chosen from the first piece: the warning is about it alone.
    const firstLine = from === 0 && format === 'rocketmap' ? rocketmapFirstLineWarning(piece) : undefined;
    if (firstLine) println(stderr, firstLine);
    levels?.add(piece);
    yield writer.piece(piece);
    // A full collection once the heap grew GC_HEADROOM past what was alive: the lines read and
    // parsed are garbage V8 keeps committed (its heap grows its limits first), ~60 MB of RSS over
    // the writing at 1,000,000 accounts; each costs ~10 ms with ~80 MB alive (the columns and the lines' offsets).
    if (getHeapStatistics().used_heap_size > alive + GC_HEADROOM) {
      collectGarbage();
      alive = getHeapStatistics().used_heap_size;
    }
  }
  const end = writer.end();
  if (end) yield end;
  for (const line of leftOut.lines(format)) println(stderr, line);
  const long = overflow?.warning() ?? levels?.warning(BATCH_LEVEL_FIELD[format as keyof typeof BATCH_LEVEL_FIELD]);
  if (long) println(stderr, long);
  const noDevice = noDeviceWarning(withoutDevice);
  if (noDevice) println(stderr, noDevice);
}

/**
 * piecesOf, each piece checked once its lines are read and before it is given to be written: a
 * shard edited in place meanwhile (by hand) refuses the export, naming it, before a line read from
 * it is printed or the output file takes its name. To stdout the pieces before it stay printed
 * (they were read before the edit: right), and the exit code says the output is cut short.
 */
export function* checkedPieces(pool: Pick<Pool, 'assertHeldUnchanged'>, format: FormatName, rows: CircleRows, stderr: Output, counted: { written: number }): Generator<string> {
  for (const piece of piecesOf(format, rows, stderr, counted)) {
    pool.assertHeldUnchanged();
    yield piece;
  }
}

/**
 * Each piece encoded into one buffer, reused: each is written before the next is asked for
 * (atomic-write.ts MadeBytes). A new buffer a piece was 171 MB of array buffers at 1,000,000
 * accounts, let go only when V8 next collected (it counts them loosely).
 */
function* encodedInto(pieces: Iterable<string>): Generator<Uint8Array> {
  let buffer = Buffer.alloc(0);
  for (const piece of pieces) {
    const length = Buffer.byteLength(piece);
    if (length > buffer.length) buffer = Buffer.alloc(Math.max(length, 2 * buffer.length));
    yield buffer.subarray(0, buffer.write(piece));
  }
}

export const exportCommand: Command = {
  help: `usage: accountpool export [--format F] [--min-level A] [--max-level B]
         [--state S] [--out FILE] [--reveal] [--pool DIR]

Writes the accounts (in circle order) to standard output, or to FILE (atomically, mode 0600).
Nothing in the pool changes. json (one object per line, every field) moves or merges a pool:
\`accountpool import FILE\` on the other side reads it back.

  --format F     json (default), monocle, rocketmap, rdm (RealDeviceMap's Add Accounts),
                 flygon (the body of Flygon's POST /api/accounts/), pogoaccountserver,
                 mad (a body of madmin's POST /api/pogoauth a line) or dragonite
                 (its admin's import)
  --state S      only accounts in this state (${STATES.join(', ')})
  --reveal       print the passwords where standard output is a terminal (else refused)`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('export', ctx.argv, FLAGS);
    const format = (values.format ?? 'json') as FormatName;
    if (!(format in WRITERS)) throw new UsageError(`--format must be one of ${Object.keys(WRITERS).join(', ')}`);
    if (values.state !== undefined && !isState(values.state)) throw new UsageError(`--state must be one of ${STATES.join(', ')}`);
    const min = intFlag('min-level', values['min-level'], { max: 50 }) ?? 0;
    const max = intFlag('max-level', values['max-level'], { max: 50 }) ?? 50;
    // Every password on the operator's screen: its scrollback, a tmux log, a shared or recorded
    // session. `show` masks a password unless --reveal; a pipe or a file is what export is for.
    if (!values.out && !values.reveal && ctx.stdout.isTTY) throw new UsageError('standard output is a terminal: export would print every password there; give --out FILE (or > FILE, or a pipe), or --reveal to print them');
    const pool = await openPool(ctx, values.pool);
    // Paged: the shards' bytes (164 MB at 1,000,000 accounts) are let go once read and their lines
    // read again, a line at a time as written, from the files as read (held open: a commit meanwhile
    // renames over them and leaves these as they were).
    const beforeRead = memoryInUse();
    const snapshot = await pool.readIntact({ paged: true });
    // The change log's bytes the read applied (~70 MB at 1,000,000 accounts after a fold cycle,
    // two segments) are garbage now: let go before circle order builds its columns beside them,
    // where V8 had not collected them yet and the export's peak was (scale-log.md, stop 53 I).
    // Only where the read grew the memory in use (collect-garbage.ts): a small pool's left little.
    const afterRead = collectIfGrown(beforeRead);
    const rows = circleRows(snapshot, (a) => a.level >= min && a.level <= max && (values.state === undefined || a.state === values.state));
    // What the read and the ordering let go of (the log's records, the lines decoded), before the writing makes more.
    collectIfGrown(afterRead);
    const counted = { written: 0 };
    const pieces = () => checkedPieces(pool, format, rows, ctx.stderr, counted);
    try {
      await write();
    } finally {
      pool.closeHeld();
    }
    async function write() {
      if (values.out) {
        refuseRawOutputName('--out', resolve(ctx.cwd, values.out));
        const out = await outputTarget(resolve(ctx.cwd, values.out)); // the file a link leads to
        const poolFile = await poolFileAt(pool.layout, out);
        if (poolFile) throw new UsageError(`--out ${out} is ${poolFile}: the export would replace it; give a path outside the pool's files`);
        const inInbox = await inboxHolding(resolve(pool.layout.dir, pool.config.inbox), out);
        if (inInbox) throw new UsageError(`--out ${out} is ${inInbox}; give a path outside the inbox`);
        await writeOutputFile(out, encodedInto(pieces()), 0o600);
        println(ctx.stderr, `exported ${counted.written} accounts to ${values.out}`);
      } else for (const piece of pieces()) ctx.stdout.write(piece);
    }
  },
};
