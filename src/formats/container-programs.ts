// A container file (a compose file, a Kubernetes manifest, an ECS task definition) may run several
// programs side by side: RocketMap beside benmag's or konjak's PokemonGo-Bot, PokemonGo-Map beside
// them. Each reader of a program's containers reads only its own (its image, its own variables:
// DumpFormat.ownContainers), so one reader chosen for the whole file would drop the others'
// accounts without a word. The file's read is the join of every such reader that claims it: all
// their accounts, all their refusals by line; a reader that fails refuses the whole file, naming
// it, so no program's accounts are ever imported as if they were all the file holds.
// A reader's detection looks at the file's head only (RocketMap's its first 200 lines): in a long
// compose file the scanner's service may lie past it, behind a bot's. So in a file of containers
// every such reader reads it, and one that did not claim it counts only for what it found there,
// its failure no refusal (it never said the file was its program's).
import { splitLines } from './decode.js';
import { containerSpans } from './tools/container-spans.js';
import { isComposeFile } from './tools/compose-interpolation.js';
import { DumpError, type DumpFormat, type DumpResult } from './types.js';

/**
 * `first` (the chosen reader's read) joined with the reads of `claiming`, the other container
 * readers that claim the file, and, in a file of containers, of `unclaimed`, those that did not.
 */
export async function withOtherPrograms(first: DumpResult, claiming: readonly DumpFormat[], unclaimed: readonly DumpFormat[], text: string, read: (format: DumpFormat) => Promise<DumpResult>, file: string): Promise<DumpResult> {
  const reads = [first];
  for (const format of claiming) {
    try {
      reads.push(await read(format));
    } catch (err) {
      // The reader's own words, its line named as `line N` (DumpError puts the file before them).
      const why = err instanceof DumpError ? err.message.slice(err.file.length + 1).replace(/^(\d+):/, 'line $1:').trim() : 'it failed';
      throw new DumpError(`runs several programs, and the ${format.name} reader could not read its program's containers beside ${first.format}'s (${why}); nothing imported`, file);
    }
  }
  if (unclaimed.length > 0 && containerSpans(splitLines(text)).length > 0) {
    for (const format of unclaimed) {
      const r = await read(format).catch(() => undefined);
      if (r) reads.push(r);
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

/** Images of the programs whose containers' accounts the readers read (their readers' own tests name them). */
const PROGRAM_IMAGES: [RegExp, string][] = [
  [/\bimage:\s*["']?[\w.\-/]*rocketmap[\w.\-/]*/i, 'RocketMap'],
  [/\bimage:\s*["']?ashex\/pokemongo-map\b/i, 'PokemonGo-Map'],
  [/\bimage:\s*["']?benmag\/(?:docker-)?pokemongo-bot\b/i, "PokemonGo-Bot (benmag's image)"],
  [/\bimage:\s*["']?konjak\/pokemongobot\b/i, "PokemonGoBot (konjak's image)"],
];

/**
 * A compose service running a known program of which the read found nothing, no account and no
 * refused line: said in a note, never passed over in silence (its login may be in a file not
 * given with this one, or it runs without one). A service taking its settings from elsewhere in the
 * file (a YAML anchor, `extends:`) is not judged by its own lines alone, so it is left out.
 */
export function withSilentContainers(result: DumpResult, text: string): DumpResult {
  if (result.accounts.length === 0 || !/^[\w.-]+:\s*$/m.test(text)) return result;
  const lines = splitLines(text);
  if (!isComposeFile(lines)) return result;
  const said = [...result.accounts, ...result.rejected].map((a) => a.line);
  const notes: string[] = [];
  for (const span of containerSpans(lines)) {
    if (!span.key.startsWith('service ')) continue;
    const own = lines.slice(span.from - 1, span.to);
    if (own.some((l) => /<<\s*:|:\s*\*[\w.-]|^\s*extends\s*:/.test(l))) continue;
    const program = PROGRAM_IMAGES.find(([image]) => own.some((l) => image.test(l)))?.[1];
    if (program && !said.some((line) => span.from <= line && line <= span.to)) {
      notes.push(`line ${span.from}: the service ${own[0]!.trim().replace(/:$/, '')} runs ${program}, and this file gives it no account (its login may be in a file not read with this one, such as an env file)`);
    }
  }
  return notes.length === 0 ? result : { ...result, notes: [...(result.notes ?? []), ...notes] };
}
