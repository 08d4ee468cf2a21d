// A systemd unit's `Environment=` line as systemd reads it (systemd.exec(5) "Environment=": a
// space-separated list of assignments, a value holding blanks or `=` quoted whole, `"VAR1=word1
// word2" VAR2=word3`; no `$` expansion; specifiers expanded, `%%` one `%`; systemd's
// extract_first_word with EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE: quotes taken out, C escapes read).
// Before stop 61 the line's rest was one value: two assignments on one line read as one.

export interface UnitAssignment {
  name: string;
  /** The value the service gets, or undefined where systemd would change it in ways not read here. */
  value: string | undefined;
  problem?: string;
}

/** The `Environment=` line's assignments, or undefined for any other line. */
export function systemdEnvironment(line: string): UnitAssignment[] | undefined {
  const m = /^\s*Environment\s*=\s*(.*)$/.exec(line);
  if (!m) return undefined;
  const out: UnitAssignment[] = [];
  const rest = m[1]!;
  let k = 0;
  while (k < rest.length) {
    while (k < rest.length && /\s/.test(rest[k]!)) k++;
    if (k >= rest.length) break;
    let word = '';
    let unsure: string | undefined;
    for (; k < rest.length && !/\s/.test(rest[k]!); k++) {
      const c = rest[k]!;
      if (c === '"' || c === "'") {
        let j = k + 1;
        for (; j < rest.length && rest[j] !== c; j++) {
          if (rest[j] === '\\') {
            const next = rest[++j];
            // `\\`, `\"`, `\'` are the character; any other C escape (`\n`, `\x41`) is left to the operator.
            if (next === '\\' || next === '"' || next === "'") word += next;
            else unsure = 'a backslash escape, which systemd reads as C does';
          } else word += rest[j];
        }
        if (j >= rest.length) unsure = 'a quote systemd finds no end of';
        k = j;
      } else if (c === '\\') {
        const next = rest[++k];
        if (next === '\\' || next === '"' || next === "'") word += next;
        else unsure = 'a backslash escape, which systemd reads as C does';
      } else word += c;
    }
    const eq = word.indexOf('=');
    if (eq <= 0) continue;
    const raw = word.slice(eq + 1);
    // `%%` is one `%`; any other `%x` is a specifier systemd puts in (the unit's name, a home folder).
    if (!unsure && /%[^%]/.test(raw.replace(/%%/g, ''))) unsure = 'a `%` specifier, which systemd replaces (write `%%` for one `%`)';
    out.push({ name: word.slice(0, eq), value: unsure ? undefined : raw.replace(/%%/g, '%'), ...(unsure ? { problem: `the Environment= value holds ${unsure}: fix it by hand` } : {}) });
  }
  return out;
}
