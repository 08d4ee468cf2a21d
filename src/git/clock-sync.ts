// The clock work of one `sync` (under the pool lock): settle the record of holds seen, compare
// the fetched commits' dates with this host's clock, record the holds a rebase brings, and
// publish what this host saw of the other clocks before pushing.
import type { Pool } from '../store/pool.js';
import { forgetSetBack } from '../store/clock-jump.js';
import { beforeRebase, settleSightings } from './clock-sightings.js';
import { observeLeads, publishLeads } from './clock-claims.js';
import { hostNameOf } from './clock-host.js';
import type { Lead } from './clock-files.js';
import type { PulledShards } from './pulled-shards.js';

export class SyncClocks {
  private leads: Lead[] | undefined;
  private published = false;

  private constructor(
    private readonly pool: Pool,
    private readonly self: string,
  ) {}

  /** A record a crashed sync left half-done (or none at all: a fresh clone) is settled first. */
  static async start(pool: Pool): Promise<SyncClocks> {
    await settleSightings(pool);
    return new SyncClocks(pool, await hostNameOf(pool.layout.dir));
  }

  /** Right after a fetch: git's commit dates are the system clock's, so they are compared with it. */
  async fetched(head: string): Promise<void> {
    this.leads = await observeLeads(this.pool.layout.dir, head, this.self, Date.now());
    // No other host's clock ahead of this one: a clock this host measured set back is not behind theirs.
    if (this.leads.length === 0) await forgetSetBack(this.pool.layout.clockMarker, new Date());
  }

  /** Runs a rebase that takes other hosts' commits, what it changed told by `pulled`; the holds it brings are first seen now. */
  async rebase(pulled: PulledShards, work: () => Promise<void>): Promise<void> {
    const sighting = await beforeRebase(this.pool, pulled);
    try {
      await work();
    } catch (error) {
      await sighting.undone();
      throw error;
    }
    await sighting.done();
  }

  /** Before pushing: this host's file in clocks/, committed when there is something to say. True when it made a commit. */
  async publish(): Promise<boolean> {
    if (this.leads === undefined) return false;
    if (!(await publishLeads(this.pool.layout.dir, this.leads, new Date(), this.published))) return false;
    this.published = true;
    return true;
  }
}
