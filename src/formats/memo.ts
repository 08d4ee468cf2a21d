// A reader's work on one dump done once: detection and reading (and the registry asking each reader in
// turn) look at the same DumpInput several times, and parsing a chat export, a JSON document or a settings
// tree of tens of MB twice doubles an import's time. Keyed weakly by the input, so a dump's parse goes
// when the dump does; a later input with the same text is another dump, parsed again.
import type { DumpInput } from './types.js';

/** `compute` for each input at most once: a second call gives the first's result, `undefined` and `null` included. */
export function oncePerInput<T>(compute: (input: DumpInput) => T): (input: DumpInput) => T {
  const results = new WeakMap<DumpInput, T>();
  return (input) => {
    if (results.has(input)) return results.get(input) as T;
    const result = compute(input);
    results.set(input, result);
    return result;
  };
}
