// Another tool's options are never an account (issue 14 rule 4). Two readers take `-u USER -p PASS`
// options as a game login: pikaptcha.ts (its pkgo output, ` -u user -p pass`) and
// rocketmap-command.ts (RocketMap's and pgoapi's `-a -u -p`, a creator's options lines, another
// game tool's command). The same letters are every other tool's too: `mysql -u root -p`, `psql -U u
// -p 5432`, `ssh -p 22`, `redis-cli -p 6379`, `curl -u user:pass`, `docker login -u x -p y`. Both
// readers ask this one module what such a value or option is, so they no longer decide apart.
//
// A port is no game password: PTC refused a password of fewer than 6 characters (the creators
// check it before they post: jepayne1138/PTCAccount ptcaccount/accountcreator.py
// _validate_password, "Password must be between 6 and 15 characters"; Pikaptcha the same,
// sriyegna/Pikaptcha pikaptcha/accountcreator.py, before it appends ` -u USER -p PASS` to its
// file), and Google's sign-up 8. Pikaptcha's `-p/--password` (pikaptcha/console.py) and RocketMap's
// (RocketMap/RocketMap pogom/utils.py get_args) take the password verbatim, so their lines carry
// what PTC accepted. Every port, 1-65535 written in at most 5 digits, is shorter: a `-p` whose
// value is all digits and a port is another tool's port option, never an account lost. A password
// of 6 digits or more (`123456`, which the old 6-15 rule let through) is above every port and
// stays a password.

import { isPort } from './hosts.js';

/** A port number as an option's value: hosts.ts' port (1-5 digits, at most 65535), written without a leading zero (1-65535). */
export function isPortValue(value: string): boolean {
  return value[0] !== '0' && isPort(value);
}

/** Why a login whose password option holds a port is refused. */
export const PORT_PASSWORD_REASON =
  "its password option holds a port number (all digits, 1-65535), as a database's, ssh's or a proxy's `-p` does: another tool's options, never a game account (PTC's passwords are 6 characters or more)";

/**
 * An option word of another tool inside what a reader took as a password (`-u admin -p 8080 -h
 * db.local`): blanks, then a dash and 1-3 letters, then blanks or the end. Pikaptcha's pkgo line is
 * ` -u USER -p PASS` and nothing else (sriyegna/Pikaptcha pikaptcha/console.py), so such a word
 * there is another command's option, the line another tool's.
 */
const OPTION_WORD = /\s(-[A-Za-z]{1,3}|--[A-Za-z][\w-]*)(?=[\s=]|$)/;

/** The other tool's option a password holds, or undefined. */
export function optionInPassword(password: string): string | undefined {
  return OPTION_WORD.exec(password)?.[1];
}

/** Why a login whose password holds another option is refused. */
export function optionInPasswordReason(option: string): string {
  return `its password holds another option (\`${option}\`): a command line of another tool, never a game account`;
}
