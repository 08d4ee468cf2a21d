// The line of an offset in a text, by a binary search of its newlines' offsets: a script's long
// array has each of its items looked up (shell-loops.ts, powershell-loops.ts), so no walk from the start each time.

/** The line (1-based) of each offset of `text`. */
export function lineFinder(text: string): (at: number) => number {
  const breaks: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) breaks.push(at);
  return (at) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
