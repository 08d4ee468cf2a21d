// Dragonite's accounts, as its admin's "Import multiple accounts" page takes them: CSV pasted into
// a text area, "one account per line", `username,password` (UnownHash/dragonite-admin
// client/src/features/account/account-import.tsx, read in the bundle UnownHash/Dragonite-Public
// commit 112693e deploys; Dragonite itself is closed source). The page parses the text with
// PapaParse's defaults and sends `{accounts: [{username, password}], default_level, provider}`:
// one level and one provider (the form's) for the whole batch, each row's first two fields as
// Papa gives them (never trimmed), a row without both skipped.
//
// PapaParse (5.x, as bundled): a leading U+FEFF dropped; the line ending guessed (`\r` in the text
// can make it `\r` or `\r\n`); the delimiter guessed from the first 10 rows among `,`, tab, `|`,
// `;`, U+001E and U+001F (the one whose rows have the steadiest field count, over 1.99 fields a
// row; else `,`); a field starting with `"` read as quoted. So a login or password holding a comma
// or a line break, or starting with `"`, and a login starting with U+FEFF, is read otherwise; one
// holding another candidate (`;` `|` tab U+001E U+001F) is, when enough of the first 10 rows hold
// it to sway the guess (`a;b;c` in each): every one is left out and named, rather than the batch's
// guess computed (stricter than needed for a lone `;`). Its devices log in with PTC here (the batch's
// provider is one: Google accounts are left out). Dragonite's own columns are not public.
import type { Account } from '../../model.js';
import { NO_PASSWORD, notUnicodeProblem, refuseUncarried } from '../carry.js';
import { NOT_PTC } from './successor-accounts.js';

/** PapaParse's delimiter candidates and the line breaks. */
const PAPA_SEPARATOR = /[,\t|;\x1e\x1f\r\n]/;

/** Why Dragonite's admin import would not read this account as it is (undefined: it would). Never quotes a value. */
export function dragoniteProblem(account: Pick<Account, 'username' | 'password' | 'provider'>): string | undefined {
  if (account.password === undefined) return NO_PASSWORD;
  if (account.provider !== 'ptc') return NOT_PTC;
  for (const [field, value] of [['username', account.username], ['password', account.password]] as const) {
    if (value === '') return `its ${field} is empty`;
    if (PAPA_SEPARATOR.test(value)) return `its ${field} contains a \`,\`, \`;\`, \`|\`, a tab, a line break or a control character Dragonite's import may take for a separator`;
    if (value.startsWith('"')) return `its ${field} starts with \`"\`, which Dragonite's import reads as CSV quoting`;
    const notUnicode = notUnicodeProblem(field, value);
    if (notUnicode) return notUnicode;
  }
  if (account.username.startsWith('\ufeff')) return "its username starts with a byte-order mark, which Dragonite's import drops";
  return undefined;
}

/** `username,password` lines for Dragonite's admin import; refuses an account dragoniteProblem names. */
export function writeDragonite(accounts: Account[]): string {
  refuseUncarried(accounts, dragoniteProblem, 'Dragonite');
  return accounts.map((a) => `${a.username},${a.password}\n`).join('');
}
