// A program's saved settings, one `name:value` per line: PalletTown's `pallettown.config`
// (`userName:palletash`, `avPass:...`, `captchaKey:...`, `threads:5`), Java properties and the
// like. Some of its lines split like `user:pass` (`avPass` / its Gmail password), but the file as
// a whole is settings: every line opens with a digit-less name, no name comes twice, and most
// values are flags, numbers, paths or keys. A seller's list of digit-less logins has no such
// lines among its accounts, or too few to be most of them.
import { headLines, stripEnd } from '../decode.js';
import { nonAccountKind } from '../lists/line-kinds.js';

const SETTING_LINE = /^([A-Za-z][A-Za-z_.-]{0,40})[ \t]*[:=]/;

/** How many settings the file holds when it is a settings file (4 lines or more), else 0. */
export function settingsLines(text: string): number {
  const names = new Set<string>();
  let lines = 0;
  let settings = 0;
  for (const raw of headLines(text, 2000)) {
    const s = stripEnd(raw).trim();
    if (s === '' || s.startsWith('#') || s.startsWith(';')) continue;
    const m = SETTING_LINE.exec(s);
    if (!m) return 0;
    const name = m[1]!.toLowerCase();
    if (names.has(name)) return 0;
    names.add(name);
    lines++;
    const kind = nonAccountKind(s);
    if (kind === 'config' || kind === 'stats' || kind === 'key') settings++;
  }
  return lines >= 4 && settings * 2 > lines ? lines : 0;
}
