// The spellings check of an import over a paged read (a pool of 200,000 accounts or more; forced
// here with `pageAbove: 0`) passes by the shards whose keys are all printable ASCII when the dump
// wants no Gmail spelling (Transaction.eachKey's `plainLeftOut`): such a key can spell nothing
// else then. A shard holding a fullwidth name (written by an older version, or by hand) is still
// read key by key: `john1` must be refused as another spelling of `ｊｏｈｎ１`, as without paging.
// A pool read whole passes its plain shards by the same way once the sorted check has read them
// off their bytes (stop 52).
import { describe, expect, it } from 'vitest';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { Pool } from '../../src/store/pool.js';
import { importDump } from '../../src/import/import-dump.js';

const FULLWIDTH = 'ｊｏｈｎ１'; // NFKC: john1

describe('the spellings check over paged shards', () => {
  it('refuses a spelling of a non-ASCII pool key while passing the plain shards by', async () => {
    const pool = await makePool(4);
    const writer = await pool.open();
    await writer.transaction((tx) => {
      for (let i = 0; i < 200; i++) tx.put(makeAccount(i));
      tx.put({ ...makeAccount(500), username: FULLWIDTH });
    }, { via: 'shards' });

    // Read whole (not paged, as a pool under 200,000 accounts is): the plain shards are known so off
    // their bytes by the sorted check (ShardState.orderOffBytes) and passed by too; john1 refused alike.
    const whole = await Pool.open(pool.dir);
    let plainWhole: boolean[] = [];
    const wholeTransaction = whole.transaction.bind(whole);
    whole.transaction = ((work: Parameters<Pool['transaction']>[0], options?: Parameters<Pool['transaction']>[1]) =>
      wholeTransaction((tx) => ((plainWhole = tx.snapshot.shards.map((s) => !s.paged && s.keysPlain)), work(tx)), options)) as Pool['transaction'];
    const refused = await importDump(whole, { name: 'j.txt', bytes: Buffer.from('john1:pw-j1x\n') }, { level: 30 }, { format: 'plain' });
    expect(plainWhole.filter(Boolean)).toHaveLength(3);
    expect(refused.rejected.map((r) => r.reason)).toEqual([expect.stringContaining(`another spelling of ${FULLWIDTH}`)]);

    const paged = await Pool.open(pool.dir, { pageAbove: 0 });
    // The import's own read, seen: every shard paged, the fullwidth name's shard alone not plain.
    let plain: boolean[] = [];
    const transaction = paged.transaction.bind(paged);
    paged.transaction = ((work: Parameters<Pool['transaction']>[0], options?: Parameters<Pool['transaction']>[1]) =>
      transaction((tx) => ((plain = tx.snapshot.shards.map((s) => s.paged && s.keysPlain)), work(tx)), options)) as Pool['transaction'];
    const report = await importDump(paged, { name: 'd.txt', bytes: Buffer.from('john1:pw-j1x\nnewbie7:pw-n7x\n') }, { level: 30 }, { format: 'plain' });

    expect(plain.filter(Boolean)).toHaveLength(3);
    expect(report.added).toBe(1);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.line).toBe(1);
    expect(report.rejected[0]!.reason).toContain(`another spelling of ${FULLWIDTH}`);
    expect(JSON.stringify(report)).not.toContain('pw-');
    const after = await Pool.open(pool.dir);
    const read = await after.read();
    expect(read.get('john1')).toBeUndefined();
    expect(read.get('newbie7')?.level).toBe(30);
  });
});
