// Start-Process's `-ArgumentList` given as an array: `Start-Process python -ArgumentList
// "runserver.py","-u",$u,"-p",$p` or `-ArgumentList @("runserver.py", "-u", $c.Username, ...)`.
// PowerShell joins the items with one blank each and hands the program that single string
// (PowerShell/PowerShell src/Microsoft.PowerShell.Commands.Management/commands/management/Process.cs:
// `startInfo.Arguments = string.Join(' ', ArgumentList)`; MicrosoftDocs/PowerShell-Docs#7701: no
// item is quoted), so the array is the one-string form `-ArgumentList "runserver.py -u $u -p $p"`
// (rocketmap-command.ts reads that, refusing a value whose blank or quote the program splits again).

/** One item as PowerShell writes it in argument mode: a quoted string, a variable (a member, an index), `$( )`, or a bare word. */
const ITEM = /"(?:[^"`]|`.|"")*"|'(?:[^']|'')*'|\$\([^()]*\)|\$[\w:]+(?:\.\w+|\[[^\]]*\])*|[^\s,"'()@$`{}]+/y;
const PARAMETER = /(?:^|\s)-Arg(?:s|u(?:m(?:e(?:n(?:t(?:L(?:i(?:st?)?)?)?)?)?)?)?)?\s+(@\(\s*)?/gi;

/** Why an array's item leaves the program's words unsure: Start-Process quotes nothing, the program splits the joined line again. */
export const SPLIT_AGAIN = "an -ArgumentList item holds a blank, a quote or a backtick escape; Start-Process joins the items with blanks and quotes none, so the program splits that line again: which words it got is unsure; fix the line by hand";

/**
 * The command line Start-Process gives the program for a line's `-ArgumentList` array of two items or
 * more, the items' text as written (a variable left as its word, for the loop that gives it a value);
 * `{ problem }` where an item written with a blank, a quote or an escape makes the program's words
 * unsure; undefined where the line holds no such array.
 */
export function argumentListString(line: string): string | { problem: string } | undefined {
  for (const m of line.matchAll(PARAMETER)) {
    const items: (string | undefined)[] = [];
    let at = m.index + m[0].length;
    for (;;) {
      ITEM.lastIndex = at;
      const item = ITEM.exec(line);
      if (!item) break;
      items.push(itemText(item[0]));
      at = ITEM.lastIndex;
      const comma = /^\s*,\s*/.exec(line.slice(at));
      if (!comma) break;
      at += comma[0].length;
    }
    // `@(` needs its `)`; after the array only blanks, another parameter or the loop's brace.
    const rest = line.slice(at);
    if (m[1] !== undefined ? !/^\s*\)(?:\s|$)/.test(rest) : !/^(?:\s|$|\})/.test(rest)) continue;
    if (items.length < 2) continue;
    return items.every((t) => t !== undefined) ? items.join(' ') : { problem: SPLIT_AGAIN };
  }
  return undefined;
}

/**
 * The item's text as PowerShell gives it (about_Quoting_Rules: `''` one quote inside single quotes,
 * whose `$` is a `$`), or undefined where it holds what the program would split or read again.
 */
function itemText(item: string): string | undefined {
  const text = item.startsWith("'") ? item.slice(1, -1).replace(/''/g, "'") : item.startsWith('"') ? item.slice(1, -1) : item;
  return /[\s"'`]/.test(text) ? undefined : text;
}

/** A line opening `-ArgumentList @(` and leaving it open: its items follow, one or more a line. */
const OPEN_ARRAY = /(?:^|\s)-Arg\w*\s+@\(\s*(?:#[^"']*)?`?\s*$/i;

/**
 * The lines with each `-ArgumentList @(` array written over several lines (one item a line, a `#`
 * comment, a backtick at a line's end, as a script's author lays a long command out) joined onto
 * its opening line, the lines it took left blank: the same array on one line, read as such (stop
 * 65 L: the items below the opening line were never read). In `@( )` a new line ends an item as a
 * comma does (about_Arrays). An array not closed within 60 lines, or holding a line that is no
 * item list, is left as written.
 */
export function withArraysJoined(lines: readonly string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    // Cheap first look: most files hold no `@(`.
    if (!lines[i]!.includes('@(') || !OPEN_ARRAY.test(lines[i]!)) continue;
    const items: string[] = [];
    for (let j = i + 1; j < lines.length && j <= i + 60; j++) {
      const s = withoutComment(lines[j]!).replace(/`$/, '').trim();
      if (s === '') continue;
      if (s.startsWith(')')) {
        out ??= [...lines];
        out[i] = `${lines[i]!.replace(/@\(.*$/, '@(')}${items.join(',')}${s}`;
        for (let k = i + 1; k <= j; k++) out[k] = '';
        i = j;
        break;
      }
      const item = s.replace(/,$/, '');
      if (!isItemList(item)) break;
      items.push(item);
    }
  }
  return out ?? (lines as string[]);
}

/** `s` is items and commas only (`"-u", $u`), as an array's line holds. */
function isItemList(s: string): boolean {
  for (let at = 0; ; ) {
    ITEM.lastIndex = at;
    if (!ITEM.exec(s)) return false;
    at = ITEM.lastIndex;
    const comma = /^\s*,\s*/.exec(s.slice(at));
    if (!comma) return at === s.length;
    at += comma[0].length;
  }
}

/** The line without a `#` comment after its items; a `#` inside a quoted item (`"Pw#1"`) is the item's. */
function withoutComment(line: string): string {
  const t = line.trim();
  if (t.startsWith('#')) return '';
  const at = t.search(/\s#/);
  if (at < 0) return t;
  const before = t.slice(0, at);
  return (before.split('"').length - 1) % 2 === 0 && (before.split("'").length - 1) % 2 === 0 ? before : t;
}
