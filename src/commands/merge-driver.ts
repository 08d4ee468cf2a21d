// `accountpool merge-driver BASE OURS THEIRS [PATH]`: what git runs to merge a shard file that
// changed on both sides (registered by `accountpool init --git`; the rules are in
// src/git/merge-accounts.ts). Writes the merged shard over OURS and exits 0; a version it cannot
// read makes it exit 1 without touching OURS, so git reports the file as conflicted instead of
// writing conflict markers into it.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseFlags, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { AppError, UsageError } from '../errors.js';
import { peerFileBound } from '../git/peer-file-size.js';
import { isManifest, mergeManifestTexts, mergeShardTexts, shardNameOf } from '../git/merge-shard.js';
import { MERGED_NAME_PREFIX } from '../git/merge-names.js';
import { recordConflicts } from '../git/conflict-log.js';
import { gitCryptKeyFor, isEncrypted, plainText, storedForm } from '../git/crypt.js';
import { isHistoryPath, mergeHistoryTexts } from '../git/merge-history.js';
import { publishedSide } from '../git/published-side.js';
import { mergeClock } from '../git/merge-clock.js';
import { lostHoldLine } from '../git/lost-holds.js';
import { appendPendingLosses, underOwnGit } from '../git/pending-losses.js';

const FLAGS = {} as const satisfies Flags;

export const mergeDriver: Command = {
  help: `usage: accountpool merge-driver BASE OURS THEIRS [PATH]

git's merge driver for shard and history files, registered by \`accountpool init --git\` as
  merge-driver %O %A %B %P
Merges the three versions of a shard account by account and writes the result over OURS in
canonical form (encrypted again when the shard is under git-crypt). A history file (PATH
history/YYYY-MM.txt) gets every line of both sides, in time order.
ACCOUNTPOOL_MERGE_HOLDS=ours (set by \`allocate --sync\` while rebasing) keeps OURS's hold when
both sides changed it. Otherwise a release ends only the hold it saw (one the other side took
since is kept), and of two holds taken on the two sides the published one is kept: OURS in a
rebase or cherry-pick, THEIRS in a merge (git pull), never by the clocks, unless its lease
ended over two days ago (the widest clock difference holds are timed for) while the other
side's runs: then the other's. ACCOUNTPOOL_MERGE_NOW (set by \`accountpool sync\`) is the time
that is judged at; else this machine's clock. Each hold of the other side not kept is told on a
line of its own ("lost lease:", instance and username); under a git accountpool did not start
they are also kept in .git for the hooks \`init --git\` installs to record for \`accountpool status\`.`,
  flags: FLAGS,
  operands: 'file',
  async run(ctx) {
    const { positionals } = parseFlags('merge-driver', ctx.argv, FLAGS, true);
    if (positionals.length < 3 || positionals.length > 4) throw new UsageError('merge-driver needs BASE OURS THEIRS [PATH] (git passes them; see accountpool merge-driver --help)');
    const [base, ours, theirs] = positionals.slice(0, 3).map((p) => resolve(ctx.cwd, p)) as [string, string, string];
    const path = positionals[3];
    // Sizes first: a version far larger than this host's own (peer-file-size.ts) is not read into memory; exit 1, OURS untouched.
    const [baseSize, oursSize, theirsSize] = await Promise.all([base, ours, theirs].map(async (file) => (await stat(file)).size));
    const bound = peerFileBound(oursSize!);
    const huge = ([['BASE', baseSize!], ['THEIRS', theirsSize!]] as const).filter(([, size]) => size > bound);
    if (huge.length > 0) {
      throw new AppError(`merge-driver: ${path ?? ours}: ${huge.map(([side, size]) => `${side} is ${size} bytes`).join(', ')}, over the ${bound} a pool file may be here (this host's is ${oursSize}): not read, not merged`);
    }
    const stored = await Promise.all([base, ours, theirs].map((file) => readFile(file)));
    // Under git-crypt git passes (and stores) ciphertext: decrypt, merge, encrypt (see src/git/crypt.ts).
    const key = (path ? await gitCryptKeyFor(ctx.cwd, path) : undefined) ?? (stored.some(isEncrypted) ? [] : undefined);
    const [b, o, t] = await Promise.all(stored.map((bytes) => plainText(bytes, key, ctx.cwd)));
    const texts = { base: b!, ours: o!, theirs: t! };
    if (isHistoryPath(path)) {
      await writeFile(ours, await storedForm(mergeHistoryTexts(texts), key, ctx.cwd));
      return 0;
    }
    const holds = ctx.env.ACCOUNTPOOL_MERGE_HOLDS === 'ours' ? 'ours' : 'newer';
    const label = path ?? ours;
    // The record of the shards travels with them and is merged line by line (src/store/manifest.ts).
    const { text, conflicts, names, lost } = isManifest(path, texts)
      ? { text: mergeManifestTexts(label, texts), conflicts: [], names: [], lost: [] }
      : mergeShardTexts(shardNameOf(path, texts), label, texts, { holds, published: await publishedSide(ctx.cwd, ctx.env), clock: mergeClock(ctx.env) });
    await writeFile(ours, await storedForm(text, key, ctx.cwd));
    // `accountpool sync` passes these lines on (sync.ts): git shows a driver's output only to whoever ran it.
    for (const problem of names) println(ctx.stderr, `${MERGED_NAME_PREFIX}${problem}`);
    const at = new Date(mergeClock(ctx.env).now).toISOString(); // the merge's time, for status's "since"
    const lostLines = lost.map((hold) => lostHoldLine({ ...hold, ...(path === undefined ? {} : { file: path }), at }));
    for (const line of lostLines) println(ctx.stderr, line);
    // A hand-run git: kept for its post-merge or post-rewrite hook to record for `status` (src/git/hand-run-losses.ts).
    if (!underOwnGit(ctx.env)) {
      await appendPendingLosses(ctx.cwd, lostLines).catch((error: unknown) => println(ctx.stderr, `accountpool merge-driver: warning: the lost leases above could not be kept for \`accountpool status\`: ${(error as Error).message}`));
    }
    if (conflicts.length > 0) {
      const log = await recordConflicts(ctx.cwd, label, conflicts);
      println(ctx.stderr, `accountpool merge-driver: ${label}: different passwords were set on both sides for ${conflicts.map((c) => c.username).join(', ')}; kept the newer record's, the other is recorded in ${log}`);
    }
    return 0;
  },
};
