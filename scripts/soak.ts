// `npm run soak [-- SECONDS]`: everything at once on one pool, with a chaos monkey.
//
// For SECONDS (default 60) on a 20,000-account pool: four allocate loops for different
// instances, a watcher importing a dump dropped every few hundred ms, the PGPool-compatible
// server under clients that request, update and release, status readers, and a chaos loop that
// SIGKILLs one of those processes at random (each loop starts its process again), a swapper
// that renames a folder of the inbox away while it holds dumps and puts a symlink in its place —
// to a folder outside the inbox holding files of the same names, or to the pool's own shards/ —
// and a hand editor that now and then adds a case variant of an account (`"USER000123"` beside
// `"user000123"`, another password) to its shard, as an operator or a git merge might, and takes
// it out again a moment later: meanwhile every writer must refuse (and says so), never giving the
// account a second holder. A sampler checks, under the pool lock, that every scanner file matches
// its instance's holdings and that no account is in two scanners' files. Afterwards it checks
// verify, that every account ever imported is there exactly once, that every inbox file was
// imported or set aside with a reason, and that nothing outside the inbox was read into the pool
// or moved: the outside folder is exactly as it was (names, bytes, modes, times), every shard
// file is still in shards/, and no account of an outside file is in the pool. Exit 1 on any
// violation.
//
// Run as root, everything lives on a small tmpfs that a disk-full loop fills to the last page for
// a moment every few seconds: every write fails then (ENOSPC, from the kernel). A failure must
// name the file it could not write, and once the room is back every kind of work (allocate, an
// import by the same running watcher, a request to the same running server) must succeed again
// by itself within RECOVERY_MS, and no dump may be set aside for the disk's fault.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from '../src/store/pool.js';
import { acquireLock } from '../src/store/lock.js';
import { LockBusyError } from '../src/errors.js';
import { makeAccount } from '../test/helpers/accounts.js';
import { readDump, toDumpInput } from '../src/formats/index.js';
import { fillUp, mountTmpfs, whyNoMount } from '../test/helpers/fill-disk.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/accountpool.js');
const seconds = Number(process.argv[2] ?? process.env.SOAK_SECONDS ?? 60);
const base = mkdtempSync(join(tmpdir(), 'accountpool-soak-'));
/** The pool, the inbox and the scanner files share one small disk, when a tmpfs can be mounted. */
const noDisk = whyNoMount();
if (noDisk) console.log(`soak: no disk-full chaos: ${noDisk}`);
else mountTmpfs(base, 64 * 1024);
/**
 * How soon after a full disk has room again every kind of work must succeed again. Generous: on an
 * idle machine it takes a second or two, but on a loaded one a transaction over the soak's pool can
 * take seconds and every process waits its turn; a wedged pool never recovers at all.
 */
const RECOVERY_MS = 180_000;
/** While the disk is full, and a moment after (a process may report a failed write late). */
const disk = { full: false, freedAt: 0 };
const diskTrouble = () => disk.full || Date.now() - disk.freedAt < 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const poolDir = join(base, 'pool');
const inbox = join(base, 'inbox');
const violations: string[] = [];
const counts: Record<string, number> = {};
/** When each kind of work last succeeded. */
const lastOk: Record<string, number> = {};
const count = (what: string) => {
  counts[what] = (counts[what] ?? 0) + 1;
  lastOk[what] = Date.now();
};
let stopping = false;

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args, '--pool', poolDir], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

/** The last lines each kind of process printed, to say what it was doing when something went wrong. */
const lastLines = new Map<string, string[]>();
/** A case variant the hand editor has put into a shard and not yet taken out (see handEdits). */
let variant: { file: string; line: string } | undefined;
/** Moves each time a variant is added or taken out: a run that saw it change may have met one. */
let variantEpoch = 0;
/** Whether a run that started at `epoch` (with a variant present or not) may have met a variant. */
const mayHaveMetVariant = (epoch: number, presentAtStart: boolean) => presentAtStart || variant !== undefined || variantEpoch !== epoch;
/** What every writer says while an account is entered twice (src/store/integrity.ts, shard-codec.ts). */
const ENTERED_TWICE = /usernames are one account however they are capitalised/;

/**
 * Runs `work` holding the pool lock, without a transaction (which refuses while an account is
 * entered twice); a busy pool (a slow machine) is waited for again, however long it takes.
 */
async function locked<T>(work: () => T | Promise<T>): Promise<T> {
  for (;;) {
    let lock;
    try {
      lock = await acquireLock(poolDir, join(poolDir, '.lock'), { waitMs: 60_000 });
    } catch (error) {
      // A busy pool, or a full disk that keeps the lock's owner file from being written: again.
      if (error instanceof LockBusyError || (diskTrouble() && /ENOSPC/.test((error as Error).message))) {
        await sleep(100);
        continue;
      }
      throw error;
    }
    try {
      return await work();
    } finally {
      await lock.release();
    }
  }
}

/**
 * Counts a finished run of `kind` or notes it as a violation: exit 0 (3: nothing to do) counts; a
 * refusal for an account entered twice while the hand editor's variant was there, or a write that
 * failed on a full disk naming its file, counts as what it is; a kill (no code) or the soak's end
 * is nobody's fault; anything else is a violation. Returns whether the run succeeded. One judge
 * for every loop (stop 65 X: the hand-run import judged none of these and took a refusal on a full
 * disk, or a crash, alike as "unsure").
 */
function judge(kind: string, code: number | null, stderr: string, epoch: number, present: boolean): boolean {
  const last = stderr.trim().split('\n').pop();
  if (code === 0 || code === 3) {
    count(kind);
    return true;
  }
  if (code === 1 && mayHaveMetVariant(epoch, present) && ENTERED_TWICE.test(stderr)) count(`${kind} refused: an account entered twice`);
  else if (code !== null && !stopping && diskTrouble() && /could not write \/\S+: ENOSPC/.test(last ?? '')) {
    const file = /could not write (\S+):/.exec(last!)![1]!.slice(base.length + 1).replace(/[-.][0-9a-f-]{6,}(\.tmp)?/g, '*');
    count(`${kind} refused on a full disk, naming the file (${file})`);
  } else if (code !== null && !stopping) violations.push(`${kind} exited ${code}: ${last}`);
  return false;
}

/** Runs `make()` again and again until stopping; the chaos loop may kill any run. */
const running = new Set<ChildProcess>();
async function loop(kind: string, make: () => ChildProcess, pauseMs = 0): Promise<void> {
  while (!stopping) {
    const [epoch, present] = [variantEpoch, variant !== undefined];
    const child = make();
    running.add(child);
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    // The watcher runs on: each file it imports is a success of its own.
    child.stdout?.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line.startsWith('imported ')) count('import');
        if (line) lastLines.set(kind, [...(lastLines.get(kind) ?? []), line].slice(-5));
      }
    });
    const code = await finished(child);
    running.delete(child);
    for (const line of stderr.split('\n')) if (line.startsWith('refused ')) count('watch: refused a path leading outside the inbox');
    judge(kind, code, stderr, epoch, present);
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  }
}

/** For a busy lock: what the holder is (alive? which command?) and whether a breaker is in the way. */
function holderOf(error: Error): string {
  const pid = /held by pid (\d+)/.exec(error.message)?.[1];
  if (!pid) return '';
  let what = 'no such process';
  try {
    what = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {}
  const breaker = join(poolDir, '.lock-break', 'owner.json');
  return ` [holder: ${what}; breaker: ${existsSync(breaker) ? readFileSync(breaker, 'utf8') : 'none'}]`;
}

/** Paths under `dir` (relative), never entering a link (readdir's `recursive` follows links to folders). */
function entriesOf(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    out.push(path);
    if (entry.isDirectory()) out.push(...entriesOf(dir, path));
  }
  return out;
}

/** Every entry under `dir` with its kind, mode, times and bytes. */
function treeOf(dir: string): Map<string, string> {
  const tree = new Map<string, string>();
  for (const name of entriesOf(dir)) {
    const info = lstatSync(join(dir, name));
    const bytes = info.isFile() ? readFileSync(join(dir, name), 'utf8') : '';
    tree.set(name, `${info.mode.toString(8)} ${info.mtimeMs} ${info.ctimeMs} ${bytes}`);
  }
  return tree;
}

/** The folder outside the inbox the swapper points links at: files named like the inbox's dumps. */
const BAITS = 12;
function makeOutside(dir: string): void {
  mkdirSync(join(dir, 'seller'), { recursive: true });
  for (let j = 0; j < BAITS; j++) {
    writeFileSync(join(dir, `bait${j}.txt`), `outside${j}a:pw-outside-${j}\n`);
    writeFileSync(join(dir, 'seller', `bait${j}.txt`), `outside${j}b:pw-outside-${j}\n`);
  }
}

/** A request the server never answers (its process killed mid-request, a wedged lock) must not hang the soak's end. */
const REQUEST_TIMEOUT_MS = 15_000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  // Until init has exited it may still be making empty shard files.
  if ((await finished(spawn(process.execPath, [BIN, 'init', '--pool', poolDir], { stdio: 'ignore' }))) !== 0) throw new Error('soak: init failed');
  const store = await Pool.open(poolDir);
  await store.transaction((tx) => {
    for (let i = 0; i < 20_000; i++) tx.put(makeAccount(i));
  });
  mkdirSync(join(inbox, 'level-30'), { recursive: true });
  const everImported = new Set<string>(Array.from({ length: 20_000 }, (_, i) => makeAccount(i).username.toLowerCase()));
  const port = await freePort();
  const instances = ['alpha', 'bravo', 'charlie', 'delta'];
  const files = instances.map((name) => join(base, `${name}.csv`));
  const loops: Promise<void>[] = [];

  instances.forEach((name, i) => loops.push(loop('allocate', () => cli(['allocate', '--count', '200', '--checker', 'simulated', '--accountcsv', files[i]!, '--instance', name]))));
  loops.push(loop('watch', () => cli(['watch'])));
  loops.push(loop('serve', () => cli(['serve', '--port', String(port)])));
  loops.push(loop('status', () => cli(['status', '--json']), 200));
  // Stop 64 X: release, mark and a hand-run import among the rest, killed as they are. `echo`
  // allocates and releases in turn; its file is not sampled (a release leaves it listing what it
  // gave back), but a release that freed another instance's accounts puts one in two sampled files.
  // `mark` gives random accounts, held ones among them, a verdict or takes it back: their holds
  // must stay (the sampler finds an account in a file but held by nobody).
  let echoTurn = 0;
  loops.push(loop('allocate/release', () => (echoTurn++ % 2 === 0 ? cli(['allocate', '--count', '100', '--no-check', '--accountcsv', join(base, 'echo.csv'), '--instance', 'echo']) : cli(['release', '--instance', 'echo'])), 100));
  const verdicts = ['warned', 'temp_banned', 'ok', 'ok'];
  loops.push(loop('mark', () => cli(['mark', ...Array.from({ length: 5 }, () => makeAccount(Math.floor(Math.random() * 20_000)).username), '--verdict', verdicts[Math.floor(Math.random() * verdicts.length)]!]), 300));
  // An import killed (or refused on a full disk) is all or nothing: its lines checked at the end.
  let handNo = 0;
  const handUnsure: string[][] = [];
  loops.push((async () => {
    while (!stopping) {
      const names = Array.from({ length: 30 }, (_, i) => `hand${handNo}x${i}`);
      const file = join(base, `hand${handNo++}.txt`);
      // The file shares the full disk: not written is no import to judge (the soak's own write failing killed it before stop 65).
      try {
        writeFileSync(file, names.map((n) => `${n}:pw-${n}`).join('\n'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        rmSync(file, { force: true });
        count('import by hand: its file not written on a full disk');
        await sleep(300);
        continue;
      }
      const [epoch, present] = [variantEpoch, variant !== undefined];
      const child = cli(['import', file, '--level', '30']);
      running.add(child);
      let stderr = '';
      child.stdout?.resume();
      child.stderr?.on('data', (d) => (stderr += d));
      const code = await finished(child);
      running.delete(child);
      if (judge('import by hand', code, stderr, epoch, present)) for (const n of names) everImported.add(n);
      else handUnsure.push(names);
      await sleep(300);
    }
  })());

  // Dumps dropped into the inbox: written elsewhere, then renamed in (as a careful user does).
  // They keep coming while the disk is full: some are written, some fail to be (not our doing).
  const dropDump = (temp: string, target: string, text: string): boolean => {
    try {
      writeFileSync(temp, text);
      renameSync(temp, target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      rmSync(temp, { force: true });
      return false;
    }
  };

  let dumpNo = 0;
  loops.push((async () => {
    while (!stopping) {
      const lines = Array.from({ length: 50 }, (_, i) => `soak${dumpNo}x${i}:pw-${dumpNo}-${i}`);
      if (dropDump(join(base, `dump${dumpNo}.txt`), join(inbox, 'level-30', `dump${dumpNo}.txt`), lines.join('\n'))) {
        for (const l of lines) everImported.add(l.split(':')[0]!.toLowerCase());
      }
      dumpNo++;
      await new Promise((r) => setTimeout(r, 300));
    }
  })());

  // Symlink swaps: inbox/level-31/ gets a batch of dumps named like files outside (and like the
  // pool's shard files), then, while the watcher works through the batch, is renamed away and a
  // link to the outside folder or to shards/ put in its place. The renamed folder stays in the
  // inbox (its files have no level folder any more: set aside with the reason); the link is set
  // aside as a link.
  const outside = join(base, 'outside');
  makeOutside(outside);
  const outsideBefore = treeOf(outside);
  const shardFiles = readdirSync(join(poolDir, 'shards')).filter((n) => n.endsWith('.yaml')).sort(); // not .manifest, the record of them
  let swaps = 0;
  loops.push((async () => {
    while (!stopping) {
      const folder = join(inbox, 'level-31');
      try {
        mkdirSync(join(folder, 'seller'), { recursive: true });
        for (let j = 0; j < BAITS; j++) {
          writeFileSync(join(folder, `bait${j}.txt`), `swap${swaps}a${j}:pw-swap\n`);
          writeFileSync(join(folder, 'seller', `bait${j}.txt`), `swap${swaps}b${j}:pw-swap\n`);
        }
        for (const shard of shardFiles.slice(0, 4)) writeFileSync(join(folder, shard), `swap${swaps}c${shard.split('.')[0]}:pw-swap\n`);
        await new Promise((r) => setTimeout(r, 500 + Math.random() * 1500));
        renameSync(folder, join(inbox, `swapped-away-${swaps}`));
        symlinkSync(swaps % 2 === 0 ? outside : join(poolDir, 'shards'), folder);
        swaps++;
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
      } catch {
        // The watcher moved the link (or a folder) meanwhile, or the disk is full: next round,
        // after a pause. Without one (stop 66 X) a full disk made every mkdir fail at once and
        // this loop spun without ever yielding: the disk-full loop's timer to free the disk
        // never fired, and the soak hung with the disk full until killed.
        await sleep(100);
      }
      try {
        if (lstatSync(folder).isSymbolicLink()) unlinkSync(folder);
      } catch {
        // already set aside by the watcher
      }
    }
  })());

  // Server clients: request one account, update it, release it.
  for (let c = 0; c < 4; c++) {
    loops.push((async () => {
      while (!stopping) {
        try {
          const [epoch, present] = [variantEpoch, variant !== undefined];
          const got = await fetch(`http://127.0.0.1:${port}/account/request?system_id=client${c}&count=1`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          if (!got.ok) {
            // An error answers [] (what PGPool's clients read), with the message in a header.
            const error = decodeURIComponent(got.headers.get('x-accountpool-error') ?? '');
            await got.text();
            // Refused while the hand editor's variant was there: the refusal every writer owes (stop 65 X: was a violation).
            if (got.status === 500 && mayHaveMetVariant(epoch, present) && ENTERED_TWICE.test(error)) count('server request refused: an account entered twice');
            else if (got.status === 500 && !(diskTrouble() && /^could not write \/\S+: ENOSPC/.test(error))) violations.push(`serve answered ${got.status}: ${error}`);
            await sleep(50);
          } else {
            const account = (await got.json()) as { username?: string };
            if (account.username) {
              count('server request');
              await fetch(`http://127.0.0.1:${port}/account/update`, { method: 'POST', body: JSON.stringify({ username: account.username, level: 30 }), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
              await fetch(`http://127.0.0.1:${port}/account/release`, { method: 'POST', body: JSON.stringify({ username: account.username }), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
              count('server round trip');
            }
          }
        } catch {
          await new Promise((r) => setTimeout(r, 100)); // the server is being restarted
        }
      }
    })());
  }

  // Chaos: kill one of the running processes at random (not while the disk-full loop watches
  // the running server and watcher recover by themselves).
  let kills = 0;
  let recovering = false;
  loops.push((async () => {
    while (!stopping) {
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 800));
      const victims = [...running];
      const victim = victims[Math.floor(Math.random() * victims.length)];
      if (victim && !stopping && !recovering) {
        victim.kill('SIGKILL');
        kills++;
      }
    }
  })());

  loops.push(handEdits());

  // Disk full: every write fails for a moment; then everything must work again by itself. When the
  // time is up (`winding`), the last moment's recovery is still waited for before anything stops.
  let fills = 0;
  let winding = false;
  const diskLoop = (async () => {
    while (!noDisk && !winding) {
      await sleep(5000 + Math.random() * 5000);
      if (winding) break;
      recovering = true;
      disk.full = true;
      const free = await fillUp(base);
      fills++;
      await sleep(1000 + Math.random() * 1000);
      await free();
      disk.full = false;
      const freedAt = (disk.freedAt = Date.now());
      const kinds = ['allocate', 'import', 'server request'];
      while (kinds.some((k) => (lastOk[k] ?? 0) < freedAt) && Date.now() - freedAt < RECOVERY_MS) await sleep(100);
      const stuck = kinds.filter((k) => (lastOk[k] ?? 0) < freedAt);
      if (stuck.length > 0) violations.push(`${stuck.join(', ')} did not work again within ${RECOVERY_MS / 1000} s of the disk having room; serve last said: ${(lastLines.get('serve') ?? []).join(' | ')}`);
      else count('recovered from a full disk');
      recovering = false;
    }
  })();
  // Sampler: under the lock, every scanner file must be exactly its instance's live holdings, and
  // no account may be in two scanners' files. While a case variant is in a shard the transaction
  // is refused: then only the files are compared.
  loops.push((async () => {
    while (!stopping) {
      await new Promise((r) => setTimeout(r, 1000));
      // The files as they are at one moment: under the lock, which allocate holds while it writes one.
      const inFiles = await locked(() => Promise.all(files.map(async (file) => (existsSync(file) ? (await readDump(toDumpInput(file, readFileSync(file)))).accounts.map((a) => a.username) : []))));
      const owners = new Map<string, string>();
      inFiles.forEach((names, i) => {
        for (const name of names) {
          const other = owners.get(name.toLowerCase());
          if (other !== undefined && other !== instances[i]) violations.push(`${name} is in the files of ${other} and ${instances[i]}: two holders`);
          owners.set(name.toLowerCase(), instances[i]!);
        }
      });
      const [epoch, present] = [variantEpoch, variant !== undefined];
      await store
        .transaction(async (tx) => {
          const now = tx.now.toISOString();
          for (const [i, file] of files.entries()) {
            if (!existsSync(file)) continue;
            const names = (await readDump(toDumpInput(file, readFileSync(file)))).accounts.map((a) => a.username);
            for (const name of names) {
              const account = tx.get(name);
              if (account?.holder !== instances[i] || (account?.held_until ?? '') <= now) violations.push(`${name} is in ${instances[i]}'s file but held by ${account?.holder ?? 'nobody'}`);
            }
          }
          count('sample');
        })
        .catch((error: Error) => {
          if (mayHaveMetVariant(epoch, present) && ENTERED_TWICE.test(error.message)) count('sample refused: an account entered twice');
          else if (!(diskTrouble() && /^could not write \/\S+: ENOSPC/.test(error.message))) violations.push(`sampler: ${error.message}${holderOf(error)}`);
        });
    }
  })());

  await new Promise((r) => setTimeout(r, seconds * 1000));
  winding = true;
  await diskLoop;
  stopping = true;
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(loops);

  // Finish the inbox, then check everything.
  const last = cli(['watch', '--once']);
  last.stderr?.resume(); // one line per file set aside: a full pipe would stop it
  await finished(last);
  const verify = spawn(process.execPath, [BIN, 'verify', '--pool', poolDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let verifyOut = '';
  verify.stdout.on('data', (d) => (verifyOut += d));
  if ((await finished(verify)) !== 0) violations.push(`verify: ${verifyOut.trim()}`);
  const snapshot = await (await Pool.open(poolDir)).read();
  if (snapshot.duplicates().length > 0) violations.push(`accounts entered twice: ${snapshot.duplicates().map((d) => d.username).join(', ')}`);
  const present = new Set([...snapshot.accounts()].map((a) => a.username.toLowerCase()));
  const missing = [...everImported].filter((u) => !present.has(u));
  for (const names of handUnsure) {
    const there = names.filter((n) => present.has(n)).length;
    if (there !== 0 && there !== names.length) violations.push(`an import killed or refused left ${there} of its ${names.length} accounts (${names[0]}...): half`);
  }
  if (missing.length > 0) violations.push(`${missing.length} imported accounts missing, e.g. ${missing.slice(0, 3).join(', ')}`);
  const leftInInbox = entriesOf(inbox).filter((rel) => !/^(imported|failed)(\/|$)/.test(rel) && !lstatSync(join(inbox, rel)).isDirectory());
  if (leftInInbox.length > 0) violations.push(`${leftInInbox.length} files still in the inbox, e.g. ${leftInInbox.slice(0, 3).join(', ')}`);
  // Nothing outside the inbox was read into the pool or moved, whatever the links pointed at.
  const outsideAfter = treeOf(outside);
  const changedOutside = [...new Set([...outsideBefore.keys(), ...outsideAfter.keys()])].filter((k) => outsideBefore.get(k) !== outsideAfter.get(k));
  if (changedOutside.length > 0) violations.push(`outside the inbox, changed or moved: ${changedOutside.slice(0, 5).join(', ')}`);
  const shardsAfter = readdirSync(join(poolDir, 'shards')).filter((n) => n.endsWith('.yaml')).sort();
  const lostShards = shardFiles.filter((n) => !shardsAfter.includes(n));
  if (lostShards.length > 0) violations.push(`shard files gone from the pool: ${lostShards.join(', ')}`);
  const fromOutside = [...present].filter((u) => u.startsWith('outside'));
  if (fromOutside.length > 0) violations.push(`accounts of files outside the inbox in the pool: ${fromOutside.slice(0, 3).join(', ')}`);
  const failedDir = join(inbox, 'failed');
  if (existsSync(failedDir)) for (const f of readdirSync(failedDir).filter((n) => !n.endsWith('.error.txt'))) {
    const note = join(failedDir, `${f}.error.txt`);
    if (!existsSync(note) || statSync(note).size === 0) violations.push(`failed/${f} has no reason beside it`);
    // A full disk is the machine's trouble, never the dump's: such a file must wait in the inbox.
    else if (/ENOSPC|could not write/.test(readFileSync(note, 'utf8'))) violations.push(`failed/${f} was set aside for a full disk`);
  }

  console.log(`soak: ${seconds} s on ${snapshot.size} accounts, ${kills} kills survived, ${noDisk ? 'no' : fills} disk-full moments survived, ${dumpNo} dumps dropped, ${swaps} inbox folders swapped for links`);
  for (const [what, n] of Object.entries(counts).sort()) console.log(`  ${what}: ${n}`);
  if (violations.length > 0) {
    console.log(`VIOLATIONS (${violations.length}):`);
    for (const v of violations.slice(0, 50)) console.log(`  ${v}`);
    console.log(`everything is kept in ${base}${noDisk ? '' : ` (a tmpfs: umount ${base} when done)`}`);
    process.exitCode = 1;
  } else {
    console.log('no violations: verify clean, every account present once, no account held twice, inbox fully handled, nothing outside the inbox read or moved');
    if (!noDisk) execFileSync('umount', ['-l', base]);
    rmSync(base, { recursive: true, force: true });
  }
}

/**
 * Every few seconds, a case variant of a random account is appended to its shard (another
 * password, the hand-edit style), left for a moment while the others run into it, then taken out.
 * Both edits are made holding the pool lock, so they land in the shard as it is and never undo a
 * commit that raced them (the race a hand edit can lose is not what this checks).
 */
async function handEdits(): Promise<void> {
  const shardsDir = join(poolDir, 'shards');
  while (!stopping) {
    await new Promise((r) => setTimeout(r, 3000 + Math.random() * 2000));
    if (stopping) break;
    const shards = readdirSync(shardsDir).filter((f) => /^\d+\.yaml$/.test(f));
    const file = join(shardsDir, shards[Math.floor(Math.random() * shards.length)]!);
    await locked(() => {
      const original = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('"'));
      if (!original) return;
      const username = JSON.parse(original.slice(0, original.indexOf('": {') + 1)) as string;
      const line = `${username.toUpperCase()}: {password: hand-edited, provider: ptc, level: 30, state: ok, added_at: "2026-01-01T00:00:00.000Z", seq: 999999}`;
      writeFileSync(file, `${readFileSync(file, 'utf8')}${line}\n`);
      variant = { file, line };
      variantEpoch++;
      count('case variant added by hand');
    });
    await new Promise((r) => setTimeout(r, 1000 + Math.random() * 1000));
    await locked(() => {
      if (!variant) return;
      const { file: edited, line } = variant;
      writeFileSync(edited, readFileSync(edited, 'utf8').split('\n').filter((l) => l !== line).join('\n'));
      variant = undefined;
      variantEpoch++;
    });
  }
}

await main();
