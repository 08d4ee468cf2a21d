// The line of an offset in a text: a script's long array has each of its items looked up
// (shell-loops.ts, powershell-loops.ts), so no walk from the start each time. The lines' starts
// are indexed once, as TextLines (text-lines.ts) indexes them for the readers that look back.
import { TextLines } from './text-lines.js';

/** The line (1-based) of each offset of `text`. */
export function lineFinder(text: string): (at: number) => number {
  const lines = new TextLines(text);
  return (at) => lines.lineOf(at);
}
