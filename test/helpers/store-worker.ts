// A separate process that works on a pool through the store, for the concurrency and crash tests.
//   add POOL FROM COUNT BATCH   adds accounts FROM.. in transactions of BATCH
//   churn POOL                  forever: one transaction changing 400 accounts spread over every shard,
//                               each given the transaction's time as allocated_at; it says
//                               `committing ROUND` when its changes are made and the commit begins,
//                               `committed ROUND` when the commit has returned
//   reshard POOL A B [in-commit[:prepared|:committed]]
//                               forever: reshards the pool to A shards, then to B, then to A, ...;
//                               says `resharded` after each; with in-commit it kills itself
//                               (SIGKILL) 0-10 ms after its first commit's journal is written
//                               as prepared, or as committed (the one named, else either at random)
//   hold POOL                   takes the lock, says `held`, and keeps it until killed
//   temp-writer POOL KIND FILE  writes FILE's temp as a writer stopped midway leaves it (KIND out:
//                               export --out's, src/store/output-file.ts; tx: allocate's accounts
//                               file's, src/store/atomic-write.ts), says `ready`, waits to be killed
//   serve-like POOL START       forever, as `serve` does: transactions of 40 accounts through the
//                               change log, every tenth one folding the log into the shards; it says
//                               `committing ROUND` when its changes are made and the commit begins,
//                               `committed ROUND` when the commit has returned (rounds count from START)
//   token POOL                  forever: moves a `token` field from one account to the next, so
//                               exactly one account has it in every committed state
//   history POOL                forever: each round sets `round` on 40 accounts and records the
//                               history line `round N`, through the log, the shards, or a fold
//   fold-like POOL CAPACITY BUDGET
//                               forever: each round sets `round` on 40 accounts and records the
//                               history line `round N` through the change log, with a log of
//                               CAPACITY records and folds of BUDGET bytes (so nearly every round
//                               folds a shard, and the log starts a new segment often); every
//                               fifth round also runs a fold step; after each commit it says
//                               `committed ROUND` (rounds go on from the pool's highest)
//   lean-fold-like POOL FILE CAPACITY BUDGET
//                               forever, as allocate does over the circle indexes (lean): each
//                               round sets `round` on 40 accounts read by name, writes FILE
//                               (`round N` and their names) and records the history line
//                               `round N`, with a log of CAPACITY records and folds of BUDGET
//                               bytes, so that nearly every round folds shards in its own commit;
//                               after each commit it says `committed ROUND`
//   allocate-loop POOL CAPACITY BUDGET
//                               forever: allocate (src/allocate/allocate.ts) of 4 accounts for
//                               `east`, levels 30-31, folds of CAPACITY records and BUDGET bytes;
//                               after each it says `allocated N NAME...`
//   allocate-like POOL FILE     forever, as allocate does: each round sets `round` on 400 accounts
//                               and writes FILE (`round N` and their names) in the same commit,
//                               through the change log (every tenth through the shards); after
//                               each commit it says `committed ROUND`
import { existsSync, mkdirSync, readFileSync, watch } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { acquireLock } from '../../src/store/lock.js';
import { tempPathFor } from '../../src/store/atomic-write.js';
import { outputTempPath } from '../../src/store/output-file.js';
import { makeAccount } from './accounts.js';
import { allocate } from '../../src/allocate/allocate.js';
import { createNoneChecker } from '../../src/checker/none.js';
import { touchedIn } from './serve-like.js';

const [mode, dir, ...rest] = process.argv.slice(2);
const pool = await Pool.open(dir!);

// KILL_AT=STATE:N (any mode): the worker SIGKILLs itself 0-3 ms after the Nth journal it writes
// in STATE (`prepared`: its temps being written; `committed`: past the commit point, the renames,
// appends and removals in flight), or, with `renaming`, at once on the first shard file renamed
// into place in its Nth commit (some shards new, some not: the only state in which a roll-forward
// skipped, or renames begun before the journal says committed, show; any other kill before the
// commit returns may leave the pool as before, nothing having been acknowledged).
// Random timing from outside rarely lands in a commit (partial-fold's loops: 0 journals in 6
// kills at load 15). The product is not touched: this watches its journal and shard files.
// KILL_AT=indexed:N: at once on the Nth circle index (.cache/circle/*.idx) renamed into place,
// before the sighting beside it and before any later transaction writes the heads file
// (src/store/circle-heads.ts): the derived files one behind the other.
if (process.env.KILL_AT?.startsWith('indexed:')) {
  const nth = Number(process.env.KILL_AT.split(':')[1]);
  let seen = 0;
  mkdirSync(pool.layout.circleDir, { recursive: true, mode: 0o700 });
  watch(pool.layout.circleDir, (_event, name) => {
    if (name && !name.startsWith('.') && name.endsWith('.idx') && ++seen === nth) process.kill(process.pid, 'SIGKILL');
  });
} else if (process.env.KILL_AT) {
  const [want, nth] = process.env.KILL_AT.split(':') as [string, string];
  const state = want === 'renaming' ? 'prepared' : want;
  let seen = 0;
  let armed = false;
  if (want === 'renaming') {
    watch(pool.layout.shardsDir, (_event, name) => {
      if (armed && name && !name.startsWith('.')) process.kill(process.pid, 'SIGKILL');
    });
  }
  watch(pool.layout.dir, (_event, name) => {
    if (name !== basename(pool.layout.journal)) return;
    let said: string | undefined;
    try {
      said = (JSON.parse(readFileSync(pool.layout.journal, 'utf8')) as { state?: string }).state;
    } catch {
      return; // gone (the commit done) or not there yet
    }
    if (said !== state || ++seen !== Number(nth)) return;
    if (want === 'renaming') armed = true;
    else setTimeout(() => process.kill(process.pid, 'SIGKILL'), Math.random() * 3);
  });
}

if (mode === 'add') {
  const [from, count, batch] = rest.map(Number) as [number, number, number];
  for (let start = from; start < from + count; start += batch) {
    await pool.transaction((tx) => {
      for (let i = start; i < Math.min(start + batch, from + count); i++) tx.put(makeAccount(i));
    });
  }
} else if (mode === 'churn') {
  process.stdout.write('ready\n');
  for (let round = Number(rest[0] ?? 1); ; round++) {
    await pool.transaction((tx) => {
      const all = [...tx.accounts()];
      for (let i = 0; i < 400 && i < all.length; i++) {
        const account = all[(i * 7 + round) % all.length]!;
        tx.put({ ...account, level: (account.level % 40) + 1, allocated_at: tx.now.toISOString() });
      }
      process.stdout.write(`committing ${round}\n`);
    });
    process.stdout.write(`committed ${round}\n`);
  }
}
else if (mode === 'serve-like') {
  process.stdout.write('ready\n');
  for (let round = Number(rest[0] ?? 1); ; round++) {
    await pool.transaction(
      (tx) => {
        const all = tx.snapshot.shards.flatMap((shard) => shard.accounts);
        for (const i of touchedIn(round, all.length)) tx.put({ ...all[i]!, round } as never);
        process.stdout.write(`committing ${round}\n`);
      },
      { via: round % 10 === 0 ? 'shards' : 'log' },
    );
    process.stdout.write(`committed ${round}\n`);
  }
}
else if (mode === 'token') {
  process.stdout.write('ready\n');
  for (let round = 1; ; round++) {
    await pool.transaction(
      (tx) => {
        const all = tx.snapshot.shards.flatMap((shard) => shard.accounts);
        const at = all.findIndex((a) => (a as { token?: boolean }).token);
        const { token: _, ...without } = all[at]! as typeof all[number] & { token?: boolean };
        tx.put(without);
        tx.put({ ...all[(at + 1 + (round % 7)) % all.length]!, token: true } as never);
      },
      { via: round % 3 === 0 ? 'shards' : 'log' },
    );
  }
}
else if (mode === 'history') {
  process.stdout.write('ready\n');
  const last = Math.max(0, ...[...(await pool.read()).accounts()].map((a) => Number((a as { round?: number }).round ?? 0)));
  for (let round = last + 1; ; round++) {
    await pool.transaction(
      (tx) => {
        const all = tx.snapshot.shards.flatMap((shard) => shard.accounts);
        for (const i of touchedIn(round, all.length)) tx.put({ ...all[i]!, round } as never);
        tx.record(`${tx.now.toISOString()} round {"n":${round}}`);
      },
      { via: round % 4 === 0 ? 'shards' : 'log' },
    );
    process.stdout.write(`committed ${round}\n`);
  }
}
else if (mode === 'fold-like') {
  const [capacity, budget] = rest.map(Number) as [number, number];
  const folding = await Pool.open(dir!, { folds: { capacity, budget } });
  const last = Math.max(0, ...[...(await folding.read()).accounts()].map((a) => Number((a as { round?: number }).round ?? 0)));
  process.stdout.write('ready\n');
  for (let round = last + 1; ; round++) {
    await folding.transaction((tx) => {
      const all = tx.snapshot.shards.flatMap((shard) => shard.accounts);
      for (const i of touchedIn(round, all.length)) tx.put({ ...all[i]!, round } as never);
      tx.record(`${tx.now.toISOString()} round {"n":${round}}`);
    });
    process.stdout.write(`committed ${round}\n`);
    if (round % 5 === 0) await folding.foldStep();
  }
}
else if (mode === 'allocate-loop') {
  // allocate itself, in process, over and over: 4 accounts for instance `east` at levels 30-31
  // (giving back the 4 it held), with a log of CAPACITY records and folds of BUDGET bytes, so
  // that nearly every allocation folds a shard and saves its circle index; after each it says
  // `allocated N NAME...`.
  const [capacity, budget] = [Number(rest[0]), Number(rest[1])];
  const allocating = await Pool.open(dir!, { folds: { capacity, budget } });
  process.stdout.write('ready\n');
  for (let n = 1; ; n++) {
    const outcome = await allocate(allocating, { count: 4, levels: { min: 30, max: 31 }, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
    process.stdout.write(`allocated ${n} ${outcome.allocated.map((a) => a.username).join(' ')}\n`);
  }
}
else if (mode === 'lean-fold-like') {
  const [file, capacity, budget] = [rest[0]!, Number(rest[1]), Number(rest[2])];
  const folding = await Pool.open(dir!, { folds: { capacity, budget } });
  const all = [...(await folding.read()).accounts()];
  const last = Math.max(0, ...all.map((a) => Number((a as { round?: number }).round ?? 0)));
  const names = all.map((a) => a.username); // in the order a read lists them, as the test counts them
  process.stdout.write('ready\n');
  for (let round = last + 1; ; round++) {
    await folding.transaction(
      (tx) => {
        const taken = touchedIn(round, names.length).map((i) => tx.get(names[i]!)!);
        for (const account of taken) tx.put({ ...account, round } as never);
        tx.writeFile(file, [`round ${round}`, ...taken.map((a) => a.username)].join('\n'));
        tx.record(`${tx.now.toISOString()} round {"n":${round}}`);
      },
      { lean: true },
    );
    process.stdout.write(`committed ${round}\n`);
  }
}
else if (mode === 'reshard') {
  const inCommit = rest.find((arg) => arg.startsWith('in-commit'));
  const counts = rest.filter((arg) => arg !== inCommit).map(Number);
  if (inCommit) {
    // Inside the commit whatever this machine's speed: the journal is written ("prepared") before
    // the first temp file, again ("committed") before the first rename, and removed after the
    // last. Killed after the first, the commit is rolled back; after the second, rolled forward.
    const named = { 'in-commit:prepared': 1, 'in-commit:committed': 2 }[inCommit];
    const at = named ?? 1 + Math.floor(Math.random() * 2);
    let seen = 0;
    watch(pool.layout.dir, (_event, name) => {
      if (name === basename(pool.layout.journal) && existsSync(pool.layout.journal) && ++seen === at) setTimeout(() => process.kill(process.pid, 'SIGKILL'), Math.random() * 10);
    });
  }
  process.stdout.write('ready\n');
  for (let round = 0; ; round++) {
    await pool.reshard(counts[round % counts.length]!);
    process.stdout.write('resharded\n'); // how long one takes on this machine, now (reshard.test.ts)
  }
}
else if (mode === 'allocate-like') {
  const file = rest[0]!;
  const last = Math.max(0, ...[...(await pool.read()).accounts()].map((a) => Number((a as { round?: number }).round ?? 0)));
  for (let round = last + 1; ; round++) {
    await pool.transaction(
      (tx) => {
        const all = tx.snapshot.shards.flatMap((shard) => shard.accounts);
        const chosen = Array.from({ length: Math.min(400, all.length) }, (_, i) => all[(i * 7 + round * 13) % all.length]!);
        for (const account of chosen) tx.put({ ...account, round } as never);
        tx.writeFile(file, [`round ${round}`, ...chosen.map((a) => a.username)].join('\n'));
      },
      { via: round % 10 === 0 ? 'shards' : 'log' },
    );
    process.stdout.write(`committed ${round}\n`);
  }
}
else if (mode === 'temp-writer') {
  const [kind, target] = rest as [string, string];
  await writeFile(kind === 'out' ? outputTempPath(target) : tempPathFor(target, 'tx'), 'acc0,secret-0\n', { mode: 0o600 });
  process.stdout.write('ready\n');
  await new Promise(() => setInterval(() => {}, 1000)); // until killed
}
else if (mode === 'hold') {
  // The lock alone, not a transaction: a transaction refuses to start on a pool missing a shard,
  // which is just what some tests hold the lock over.
  await acquireLock(pool.layout.dir, pool.layout.lock, { waitMs: pool.config.lock_wait });
  process.stdout.write('held\n');
  await new Promise(() => setInterval(() => {}, 1000)); // until killed
}
