// A command built as one CommonJS file (scripts/build.mjs WHOLE_COMMANDS: allocate, import, status, mark, release) is
// compiled with V8's code cache: the bytecode a run of it compiled, saved at that run's exit and
// handed to V8 by the next run, which then neither parses the file (~850 KB for allocate) nor
// compiles the functions the earlier run called. Node 20 keeps no such cache for ES modules
// (`module.enableCompileCache` is Node 22's), hence CommonJS through `vm.Script`, the one API
// that takes `cachedData`. allocate at 10,000 accounts: ~4.5 % less CPU a run, ~20-30 ms, once the
// file is ASCII (docs/scale-log.md, stop 57 A).
//
// The cache is derived data, never required: missing, unreadable, not ours, or rejected by V8
// (its own check: V8's version, its flags, the source's length), the file is compiled as it is
// and a new cache written at the exit. It lives in a per-user cache folder, never in the package
// (an installed one may be read-only, and never writes into its own folder) and never in a pool;
// its name holds the bundle file's (a hash of its content: a build never reuses a name for other
// code) and Node's version and architecture. V8 runs the bytecode a cache holds without checking
// it against the source, so a cache is read only from a folder and a file the user alone can write;
// nor does Node 20's V8 check the bytes themselves (only their length and a header): a cache with
// flipped bytes crashed the process (SIGTRAP, SIGSEGV), so each cache starts with the SHA-1 of the
// rest, checked before V8 sees it (~1 ms for allocate's ~600 KB; node:crypto is loaded by the
// command anyway).
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/**
 * How many caches of one command the folder keeps, the newest written: each build (and Node
 * version) has its own, ~0.5-1.2 MB, and a developer's rebuilds made one each. A few, not one: a
 * checkout beside an installed package, or a branch switched back to, keep theirs; one pushed out
 * is written again by its next run.
 */
export const CODE_CACHES_KEPT = 3;

/** How long a file of the folder that is no cache (a temp file a killed write left) is kept. */
const STRAY_KEEP_MS = 24 * 3600_000;

/** The folder this user's code caches go in: $XDG_CACHE_HOME/accountpool/code, else ~/.cache/accountpool/code; none when turned off (ACCOUNTPOOL_CODE_CACHE=off) or no home is known. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.ACCOUNTPOOL_CODE_CACHE === 'off') return undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, 'accountpool', 'code');
  let home: string;
  try {
    home = env.HOME || homedir();
  } catch {
    return undefined; // no home for this user (a system account): no cache
  }
  return home ? join(home, '.cache', 'accountpool', 'code') : undefined;
}

/** The cache of `file` under `folder`: the bundle file's name, Node's version and architecture. */
export function codeCacheFile(folder: string, file: string): string {
  return join(folder, `${basename(file)}.${process.version}-${process.arch}.v8`);
}

/** Whether only this user can change `stats`'s file or folder (V8 trusts a cache's bytecode). */
function ownedAlone(stats: Stats): boolean {
  const uid = process.getuid?.();
  return (uid === undefined || stats.uid === uid) && (stats.mode & 0o022) === 0;
}

/** The length of the digest each cache file starts with. */
const DIGEST_BYTES = 20;

function digestOf(data: Uint8Array): Buffer {
  return createHash('sha1').update(data).digest();
}

/** The cache file, opened, with its length, if this user alone can have written it (its folder and itself). */
function openTrusted(cache: string): { fd: number; size: number } | undefined {
  let fd: number | undefined;
  try {
    if (!ownedAlone(statSync(dirname(cache)))) return undefined;
    fd = openSync(cache, 'r');
    const stats = fstatSync(fd);
    if (stats.isFile() && ownedAlone(stats)) return { fd, size: stats.size };
  } catch {
    // none yet (or unreadable): compiled without
  }
  if (fd !== undefined) closeSync(fd);
  return undefined;
}

/** The first `size` bytes of `fd`, read into `into` (fewer where the file ends first). */
function readInto(fd: number, into: Buffer, size: number): Buffer {
  let at = 0;
  while (at < size) {
    const read = readSync(fd, into, at, size - at, at);
    if (read === 0) break;
    at += read;
  }
  return into.subarray(0, at);
}

/** The cache's V8 data in `bytes` (the file as read), if it is whole: its digest first, then the data. */
function verified(bytes: Buffer): Buffer | undefined {
  const data = bytes.subarray(DIGEST_BYTES);
  return bytes.length > DIGEST_BYTES && digestOf(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/**
 * The program's text and its cache's V8 data (if there is a whole one this user alone can have
 * written), both read into one buffer: the text taken out of it first, then the cache read over
 * it. Each read into memory of its own touched fresh pages, and a fresh page costs this VM
 * ~13-24 µs of CPU. The text is ASCII (the build makes it so), so it is taken as one byte a
 * character, without UTF-8's decoding: `readFileSync(file, 'utf8')` also grew its buffer by
 * doubling as it read. 521 -> 329 page faults for allocate's text alone, 705 -> ~345 for both
 * files (docs/scale-log.md, stop 64 S2).
 */
function readProgram(file: string, cache: string | undefined): { source: string; cachedData: Buffer | undefined } {
  const trusted = cache === undefined ? undefined : openTrusted(cache);
  try {
    const fd = openSync(file, 'r');
    let scratch: Buffer;
    let text: Buffer;
    try {
      const size = fstatSync(fd).size;
      scratch = Buffer.allocUnsafeSlow(Math.max(size, trusted?.size ?? 0));
      text = readInto(fd, scratch, size);
    } finally {
      closeSync(fd);
    }
    const source = isAscii(text) ? text.toString('latin1') : text.toString('utf8');
    let cachedData: Buffer | undefined;
    try {
      if (trusted) cachedData = verified(readInto(trusted.fd, scratch, trusted.size));
    } catch {
      // unreadable: compiled without
    }
    return { source, cachedData };
  } finally {
    if (trusted) closeSync(trusted.fd);
  }
}

/** Writes `data()` as `cache`, after its digest, through a temp file and a rename (a concurrent start reads the old cache or the new one), then prunes the folder. */
function writeCache(cache: string, data: () => Buffer): void {
  const folder = dirname(cache);
  const temp = `${cache}.${process.pid}.tmp`;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!ownedAlone(statSync(folder))) return; // another user's folder (a run under sudo made it): not read either
    const bytes = data();
    writeFileSync(temp, Buffer.concat([digestOf(bytes), bytes]), { mode: 0o600, flag: 'wx' });
    renameSync(temp, cache);
  } catch {
    rmSync(temp, { force: true }); // a full disk, a read-only home: the next run compiles without, as this one did
    return;
  }
  pruneCodeCaches(folder);
}

/** Removes all but the newest CODE_CACHES_KEPT caches of each command in `folder` (`<command>-<hash>.cjs.<node>.v8`), and day-old strays. */
export function pruneCodeCaches(folder: string, now = Date.now()): void {
  const byCommand = new Map<string, { path: string; written: number }[]>();
  try {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const written = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
      if (written === undefined) continue; // gone already (another start's pruning)
      const command = /^(.+)-[0-9a-f]+\.cjs\..+\.v8$/.exec(name)?.[1];
      if (command === undefined) {
        if (now - written > STRAY_KEEP_MS) rmSync(path, { force: true });
      } else {
        byCommand.set(command, [...(byCommand.get(command) ?? []), { path, written }]);
      }
    }
    for (const caches of byCommand.values()) {
      for (const old of caches.sort((a, b) => b.written - a.written).slice(CODE_CACHES_KEPT)) rmSync(old.path, { force: true });
    }
  } catch {
    // a folder made unreadable meanwhile: pruned by a later write
  }
}

/** `file` compiled (with its cache when there is a good one) and run as a CommonJS module; its exports. */
export function loadCommonJs(file: string, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const folder = codeCacheFolder(env);
  const cache = folder === undefined ? undefined : codeCacheFile(folder, file);
  const { source, cachedData } = readProgram(file, cache);
  // The file holds the program already inside Node's CommonJS wrapper (scripts/build.mjs
  // WRAPPER_START): wrapped here, the text was made twice more (the joined string, then V8's flat
  // copy of it), ~0.95 MB each for allocate in every start.
  const script = new Script(source, { filename: file, cachedData });
  // Saved at the exit, so that it holds the functions this run compiled, not the top level alone:
  // only after a run that did its work (not its --help, nor a failure that stopped early).
  if (cache !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    process.once('exit', (code) => {
      if (code !== 0 || process.argv.includes('--help') || process.argv.includes('-h')) return;
      // V8 stamps the data with its flags, and rejects it under others: --expose-gc, which a checked
      // allocation turns on as it runs (collect-garbage.ts), is off again when the next run loads it.
      // Left on, every checked allocation rejected the last one's cache and wrote its own.
      setFlagsFromString('--no-expose-gc');
      writeCache(cache, () => script.createCachedData());
    });
  }
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}
