// A login that is exactly a network's name (`discord:Pass1`, `twitter:Secret9`) in a list of
// accounts. Alone, such a line reads as a shop's contact line (social-handles.ts) and is refused;
// the list around it tells the two apart. A shop's handles sit in a footer, after a blank line,
// among prose and other handles, often with a blank after the colon; an account sits in the run
// of accounts, shaped like them. So a line refused as a handle is an account when its value is no
// handle's (`@shop`, `Shop#1234`), it has the list's separator and padding, the run of lines it is
// in (between blank lines) holds accounts and nothing refused, with accounts both above and below
// it (a footer's edge is no account's place), and the file is plainly accounts.
import { isSpaceAt, lineSep, type Layout } from './account-line.js';
import { networkLogin } from './social-handles.js';

/** A line refused as a handle, with the text the list reader split. */
export interface HandleLine {
  i: number;
  s: string;
}

/** The line has the list's separator and padding, and its login is a network's name alone. */
function shapedLikeTheList(s: string, layout: Layout): boolean {
  const sep = lineSep(s);
  if (sep !== layout.sep) return false;
  const at = s.indexOf(sep);
  if (sep !== ' ' && isSpaceAt(s, at + 1) !== layout.padded) return false;
  return networkLogin(s.slice(0, at), s.slice(at + 1));
}

/** What a line of the file is, to the reader: no content, an account, or anything else. */
export type LineRole = 'blank' | 'account' | 'other';

/**
 * The handle lines that are accounts of the list. `roleAt(i)` says what the reader made of line
 * `i` (0-based); `plainly`: the file is plainly a list of accounts (the reader's own measure).
 */
export function networkLoginLines(handles: HandleLine[], layout: Layout, lineCount: number, roleAt: (i: number) => LineRole, plainly: boolean): HandleLine[] {
  if (!plainly) return [];
  const candidates = handles.filter((h) => shapedLikeTheList(h.s, layout));
  const candidateAt = new Set(candidates.map((h) => h.i));
  /** The run of lines from `i` in `step` direction holds nothing else; `found` says whether it holds an account. */
  const clean = (i: number, step: number): { ok: boolean; found: boolean } => {
    let found = false;
    for (let j = i + step; j >= 0 && j < lineCount; j += step) {
      const role = candidateAt.has(j) ? 'candidate' : roleAt(j);
      if (role === 'blank') break;
      if (role === 'account') found = true;
      else if (role === 'other') return { ok: false, found };
    }
    return { ok: true, found };
  };
  // Between accounts on both sides: a shop's handle right under its stock, or above it, with no
  // blank line between (`...\nbrock_3:Onix!3\ndiscord:pogoshop1`), sits where a footer or a
  // header does, and is never taken for an account (it is rejected with its line instead).
  return candidates.filter((h) => {
    const up = clean(h.i, -1);
    const down = clean(h.i, 1);
    return up.ok && down.ok && up.found && down.found;
  });
}

/**
 * What a rejected handle line that could be such a login says, so that an operator whose
 * account it is knows how to get it in (`shapedLikeTheList` lines the list did not adopt).
 */
export function networkLoginHint(s: string, layout: Layout): string | undefined {
  return shapedLikeTheList(s, layout) ? ' (a login that is a network\'s name alone is read only between other accounts of the list: move the line among them)' : undefined;
}

/** The layout with network logins allowed (account-line.ts), for an adopted line. */
export function withNetworkLogins<T extends Layout & { columns?: Layout }>(layout: T): T {
  return { ...layout, networkLogins: true, ...(layout.columns ? { columns: { ...layout.columns, networkLogins: true } } : {}) };
}
