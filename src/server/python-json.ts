// Python's json.dumps writes a float that is not a number as the bare words NaN, Infinity and
// -Infinity (allow_nan=True is its default), and PGPool's json.loads read them back; JSON.parse
// refuses them, which would refuse a whole release a scanner posted with one odd statistic (a
// `walked` of nan) and leave its hold running until the timeout. So a body JSON.parse refuses is
// read once more with those words, outside strings, turned into the strings "NaN", "Infinity",
// "-Infinity": a number column then ignores the value (it is not finite), and a flag reads it as
// Python's bool() does (true).

const WORDS = ['-Infinity', 'Infinity', 'NaN'];

/** `text` with Python's bare NaN/Infinity/-Infinity values quoted, or undefined when it has none. */
export function quotePythonConstants(text: string): string | undefined {
  let out = '';
  let from = 0;
  let inString = false;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++; // the escaped character cannot end the string
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== 'N' && c !== 'I' && c !== '-') continue;
    const word = WORDS.find((w) => text.startsWith(w, i));
    if (word === undefined) continue;
    out += `${text.slice(from, i)}"${word}"`;
    i += word.length - 1;
    from = i + 1;
    changed = true;
  }
  return changed ? out + text.slice(from) : undefined;
}
