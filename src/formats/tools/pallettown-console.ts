// What PalletTown prints while it makes accounts, and the log its account script appends to
// (parislarkins/PalletTown): `GUI.java` writes `accountcreate.py`, whose `log(name, str)` prints
// `[Worker 0]: ...` and appends the same line to `pallettown.log`; it ends a made account with
//   [Worker 1]: Account palletash102:P4llet!Town successfully created.
// (then a line holding a blank, and an empty one). `AccountCreator.java` hands that last line to
// `Log`, which prints it on the console after the time (`[14:22:47] `, `HH:mm:ss`). Around it stand
// the lines of every attempt, made or not: `  Username: ...` / `  Password: ...` printed BEFORE
// the attempt, `Attempting to create user NAME:PASSWORD. Opening browser...`, the proxies tried,
// `Account 1 failed`; with several workers their lines interleave. So only the success line,
// which names login and password together, is an account.
import { stripEnd } from '../decode.js';
import { parseSuccessLines } from './creator-success.js';
import type { DumpFormat, DumpInput, DumpResult } from '../types.js';

const SUCCESS = /^(?:\[\d{2}:\d{2}:\d{2}\][ \t]+)?\[[^\]\n]{1,60}\]:[ \t]*Account (\S+?):(.*) successfully created\.[ \t]*$/;
const WORDS = ' successfully created.';

/** A success line anywhere (a long run prints hundreds of progress lines first). */
export function detectPallettownConsole(input: DumpInput): number {
  const text = input.text;
  for (let at = text.indexOf(WORDS); at >= 0; at = text.indexOf(WORDS, at + 1)) {
    const start = text.lastIndexOf('\n', at) + 1;
    const end = text.indexOf('\n', at);
    if (SUCCESS.test(stripEnd(text.slice(start, end < 0 ? undefined : end)))) return 0.93;
  }
  return 0;
}

export function parsePallettownConsole(input: DumpInput): DumpResult {
  // `[DEBUG]:` lines repeat the script's output; its last line is printed again without it.
  return parseSuccessLines(input, 'pallettown-console', (line) => (line.includes('[DEBUG]:') ? null : SUCCESS.exec(line)));
}

export const pallettownConsole: DumpFormat = { name: 'pallettown-console', detect: detectPallettownConsole, parse: parsePallettownConsole };
