// The operations `npm run bench` measures; each prepares its input and names its command.
import type { Run } from './measure.js';

export interface BenchContext {
  base: string;
  pool: string;
  size: number;
}

export interface Bench {
  name: string;
  prepare(ctx: BenchContext): Promise<Run> | Run;
}

/** 400 usernames spread over every shard (every size/400-th account). */
function spread(size: number, count = 400): string[] {
  const step = Math.floor(size / count);
  return Array.from({ length: count }, (_, i) => `user${String(i * step).padStart(6, '0')}`);
}

export const BENCHES: Bench[] = [
  {
    name: 'status',
    prepare: ({ pool }) => ({ args: ['status', '--pool', pool] }),
  },
  {
    name: 'transaction: mark 400 accounts',
    prepare: ({ pool, size }) => ({ args: ['mark', '--verdict', 'warned', '--from', '-', '--pool', pool], input: spread(size).join('\n') }),
  },
];
