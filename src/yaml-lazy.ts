// The yaml package, loaded on first use. It takes about 50 ms to load, and most commands never
// need it: canonical shards are read by the fast path and an unchanged config comes from its
// cache. Loaded synchronously (its CommonJS build) so the readers that need it stay synchronous.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  return (loaded ??= require('yaml') as typeof Yaml);
}
