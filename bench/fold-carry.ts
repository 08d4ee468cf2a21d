// The CPU of a lean fold's summary carries (summary-fold.ts) over one allocation's 7 folded shards,
// in a fresh process as an allocation pays it (cold), for an A/B of stop 67 S3:
//
//   node --import tsx bench/fold-carry.ts REPLACED separate|shared
//
// `separate`: the standings summary and the timed one each check and parse the replaced lines
// (one FoldedLines each, as before S3); `shared`: one FoldedLines for both (pool.ts `leanFolded`
// now). Run the two in turn, interleaved, and compare pairs. Shards of 1,600 bench accounts
// (~270 KB, a 100,000-account pool's), REPLACED lines of each given a hold.
import { FoldedLines, foldedSummary } from '../src/store/summary-fold.js';
import { foldedTimed, summarizeTimed } from '../src/store/timed-summary.js';
import { summarize } from '../src/store/standing-summary.js';
import { decodeShard, encodeAccountLine, encodeShard, shardHash } from '../src/store/shard-codec.js';
import { ShardState } from '../src/store/shard-state.js';
import { benchAccount } from './make-pool.js';

const NAME = '00';
const N = 1600;
const R = Number(process.argv[2] ?? 200);
const way = process.argv[3];
if (!(R > 0 && R <= N) || (way !== 'separate' && way !== 'shared')) throw new Error('usage: fold-carry.ts REPLACED separate|shared');
const accounts = Array.from({ length: N }, (_, i) => ({ ...benchAccount(i * 64), seq: i + 1 }));
const lines = accounts.map(encodeAccountLine);
const before = Buffer.from(encodeShard(NAME, lines));
const replaced = new Map<number, string>();
for (let k = 0; k < R; k++) {
  const i = Math.floor((k * N) / R);
  replaced.set(i, encodeAccountLine({ ...accounts[i]!, holder: 'east', allocated_at: '2026-06-01T00:00:00.000Z', held_until: '2026-06-02T00:00:00.000Z', seq: N + k + 1 }));
}
const after = Buffer.from(encodeShard(NAME, lines.map((l, i) => replaced.get(i) ?? l)));
const decoded = decodeShard(NAME, 'shard', before.toString('utf8'));
const state = new ShardState(NAME, 'shard', decoded.lines, decoded.accounts);
const isStray = () => false;
const standings = summarize(state, { sha1: shardHash(before), shards: 64, stamp: 's', checkedAt: 0 }, isStray);
const timed = summarizeTimed(state, { name: NAME, sha1: shardHash(before), shards: 64, stamp: 's', checkedAt: 0 }, isStray);
const made = { sha1: shardHash(after), stamp: 't', checkedAt: 1 };
const carry = () => {
  const folded = new FoldedLines(NAME, before, after, replaced);
  if (!foldedSummary(standings, folded, made)) throw new Error('the standings summary was not carried');
  if (!foldedTimed(timed, way === 'shared' ? folded : new FoldedLines(NAME, before, after, replaced), made)) throw new Error('the timed summary was not carried');
};
let total = 0;
for (let k = 0; k < 7; k++) {
  const start = process.cpuUsage();
  carry();
  const used = process.cpuUsage(start);
  total += (used.user + used.system) / 1000;
}
console.log(`${way} ${total.toFixed(2)}`);
