// Checker and creator outputs whose verdict is in the file NAME, not in the lines: PGNumbra's
// accounts-blind.csv, Pogo-Account-Checker's temp_banned.txt, ... The lines are an ordinary
// dump (read by whichever reader fits); the name adds state and level.
import type { State } from '../../model.js';
import type { NestedReader } from '../mail/eml.js';
import { DumpError, type DumpAccount, type DumpFormat } from '../types.js';
import { describeContent } from '../not-accounts/describe-content.js';
import { checkerFileName, checkerLoginsFile, checkerLoginsRefusal, markCommand } from './checker-logins.js';

interface Verdict {
  /** Absent where the file tells no verdict, only a captcha or a failed check. */
  state?: State;
  level?: number;
  /** PGNumbra's accounts-captcha.csv: not banned, but the game asked for a captcha (kept as the account's `captcha` field, as Monocle's and PGPool's flag is). */
  captcha?: true;
  /** PGNumbra's accounts-error.csv: the check itself failed (a login error, a timeout): no verdict, a short retry time. */
  checkError?: true;
}

/**
 * PGNumbra (rakuuhwa/PGNumbra `shadowcheck.py`, `check_account`): accounts-good/-blind/-banned.csv
 * give the verdict; accounts-captcha.csv (not banned, no Pokémon seen, a captcha asked) the captcha
 * flag; accounts-error.csv (not banned, no captcha, no Pokémon seen: the login or the scan failed)
 * a failed check. PoGoAccountCheck: working.csv (its banned.txt and failed.txt: checker-logins.ts). Pogo-Account-Checker: not_banned[_L<level>].txt, banned.txt, temp_banned.txt,
 * wrong_credentials.txt, not_banned_tutorial.txt, tutorial[_L<level>].txt, locked.txt, not_activated.txt, error.txt. blindcheck: clean.csv, blinded.csv. CaptCharmander: ok.csv, ban.csv,
 * captcha.csv, error.csv. ShuckleTools' blindCheck: <account file>_banned/_clean/_blinded.csv. A
 * Monocle fork's export script: invalid.csv, underlevel.csv.
 */
const NUMBRA = {
  good: { state: 'ok' },
  blind: { state: 'blind' },
  banned: { state: 'perm_banned' },
  captcha: { captcha: true },
  error: { checkError: true },
} as const satisfies Record<string, Verdict>;

const CAPTCHARMANDER = new Map<string, Verdict>([
  ['ok.csv', { state: 'ok' }],
  ['ban.csv', { state: 'perm_banned' }],
  ['captcha.csv', { captcha: true }],
  ['error.csv', { checkError: true }],
]);

export function verdictOf(name: string): Verdict | undefined {
  const base = checkerFileName(name);
  const numbra = /^accounts-(good|blind|banned|captcha|error)\.csv$/.exec(base);
  if (numbra) return NUMBRA[numbra[1] as keyof typeof NUMBRA];
  // weizh888/PoGoAccountCheck `banned.py`: `provider,username,password` of an account that logged in, not banned.
  if (base === 'working.csv') return { state: 'ok' };
  // ArgentinoGuy/blindcheck `blindCheck.py` (after jasondinh/CaptCharmander): `username,password`
  // appended to `clean.csv` when a rare Pokémon was seen, to `blinded.csv` when none was.
  if (base === 'clean.csv' || base === 'blinded.csv') return { state: base === 'clean.csv' ? 'ok' : 'blind' };
  // CaptCharmander (andriantsoa/CaptCharmander `captCharmander.py`, a fork of jasondinh/CaptCharmander):
  // `username,password` appended to `ban.csv` (the login answered status 3, a ban), `captcha.csv`
  // (a captcha was asked; once solved the account is written to ok.csv too), `ok.csv` (fine, or its
  // captcha solved) and `error.csv` (no login after its retries: no verdict).
  const charmander = CAPTCHARMANDER.get(base);
  if (charmander) return charmander;
  // ShuckleTools' blindCheck (billyj85/ShuckleTools `common_blindcheck.py`): `ptc,username,password`
  // appended to the account file's own name plus `_banned.csv`, `_clean.csv` or `_blinded.csv`
  // (`accounts.csv_banned.csv`). Banned is a temp ban: the same check with its account database
  // calls `db_set_temp_banned`.
  const shuckle = /^.+\.[a-z0-9]{1,4}_(banned|clean|blinded)\.csv$/.exec(base);
  if (shuckle) return { state: ({ banned: 'temp_banned', clean: 'ok', blinded: 'blind' } as const)[shuckle[1] as 'banned'] };
  // A Monocle fork's scripts/export_accounts_csv.py (Noctem/Monocle's with two more lists): the
  // store's accounts with no level (never logged in as far as Monocle knows), left out of its
  // accounts.csv, appended to invalid.csv; those under level 2 to underlevel.csv (kept in use).
  if (base === 'invalid.csv') return { state: 'invalid' };
  if (base === 'underlevel.csv') return { level: 1 };
  // Pogo-Account-Checker's other files (AccountCheckingService.java, 2019; README.md since): an
  // account not banned whose tutorial is not done (`not_banned_tutorial.txt`, later `tutorial.txt`
  // and `tutorial_L<level>.txt`) is ok; a `locked.txt` account opens only after its password is
  // changed and a `not_activated.txt` one only after its mail's activation: neither logs in as it
  // stands (invalid); `error.txt` is a check that failed ten times (no verdict). Its `new.txt`
  // (never logged in to the game) states nothing.
  const pac = /^(not_banned_tutorial|tutorial(?:_l(\d{1,3}))?|locked|not_activated|error)\.txt$/.exec(base);
  if (pac) {
    if (pac[1] === 'locked' || pac[1] === 'not_activated') return { state: 'invalid' };
    if (pac[1] === 'error') return { checkError: true };
    return pac[2] ? { state: 'ok', level: Number(pac[2]) } : { state: 'ok' };
  }
  const checker = /^(not_banned(?:_l(\d{1,3}))?|banned|temp_banned|wrong_credentials)\.txt$/.exec(base);
  if (!checker) return undefined;
  if (checker[1]!.startsWith('not_banned')) return checker[2] ? { state: 'ok', level: Number(checker[2]) } : { state: 'ok' };
  return { state: ({ banned: 'perm_banned', temp_banned: 'temp_banned', wrong_credentials: 'invalid' } as const)[checker[1] as 'banned'] };
}

/**
 * A checker that wrote the usernames alone (PoGoAccountCheck's `banned.txt`: `appendFile(username,
 * 'banned.txt')`) states verdicts on accounts the pool already holds, with no password to import:
 * say what the file holds and the command that records those verdicts.
 */
function loginsHint(text: string, name: string, verdict: Verdict | undefined): string {
  const seen = describeContent(text);
  if (!seen) return '';
  const mark = verdict?.state && seen.includes('usernames without passwords') ? `; ${markCommand(name, verdict.state)}` : '';
  return `; ${seen}${mark}`;
}

/** What the lines themselves say (a jsonl state, a level column) is more specific than the name. */
function withVerdict(a: DumpAccount, verdict: Verdict): DumpAccount {
  const out: DumpAccount = { ...a };
  const state = a.state ?? verdict.state;
  if (state !== undefined) out.state = state;
  if (a.level === undefined && verdict.level !== undefined) out.level = verdict.level;
  if (verdict.captcha) out.history = { ...a.history, captcha: true };
  if (verdict.checkError && a.state === undefined) out.checkError = true;
  return out;
}

export function createVerdictFiles(readNested: NestedReader): DumpFormat {
  return {
    name: 'verdict',
    // Above every content reader: the name is the only place the verdict is written.
    // An archive member's name read in no code page with confidence states nothing (ArchiveMember.nameUnsure).
    detect: (input) => (!input.nameUnsure && (verdictOf(input.name) || checkerLoginsFile(input.name, input.text)) ? 0.99 : 0),
    async parse(input) {
      // A checker's usernames alone (PoGoAccountCheck's failed.txt): named for what it is.
      const logins = checkerLoginsFile(input.name, input.text);
      if (logins) throw new DumpError(checkerLoginsRefusal(input.name, logins), input.name);
      const verdict = input.nameUnsure ? undefined : verdictOf(input.name);
      const inner = await readNested(input, { exclude: ['verdict'] });
      if (!inner) throw new DumpError(`no accounts found in a checker output file${loginsHint(input.text, input.name, verdict)}`, input.name);
      if (!verdict) return inner;
      // What the lines themselves say (a jsonl state, a level column) is more specific than the name.
      const accounts = inner.accounts.map((a) => withVerdict(a, verdict));
      return { format: `verdict+${inner.format}`, accounts, rejected: inner.rejected };
    },
  };
}
