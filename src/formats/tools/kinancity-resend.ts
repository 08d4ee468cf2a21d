// What Kneckter/KinanCity-Resend's resender.py prints before it resends PTC's activation mails
// (`parseFile`): `Lines in account data: N`, `Lines in links data: N`, then `The follow emails were
// not found in links: #username;password;email` and, for each account of KinanCity's result file
// whose address no KinanCity Mail link names, `print(username + ";" + email + ";" + password)`:
// the heading's order is not the lines' (the address second, the password last, everything after
// the second `;`). Then `Lines in return data: N`, N the number of lines printed, and while it
// resends, tqdm's bar (on stderr: in a copied terminal, not in a redirected stdout) and `Error 403
// when trying email:  ADDRESS`. Only the lines between the heading and the count are accounts;
// a count that does not match them says lines were lost or added: all refused, naming it.
import { splitLines, stripEnd } from '../decode.js';
import { lineProblem } from '../lists/account-line.js';
import { isAddress } from '../lists/line-kinds.js';
import type { DumpAccount, DumpResult, Rejection, Skipped } from '../types.js';

const HEADING = 'The follow emails were not found in links: #username;password;email';
const COUNT = /^Lines in (?:account|links|return) data: (\d+)$/;
/** tqdm's bar (`100%|##########| 2/2 [00:03<00:00,  1.49s/it]`, with `█` in a UTF-8 terminal) and resender's 403 line. */
const CHROME = /^\s*\d{1,3}%\|[^|]*\|\s*\d+\/\d+\s*\[[^\]]*\]|^Error 403 when trying email: /;

/** Whether the text is resender.py's console: its heading on a line of its own. */
export function isKinancityResend(text: string): boolean {
  const at = text.indexOf(HEADING);
  return at >= 0 && (at === 0 || text[at - 1] === '\n') && /^[ \t]*\r?(?:\n|$)/.test(text.slice(at + HEADING.length, at + HEADING.length + 64));
}

export function parseKinancityResend(text: string): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  const lines = splitLines(text);
  let inBlock = false;
  let said: { n: number; line: number } | undefined;
  const printed: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A copied terminal keeps tqdm's redraws as carriage returns: the last one is what was seen.
    const s = stripEnd(lines[i]!).split('\r').at(-1)!;
    const line = i + 1;
    if (s === '') continue;
    if (s === HEADING) {
      inBlock = true;
      skipped.push({ line, kind: 'header' });
      continue;
    }
    const count = COUNT.exec(s);
    if (count) {
      if (s.startsWith('Lines in return')) [inBlock, said] = [false, { n: Number(count[1]), line }];
      skipped.push({ line, kind: 'stats' });
      continue;
    }
    if (inBlock) {
      printed.push(line);
      const first = s.indexOf(';');
      const second = first < 0 ? -1 : s.indexOf(';', first + 1);
      const [username, email, password] = second < 0 ? [s, '', ''] : [s.slice(0, first), s.slice(first + 1, second), s.slice(second + 1)];
      const reason = second < 0 || !isAddress(email) ? 'not `username;email;password` as resender.py prints it under its heading' : lineProblem(username, password);
      if (reason) rejected.push({ line, reason });
      else accounts.push({ username, password, line, provider: 'ptc' });
      continue;
    }
    if (CHROME.test(s)) skipped.push({ line, kind: 'stats' });
    else rejected.push({ line, reason: 'a line resender.py does not print: unsure what it is' });
  }
  // `Lines in return data: 3` over two lines: one lost in the copy, or a line that is none of them.
  if (said && said.n !== printed.length) {
    const reason = `resender.py says ${said.n} accounts were not found in links (line ${said.line}), ${printed.length} lines stand under its heading: lines lost or added, unsure which are its; none imported`;
    return { format: 'kinancity-console', accounts: [], rejected: printed.map((line) => ({ line, reason })), skipped };
  }
  return { format: 'kinancity-console', accounts, rejected, skipped };
}
