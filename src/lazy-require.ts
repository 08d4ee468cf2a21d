// Packages loaded on first use, so that a command that never needs one never pays for loading it
// (every command's start is the floor under every timing: docs/design-scale.md §3.11). Loaded
// synchronously, through their CommonJS builds, so the code that needs them stays synchronous.
// esbuild leaves these calls alone: the package stays outside the bundle, installed beside it.
import { createRequire } from 'node:module';

let require: NodeJS.Require | undefined; // made on first use too: ~0.5-1 ms

/** A getter that loads the package `id` on its first call and returns the same module after. */
export function lazily<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= (require ??= createRequire(import.meta.url))(id) as T);
}
