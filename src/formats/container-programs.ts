// A container file (a compose file, a Kubernetes manifest, an ECS task definition) may run several
// programs side by side: RocketMap beside benmag's or konjak's PokemonGo-Bot, PokemonGo-Map beside
// them. Each reader of a program's containers reads only its own (its image, its own variables:
// DumpFormat.ownContainers), so one reader chosen for the whole file would drop the others'
// accounts without a word. The file's read is the join of every such reader that claims it: all
// their accounts, all their refusals by line; a reader that fails refuses the whole file, naming
// it, so no program's accounts are ever imported as if they were all the file holds.
import { DumpError, type DumpFormat, type DumpResult } from './types.js';

/** `first` (the chosen reader's read) joined with the reads of `others`, the other container readers claiming the file. */
export async function withOtherPrograms(first: DumpResult, others: readonly DumpFormat[], read: (format: DumpFormat) => Promise<DumpResult>, file: string): Promise<DumpResult> {
  if (others.length === 0) return first;
  const reads = [first];
  for (const format of others) {
    try {
      reads.push(await read(format));
    } catch (err) {
      // The reader's own words, its line named as `line N` (DumpError puts the file before them).
      const why = err instanceof DumpError ? err.message.slice(err.file.length + 1).replace(/^(\d+):/, 'line $1:').trim() : 'it failed';
      throw new DumpError(`runs several programs, and the ${format.name} reader could not read its program's containers beside ${first.format}'s (${why}); nothing imported`, file);
    }
  }
  const joined = reads.filter((r) => r.accounts.length > 0 || r.rejected.length > 0);
  if (joined.length < 2) return joined[0] ?? first;
  const byLine = <T extends { line: number }>(list: T[]) => list.sort((a, b) => a.line - b.line);
  const skipped = joined.flatMap((r) => r.skipped ?? []);
  const notes = joined.flatMap((r) => r.notes ?? []);
  return {
    format: joined.map((r) => r.format).join('+'),
    accounts: byLine(joined.flatMap((r) => r.accounts)),
    rejected: byLine(joined.flatMap((r) => r.rejected)),
    ...(skipped.length > 0 ? { skipped: byLine(skipped) } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
