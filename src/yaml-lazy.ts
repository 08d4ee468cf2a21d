// The yaml package, loaded on first use. It takes about 50 ms to load, and most commands never
// need it: canonical shards are read by the fast path and an unchanged config comes from its
// cache.
import type * as Yaml from 'yaml';
import { lazily } from './lazy-require.js';

export const yaml = lazily<typeof Yaml>('yaml');
