// A transaction remembers which of its changes are accounts the snapshot does not hold (a key
// `get` found missing, then `put`), so planning the shards and writing the history skip looking
// them up again (transaction.ts `absent`). Whatever order gets and puts come in, what it says of a
// change must be what the snapshot says: a known account taken for a new one would be written
// twice, a new one taken for a known one would be lost.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Transaction } from '../../src/store/transaction.js';
import { Snapshot, ShardState } from '../../src/store/snapshot.js';
import { planShards } from '../../src/store/plan-shards.js';
import { eventsOf } from '../../src/history/record.js';
import { encodeAccountLine, encodeShard } from '../../src/store/shard-codec.js';
import { keyOf, type Account } from '../../src/model.js';
import { makeAccount } from '../helpers/accounts.js';

const NAMES = ['user000001', 'USER000001', 'user000002', 'user000003', 'User000004', 'user000005'];
// The snapshot holds user000001 and user000003; the rest are new.
const held = [makeAccount(1), makeAccount(3)];

type Step = { get: string } | { put: string; seq: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom(...NAMES).map((get) => ({ get })),
  fc.record({ put: fc.constantFrom(...NAMES), seq: fc.integer({ min: 100, max: 200 }) }),
);

function snapshotOf(): Snapshot {
  const shard = new ShardState('00', '00.yaml', held.map(encodeAccountLine));
  return new Snapshot([shard], () => 0);
}

describe('a transaction tells new accounts from known ones', () => {
  it('locates each change, and gives the account before it, as the snapshot does, whatever the order of gets and puts', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const snapshot = snapshotOf();
        const tx = new Transaction(snapshot, new Date('2026-12-01T00:00:00Z'));
        for (const s of steps) {
          if ('get' in s) tx.get(s.get);
          else tx.put({ ...makeAccount(0), username: s.put, seq: s.seq });
        }
        let n = 0;
        for (const key of tx.changes.keys()) {
          expect(tx.locate(key, n)).toEqual(snapshot.locate(key));
          expect(tx.before(key, n)).toEqual(snapshot.get(key));
          n++;
        }
        // What is written: every account once, the known ones replaced in place.
        const [planned] = planShards(tx, () => '00');
        const expected = new Map(held.map((a) => [keyOf(a.username), a] as [string, Account]));
        for (const [key, account] of tx.changes) expected.set(key, account);
        const lines = [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => encodeAccountLine(a));
        if (tx.changes.size > 0) expect(Buffer.concat(Array.isArray(planned!.bytes) ? planned!.bytes : [planned!.bytes as Buffer]).toString()).toBe(encodeShard('00', lines));
        // The import event counts the new accounts only.
        const added = [...tx.changes.keys()].filter((key) => !snapshot.get(key)).length;
        const imports = eventsOf(tx).filter((e) => e.kind === 'import');
        expect(imports.reduce((sum, e) => sum + (e as { added: number }).added, 0)).toBe(added);
      }),
      { numRuns: 500 },
    );
  });
});
