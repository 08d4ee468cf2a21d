// Fields that mark a line as code, a path, a shell session, a link or a hash, however neatly it
// splits into a login and a password: `api.set_authentication(provider='ptc'` / `username=...`
// (a pgoapi script), `C` / `\Users\ash\accounts.txt` (a Windows path), `root@vps` / `~# python
// runserver.py` (a terminal pasted into a note), `webhook1` / `https://discordapp.com/...` (a
// config's link), `trainer01` / `5f4dcc3b...` (a leaked hash list: no password, only its digest),
// `pxuser1` / `$apr1$...` (a proxy server's htpasswd file: password-hashes.ts), `123456789` /
// `AAHdqTcv...` (a Telegram bot's token: bot-tokens.ts),
// `a4` / `5e:60:d1:22:9f` (a device's MAC address). No generator or seller writes such a login or
// password; an operator who has one can still force it with `import --format`.
import { socialHandleKind } from '../lists/social-handles.js';
import { isPasswordHash } from './password-hashes.js';
import { isTelegramToken } from './bot-tokens.js';
import type { LineKind } from '../types.js';

/** Characters of code, never of a login: PTC logins are letters, digits and `_.-`, Google logins addresses. */
const CODE_IN_LOGIN = /[()[\]{}<>'"=\\`$~]/;
const DRIVE_PATH = /^[\\/]/;
const SHELL_PROMPT = /^[~/][^\s]*[#$](?:\s|$)/;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
const DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const MAC_REST = /^[0-9a-f]{2}(?::[0-9a-f]{2}){4}$/i;

/** What the login and password split from a line are instead of an account, or undefined. */
export function codeFieldKind(user: string, pass: string): LineKind | undefined {
  if (CODE_IN_LOGIN.test(user) || SHELL_PROMPT.test(pass)) return 'code';
  if (user.length === 1 && DRIVE_PATH.test(pass)) return 'code';
  if (URL_START.test(pass)) return 'url';
  // A hash (password-hashes.ts: Pgpool-II's one-block AES is 27 characters) or a key of 32 and more.
  if (isPasswordHash(pass) || (pass.length >= 32 && (DIGEST.test(pass) || isTelegramToken(user, pass)))) return 'key';
  if (user.length === 2 && MAC_REST.test(pass)) return 'code';
  // `twitter` / `@pokemongo`, `Discord` / `Shop#1234`: a seller's handle (social-handles.ts).
  return socialHandleKind(user, pass);
}
