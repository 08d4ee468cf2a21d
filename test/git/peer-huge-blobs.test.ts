// A peer's blob of a hundred megabytes where sync reads one through git: the record of the shards
// (`shards/.manifest`, tree-record.ts), read whole through a 256 MB buffer before its 4 MB limit
// was checked. The read is now bounded as git writes it (git stopped at the limit): a real `sync`
// under a 64 MB heap refuses the commit naming it, where reading it whole ran out of memory.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

/** Appends `megabytes` MB of comment lines (the record's own `#` lines, compressed to almost nothing by git). */
async function grow(file: string, megabytes: number): Promise<void> {
  const handle = await open(file, 'a');
  const chunk = Buffer.from(`#${'x'.repeat(1022)}\n`.repeat(1024));
  for (let i = 0; i < megabytes; i++) await handle.write(chunk);
  await handle.close();
}

describe("a peer's huge blob", () => {
  it('a record of the shards of 160 MB: sync refuses it naming commit and file, within a 64 MB heap; nothing changed', async () => {
    const { clones } = await sharedPool(2, 40);
    const [host, peer] = clones as [string, string];
    await grow(join(peer, 'shards', '.manifest'), 160);
    await gitIn(peer, 'commit', '-qam', 'peer: a huge record');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    const pushed = (await gitIn(peer, 'rev-parse', 'HEAD')).trim();
    const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();

    const run = await runCli(['sync', '--pool', host], { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`commit ${pushed.slice(0, 12)}): shards/.manifest is over 4194304 bytes`);
    expect(run.stderr).toContain('Nothing was synced or changed here');
    expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore);
  }, 120_000);
});
