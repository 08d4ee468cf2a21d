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
