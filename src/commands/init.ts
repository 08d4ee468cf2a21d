// `accountpool init`: make a new, empty pool (folders 0700, files 0600) with every setting written out.
import { writeFile, access, chmod, mkdir } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { parseFlags, intFlag, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { poolDirOf } from '../cli/open-pool.js';
import { Pool } from '../store/pool.js';
import { defaultConfigText } from '../config.js';
import { loadConfig } from '../config-file.js';
import { shardFile, shardName } from '../store/layout.js';
import { encodeShard } from '../store/shard-codec.js';
import { encodeManifest, manifestOf, type ShardOnDisk } from '../store/manifest.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { acquireLock } from '../store/lock.js';
import { initGitRepo } from '../git/init-repo.js';
import { inTheWayOfFolder } from '../store/pool-files.js';
import { enclosingPool } from '../store/enclosing-pool.js';
import { CONFIG_FILE } from '../store/layout.js';
import { AppError } from '../errors.js';
import { counted } from '../counted-noun.js';

const FLAGS = { shards: { type: 'string' }, git: { type: 'boolean' } } as const satisfies Flags;

export const init: Command = {
  help: `usage: accountpool init [--pool DIR] [--shards N] [--git]

Creates the pool folder with its shard files and an accountpool.yaml holding every setting at
its default, and the inbox folder beside it. Running it on an existing pool changes nothing
but missing pieces.

  --shards N   number of shard files (default 64)
  --git        make the pool folder a git repository of its own: .gitattributes and the merge
               driver for shards, .gitignore, git.commit: true (one commit per change), a first
               commit. Run it once on every clone too (git config is not cloned).`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('init', ctx.argv, FLAGS);
    const dir = poolDirOf(ctx, values.pool);
    // A new pool inside another (its shards/ folder, or beside its shards, sharing its ../inbox):
    // refused before anything is made. Running init again on such a pool, made before stop 67, is not.
    const outer = await enclosingPool(dir);
    if (outer && !(await access(resolve(dir, CONFIG_FILE)).then(() => true, () => false))) {
      throw new AppError(`cannot make a pool at ${dir}: it lies inside the pool ${outer.pool} (as ${outer.inside}), whose ${outer.inside.split(sep)[0] === 'shards' ? 'shards folder would hold a folder that is no shard' : 'inbox and files it would share'}; give a folder outside it`);
    }
    const layout = await Pool.create(dir);
    await chmod(dir, 0o700);
    const exists = await access(layout.config).then(() => true, () => false);
    if (!exists) await writeFile(layout.config, defaultConfigText(intFlag('shards', values.shards, { min: 1, max: 4096 })), { mode: 0o600 });
    const config = await loadConfig(layout.config);
    const inbox = resolve(dir, config.inbox);
    const problem = await inTheWayOfFolder(inbox);
    if (problem) throw new AppError(`cannot make the inbox: ${problem}; move it away, or set another inbox: in ${layout.config}`);
    let made = 0;
    const empty: ShardOnDisk[] = [];
    // Under the pool lock: a transaction may write a shard between our look and our write (init
    // run again beside a live pool), and an empty shard renamed over it would lose its accounts.
    const lock = await acquireLock(layout.dir, layout.lock, { waitMs: config.lock_wait });
    try {
      for (let i = 0; i < config.shards; i++) {
        const name = shardName(i, config.shards);
        const file = shardFile(layout, name);
        if (await access(file).then(() => false, () => true)) {
          await writeFileAtomic(file, encodeShard(name, []));
          empty.push({ name, file, size: 0 });
          made++;
        }
      }
      // A new pool starts with its record (see src/store/manifest.ts); an older one gets it at its next write.
      if (!exists && made === config.shards) await writeFileAtomic(layout.manifest, encodeManifest(manifestOf(empty)));
    } finally {
      await lock.release();
    }
    await mkdir(inbox, { recursive: true, mode: 0o700 });
    println(ctx.stdout, exists ? `pool ${dir} already exists (${made} missing shard files made)` : `created pool ${dir} with ${counted(config.shards, 'shard')}; inbox ${inbox}`);
    if (values.git) println(ctx.stdout, `git: ${(await initGitRepo(layout)).join('; ')}`);
  },
};
