// PokemonBotManager's account list (priaonehaha/PokemonBotManagerConsole, July 2016):
// `PokemonBotManager/Pokemon/AccountList.cs` `LoadFromFile(string file = "PTCAccounts.txt")` reads
// each line with `line.Split(new[] { " - " }, StringSplitOptions.RemoveEmptyEntries)` as
// `new Account(acc[0], acc[2], acc[1], acc[3] == "True")`: `username - email - password - True`,
// the e-mail second and the password third (`Account(username, password, email, verified)`), the
// last field whether the e-mail was verified (`True`, anything else false). The bot logs in to PTC
// only (`BotSettings.cs`: `AuthType => AuthType.Ptc`). So the second field is never the password:
// a list reader splitting at the first separator would take the e-mail for it. A line of more
// fields (a password holding ` - `, which the tool cuts to its first piece) or fewer is refused
// by its line, as is any other line among them; the e-mail and the flag go beside the account as
// `email` (PGPool's name for it) and `verified` (the import keeps what it may: account-fields.ts).
import { eachLine } from '../decode.js';
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { lineProblem } from '../lists/account-line.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

const NAME = 'botmanager-ptc-accounts';
const SEPARATOR = ' - ';
/** `login - mail@host - ... - True`: the shape of the tool's line, however many ` - ` the password holds. */
// Blanks after the flag are the line's too: the tool then reads `True ` as not verified, the account still whole.
const SHAPED = /^[^\s@]+ - [^\s@]+@[^\s@]+ - .* - (?:True|False)[ \t]*$/;

function lines(text: string): string[] {
  return text.split('\n');
}

export function detectBotmanagerPtcAccounts(input: DumpInput): number {
  if (input.text.length > 50_000_000) return 0;
  let shaped = 0;
  let other = 0;
  // Line by line, never the whole file split: it stops after 200 lines (stop 52 I).
  for (const line of eachLine(input.text)) {
    if (line.trim() === '') continue;
    if (SHAPED.test(line)) shaped++;
    else other++;
    if (shaped + other >= 200) break;
  }
  // Most lines in the tool's shape: the other lines are refused by their line, never read as another list's.
  return shaped > 0 && shaped >= other * 2 ? 0.97 : 0;
}

export function parseBotmanagerPtcAccounts(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  lines(input.text).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    if (!SHAPED.test(raw)) {
      rejected.push({ line, reason: "not a PTCAccounts.txt line (`username - email - password - True`), as the rest of the file is: what it holds is unsure" });
      return;
    }
    const fields = raw.split(SEPARATOR).filter((f) => f !== '');
    if (fields.length !== 4) {
      rejected.push({ line, reason: "the password holds ` - `, the file's separator: the tool reads only its first piece, where it ends is unsure" });
      return;
    }
    const [username, email, password, verified] = fields as [string, string, string, string];
    if (isExampleAccount(username, password)) {
      rejected.push({ line, reason: EXAMPLE_REASON });
      return;
    }
    const problem = lineProblem(username, password);
    if (problem) {
      rejected.push({ line, reason: problem });
      return;
    }
    accounts.push({ username, password, provider: 'ptc', line, history: { email, verified: verified === 'True' } });
  });
  if (accounts.length === 0 && rejected.length === 0) throw new DumpError('no accounts found in a PTCAccounts.txt', input.name);
  return { format: NAME, accounts, rejected };
}

export const botmanagerPtcAccounts: DumpFormat = { name: NAME, detect: detectBotmanagerPtcAccounts, parse: parseBotmanagerPtcAccounts };
