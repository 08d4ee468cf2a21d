// A JSON config's line numbers: JSON.parse forgets where a key stood, and a refusal or an account
// must name its line, so the key's occurrences are found in the text itself.

/** The 1-based lines of a key's occurrences (`"key":`, any case), in order. */
export function keyLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(new RegExp(`"${key}"\\s*:`, 'gi'))) {
    for (; counted < m.index; counted++) if (text.charCodeAt(counted) === 10) line++;
    lines.push(line);
  }
  return lines;
}
