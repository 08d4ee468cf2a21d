// RealDeviceMap's accounts, as its dashboard's Add Accounts page takes them: `username,password`
// lines pasted into its text area (RealDeviceMap/RealDeviceMap f82f1a7,
// resources/webroot/dashboard_accounts_add.mustache: "Format: username,password (Acceptable
// delimteres are: ',', ':', ';')", a level field of 0-80 and a group for the whole batch).
//
// Its parser, WebRequestHandler.swift addAccounts (line 3892): every `<br>` deleted, `\r\n` made
// `\n`, every `;` and `:` made `,`; the text split on `\n`, each row split on `,`, and a row kept
// only with exactly two fields, each trimmed of `.whitespaces` (Unicode Zs and tab) and neither
// empty; any other row is skipped without a word. The browser sends the text area with its line
// breaks as `\r\n` (a lone `\r` too: HTML's textarea normalises it). Modell/Account.swift
// insertAccountBatch stores them with `INSERT IGNORE` into `username varchar(32)`, `password
// varchar(32)` (resources/migrations/12.sql): an account RDM already holds keeps its old
// password, and a longer value is cut to 32 (IGNORE turns strict mode's error into a warning).
// So a login or password with `,` `;` `:` `<br>` or a line break, a blank at either end, or over
// 32 characters would be misread or dropped: such an account is left out and named.
import type { Account } from '../../model.js';
import { NO_PASSWORD, notUnicodeProblem, refuseUncarried } from '../carry.js';
import { columnProblem, NOT_PTC } from './successor-accounts.js';

/** `.whitespaces` of Swift's Foundation: Unicode's space separators and the tab. */
const SWIFT_WHITESPACE_AT_EDGE = /^[\p{Zs}\t]|[\p{Zs}\t]$/u;

/** Why RDM's Add Accounts would not store this account as it is (undefined: it would). Never quotes a value. */
export function rdmProblem(account: Pick<Account, 'username' | 'password' | 'provider'>): string | undefined {
  if (account.password === undefined) return NO_PASSWORD;
  if (account.provider !== 'ptc') return NOT_PTC;
  for (const [field, value] of [['username', account.username], ['password', account.password]] as const) {
    if (value === '') return `its ${field} is empty`;
    if (/[,;:]/.test(value)) return `its ${field} contains a \`,\`, \`;\` or \`:\`, which RealDeviceMap's form reads as the separator`;
    if (value.includes('<br>')) return `its ${field} contains \`<br>\`, which RealDeviceMap's form deletes`;
    if (/[\r\n]/.test(value)) return `its ${field} contains a line break`;
    if (SWIFT_WHITESPACE_AT_EDGE.test(value)) return `its ${field} starts or ends with a blank`;
    const notUnicode = notUnicodeProblem(field, value);
    if (notUnicode) return notUnicode;
  }
  return columnProblem(account, { username: 32, password: 32 }, "RealDeviceMap's account table (varchar(32))");
}

/** `username,password` lines for RDM's Add Accounts; refuses an account rdmProblem names. */
export function writeRdm(accounts: Account[]): string {
  refuseUncarried(accounts, rdmProblem, 'RealDeviceMap');
  return accounts.map((a) => `${a.username},${a.password}\n`).join('');
}
