// Patterns a reader builds from long word tables (every language's words for "new password",
// the places of an account in a list, ...), made on the first call that reads them, not when the
// module loads. esbuild puts the readers in one chunk, and every command that reads a dump loads
// all of it: built at load, they cost ~35 ms of CPU in every import, though only a seller's mail
// with a correction in it reads them (docs/scale-log.md, stop 55 J). A `u`/`iu` RegExp over
// `\p{Script=...}` classes is compiled when it is made, not when it first runs.

/** A getter that makes its value on its first call and returns that same value after. */
export function onFirstUse<T extends object>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
