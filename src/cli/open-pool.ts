// Finding and opening the pool a command works on.
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Pool } from '../store/pool.js';
import { resolvePoolDir } from '../store/layout.js';
import { println, type Context } from './context.js';
import { copyRefusal, judgePlace, recordPlace } from '../store/pool-place.js';

export function poolDirOf(ctx: Context, flag: string | undefined): string {
  return resolvePoolDir(flag, ctx.env, ctx.cwd);
}

/** A pool with a .git of its own may hold other hosts' holds: they end as this host's clock sees them. */
export async function openPool(ctx: Context, flag: string | undefined, options: { asWritten?: boolean } = {}): Promise<Pool> {
  const pool = await Pool.open(poolDirOf(ctx, flag), { clock: ctx.clock });
  pool.onClockJump = (note) => println(ctx.stderr, `accountpool: warning: ${note}`);
  // A copy of the pool folder (cp -a, a snapshot) beside the pool writes nothing: both would hand
  // out the same accounts (pool-place.ts). Asked under the lock before each transaction.
  pool.placeRefusal = placeGuard(pool.layout.dir, (note) => println(ctx.stderr, `accountpool: note: ${note}`));
  pool.writeRefusal = pool.placeRefusal;
  // One git commit per transaction, made under the pool's lock. Loaded only for such a pool: the
  // git code brings node:child_process (with net and dgram) into every command's start otherwise.
  if (pool.config.git.commit) pool.afterCommit = (await import('../git/commit.js')).commitAfterTransaction(pool.layout.dir, (line) => println(ctx.stderr, line));
  // Loaded only for such a pool: most pools are not, and the git code is a good part of a command's start.
  if (await sharedThroughGit(pool.layout.dir)) {
    // A setting weaker than init's that this host did not accept is not used (trusted-settings.ts); `trust` shows them as written.
    if (!options.asWritten) for (const said of await keepAcceptedSettings(pool)) println(ctx.stderr, `accountpool: warning: ${said}`);
    pool.seenView = (await import('../git/clock-sightings.js')).seenViewFor(pool.layout.dir, pool.config);
    // Other hosts' holds pulled, so that an older shard put back frees none of them (published-holds.ts).
    pool.publishedHolds = (await import('../git/published-holds.js')).publishedHoldsIn(pool.layout.dir);
    // No change while a hand-run git has the work tree half-way (a stopped rebase, a detached HEAD):
    // it could hand out an account held in a commit not checked out, or be thrown away by git.
    const { workTreeAway } = await import('../git/work-tree-away.js');
    const inPlace = pool.writeRefusal;
    pool.writeRefusal = async () => (await inPlace()) ?? (await workTreeAway(pool.layout.dir));
  }
  return pool;
}

/** The pool's place checked, and recorded where it has none or was moved; once found in place, not asked again by this process. */
function placeGuard(dir: string, note: (words: string) => void): () => Promise<string | undefined> {
  let inPlace = false;
  return async () => {
    if (inPlace) return undefined;
    const verdict = await judgePlace(dir);
    if (verdict.kind === 'copy') return copyRefusal(dir, verdict.record);
    if (verdict.kind === 'unrecorded') await recordPlace(dir);
    else if (verdict.kind !== 'here') {
      await recordPlace(dir, verdict.record.id);
      if (verdict.kind === 'moved' && verdict.record.path !== resolve(dir)) note(`this pool was moved here from ${verdict.record.path} (no pool of its identity is there now); recorded its new place`);
    }
    inPlace = true;
    return undefined;
  };
}

async function keepAcceptedSettings(pool: Pool): Promise<string[]> {
  const { weakSettings, keepUnacceptedAtDefault } = await import('../git/trusted-settings.js');
  if (weakSettings(pool.config).length === 0) return [];
  const trust = await import('../git/trusted-commands.js');
  return keepUnacceptedAtDefault(pool.config, (reach) => trust.isAccepted(pool.layout.dir, reach), trust.acceptHint(pool.layout.dir));
}

/** Whether the pool folder is a git repository of its own (`init --git`): other hosts may share it. */
export function sharedThroughGit(dir: string): Promise<boolean> {
  return access(join(dir, '.git')).then(
    () => true,
    () => false,
  );
}
