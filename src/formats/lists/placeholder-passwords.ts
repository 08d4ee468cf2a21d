// What stands where a password should be and is none: a mask (`********`, `••••••`), as a shop's
// order page or customer-account mail shows a password it hides, and a label's note instead of a
// value (`Password: (the one you chose at checkout)`, `Password: see attachment`, `hidden`). Read
// as passwords, a shop's welcome mail gave the buyer's shop login as an account with `********`.

/** Mask characters: `*`, bullets and dots as browsers and mail templates draw a hidden password. */
const MASK = /^[*\u2022\u25cf\u2219\u00b7\u25e6\u26ab\uff0a]{3,}$/;

/** A hidden password (`********`, `●●●●●●`): no login takes it. Cheap for the usual password (its first character decides). */
export function isMaskedPassword(p: string): boolean {
  const c = p.charCodeAt(0);
  return (c === 42 || c === 0xb7 || c >= 0x2022) && MASK.test(p);
}

/** The words shops write after `Password:` instead of one. */
const NOTE = /^(?:hidden|not shown|\[?hidden\]?|n\/a|none|same as (?:above|before|the username|username|your username)|see (?:above|below|attached(?: file)?|(?:the )?attachment|your (?:e-?mail|account))|sent separately|(?:in|see) the (?:next|other|previous) (?:e-?mail|message|mail))\.?$/i;

/**
 * What a label's value is instead of a password, or undefined when it may be one: a mask, a note
 * in brackets with a blank inside (`(the one you chose at checkout)`, `[sent by SMS]`), or one of
 * the shops' words for "not here" (`hidden`, `see attachment`).
 */
export function placeholderPassword(value: string): string | undefined {
  const v = value.trim();
  if (isMaskedPassword(v)) return 'a hidden password (a mask)';
  if (/^[([{<].*\s.*[)\]}>]$/.test(v) && !/[)\]}>].*[([{<]/.test(v.slice(1, -1))) return 'a note in brackets';
  return NOTE.test(v) ? 'a note' : undefined;
}

/**
 * The example files' own values: a bot never set up (poketrainer's `Username`/`Password`, PogoGen's
 * `sample_username`, PGO-mapscan-opt's `agent0`...`agent4` with `pass`, spawnScan's `user1`/`pass1`, cdlm's
 * `test`/`test`, OpenPoGoBot's `YOUR_USERNAME`, PokemonGo-Map's `MyUsername`/`MySuperStrongPassword` of
 * AHAAAAAAA/PokemonGo-Map `config/config.example.json`). The bot readers refuse them; no hint may lead to them.
 */
export function isExampleAccount(username: string, password: string): boolean {
  if (/^agent\d$/.test(username) && password === 'pass') return true;
  if (/^user\d$/.test(username) && /^pass\d$/.test(password)) return true; // spawnScan's `user1`/`pass1`
  if (username === 'test' && password === 'test') return true; // node-pogo-spawnscan-cdlm's `config.example.yaml`
  return /^(?:username|someusername|my_?username|your_?username|sample_username\d*)$/i.test(username) || /^(?:your_?password|my_?super_?strong_?password|sample_password\d*)$/i.test(password) || password === 'Password';
}
