// The change log's selection of pending records (src/store/log-records.ts `select`) tells an
// account's records apart by their usernames' hashes and bytes: a record superseded by a later
// one of its account is never made into a key (about half of the ~50,000 records pending at
// 1,000,000 accounts mid-cycle), and no map of every record's key is built. Counted by wrapping
// the two functions that make a key of a line's quoted username (the second for names known plain
// ASCII), never by timing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as codec from '../../src/store/shard-codec.js';
import { decodeWithDigests, encodeEntry, homesOf } from '../../src/store/change-log.js';
import { shardIndexOf } from '../../src/store/layout.js';
import { pendingOf } from '../../src/store/log-view.js';
import { makeAccount } from '../helpers/accounts.js';

// Spies on the module's exports (vitest's transform reads an import at each call), not vi.mock:
// the file runs in the workers' shared module graph (vitest.config.ts), so they are put back after
// each test.
afterEach(() => {
  vi.restoreAllMocks();
});

/** The spies' calls so far: keys made of a line's quoted username. */
function countKeys(): () => number {
  const quoted = vi.spyOn(codec, 'keyOfQuoted');
  const plain = vi.spyOn(codec, 'keyOfPlainQuoted');
  return () => quoted.mock.calls.length + plain.mock.calls.length;
}

describe('the pending records selected', () => {
  it('makes a key only for the latest record of each account, and every record\'s key when asked', () => {
    const accounts = Array.from({ length: 200 }, (_, i) => makeAccount(i, { username: i % 3 === 0 ? `User${i}` : `user${i}` }));
    // Handed out, then given back: every account logged twice, in capitals once for a third of them.
    const log = Buffer.from(
      encodeEntry(accounts.map((a) => ({ ...a, holder: 'east', allocated_at: '2026-06-01T11:00:00.000Z' })), 'allocate') +
        encodeEntry(accounts.map((a) => ({ ...a, username: a.username.toLowerCase() })), 'release'),
    );
    const homes = homesOf(4);
    const { log: read } = decodeWithDigests('log', [log], []);
    const pending = read.pendingIn((key) => homes.names[shardIndexOf(key, 4)]!, homes.names, homes);
    const made = countKeys();
    // (An entry lists its accounts by key.)
    expect(pending.keys).toEqual(accounts.map((a) => a.username.toLowerCase()).sort());
    expect(made()).toBe(200);
    // The record lines pending per shard (the fold plan's count), off the usernames' hashes: no key made.
    expect(pendingOf(pending, (key) => homes.names[shardIndexOf(key, 4)]!)).toEqual(new Map(homes.names.map((name, s) => [name, 2 * accounts.filter((a) => shardIndexOf(a.username, 4) === s).length] as const).filter(([, n]) => n > 0)));
    expect(made()).toBe(200);
    expect(pending.records.map((account) => account.holder)).toEqual(accounts.map(() => undefined));
    // Every record's key, superseded ones too (a fold's pending counts ask for them).
    const sorted = accounts.map((a) => a.username.toLowerCase()).sort();
    expect(pending.recordKeys).toEqual([...sorted, ...sorted]);
    expect(made()).toBe(400);
    // A latest record spelt in capitals: its key lower-cased, as keyOfQuoted makes it.
    const { log: capitals } = decodeWithDigests('log', [Buffer.from(encodeEntry(accounts, 'allocate'))], []);
    expect(capitals.pendingIn((key) => homes.names[shardIndexOf(key, 4)]!, homes.names, homes).keys).toEqual(sorted);
  });

  it('tells an account\'s records apart by their usernames\' bytes, whatever hash a digest forged with a matching check gives them', () => {
    const accounts = Array.from({ length: 20 }, (_, i) => makeAccount(i, { username: `user${i}` }));
    const log = Buffer.from(encodeEntry(accounts.map((a) => ({ ...a, holder: 'east' })), 'allocate') + encodeEntry(accounts, 'release'));
    const homes = homesOf(4);
    const { made: digests } = decodeWithDigests('log', [log], []);
    const digest = digests[0]!;
    // The first record's hash is another's: trusted, the account's two records were two accounts.
    const keyHash = digest.records.keyHash.slice();
    keyHash[0] = (keyHash[0]! + 1) % 2 ** 32;
    const { log: read } = decodeWithDigests('log', [log], [{ ...digest, records: { ...digest.records, keyHash } }]);
    const pending = read.pendingIn((key) => homes.names[shardIndexOf(key, 4)]!, homes.names, homes);
    expect(pending.keys).toEqual(accounts.map((a) => a.username).sort());
    expect(pending.records.map((account) => account.holder)).toEqual(accounts.map(() => undefined));
  });
});
