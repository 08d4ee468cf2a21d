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
 * AHAAAAAAA/PokemonGo-Map `config/config.example.json` and `config/config.example.yml`), the numbered
 * rows of RocketMap's `accounts.csv.example` (`ptc,username1,password1`, also jophj/LureParty's and
 * interbiznw/PogoPlayer's), Ashex/pokemongo-map-docker's README (`USERNAME=UserName`,
 * `[user1, user2]` over `[password1, password]`), the same at a mail host (`username@gmail.com` of
 * ultrafunkamsterdam/PokeLevel's README), and a shell's unexpanded `${UserName}` where a value
 * should be. The bot readers refuse them, and so does every reader (choose.ts); no hint may lead to them.
 */
export function isExampleAccount(username: string, password: string): boolean {
  if (isShellReference(username) || isShellReference(password)) return true;
  if (isFieldToken(username) || isFieldToken(password)) return true;
  if (isBracedField(username) || isBracedField(password)) return true;
  if (isBlankedOut(username) || isBlankedOut(password)) return true;
  // A login written as a field's name (`ptc-account`) only over a password no owner chose: `test.user`,
  // `ptc_user42` or `my_account7` over `Zq8!rT5w` are logins someone made (stop 54 R's review).
  if (isFieldPhrase(password, PASSWORD_WORD) || (isFieldPhrase(loginOf(username), LOGIN_WORD) && templatePassword(password))) return true;
  // `google,username@gmail.com,password,Y` (ultrafunkamsterdam/PokeLevel's README): the template's login at a mail host.
  const at = username.indexOf('@');
  if (at > 0) return isExampleAccount(username.slice(0, at), password);
  // (A template row's password as a list splits it: `username2,password2,` keeps its line's trailing `,`.)
  const bare = password.replace(TRAILING_SEPARATORS, '');
  if (NUMBERED_USER.test(username) && (NUMBERED_PASSWORD.test(bare) || GLUED_TEMPLATE.test(password))) return true;
  if ((META_WORD.test(username) || NUMBERED_USER.test(username)) && (META_WORD.test(bare) || (META_WORD.test(username) && NUMBERED_PASSWORD.test(bare)))) return true;
  if (/^agent\d$/.test(username) && password === 'pass') return true;
  if (username === 'test' && password === 'test') return true; // node-pogo-spawnscan-cdlm's `config.example.yaml`
  return TEMPLATE_USER.test(username) || TEMPLATE_PASSWORD.test(password) || password === 'Password';
}

/**
 * A template's own login and password words: `YOUR_USERNAME`, `your-account1` (at `example.com` in
 * Aery9527/d2r-multiboxing's accounts.csv), `yourptcusername` / `yourptcpassword` (NecroBot's wiki),
 * `your-password-here`, `sample_username2`; a sample config's `changeme` (BasouKazuma/pokemon-go-node-
 * slack-notifier `config.sample2.json`, its webhook `CHANGEME` too), `replace_me`: no PTC password
 * lacks a digit.
 */
const TEMPLATE_USER = /^(?:username|someusername|my_?username|your[-_]?(?:ptc|google)?[-_]?(?:username|user|account|email|login)\d*(?:[-_]?here)?|sample_username\d*)$/i;
const TEMPLATE_PASSWORD = /^(?:your[-_]?(?:ptc|google)?[-_]?(?:password|pass)(?:[-_]?here)?|my_?super_?strong_?password|sample_password\d*|change[-_]?me|replace[-_]?me)$/i;

/** Why a template's row is refused, on its line. */
export const EXAMPLE_REASON = "the example's placeholder, not an account";

/**
 * Why a command a document shows (`Example: \`python runserver.py -u thunderfox01 ...\``) is refused, on
 * its line. A file holding one is a document: no other reader is named as the way through, which
 * would take its other examples (the same page's `config.ini` and CSV blocks) for accounts.
 */
export const DOCUMENT_EXAMPLE_REASON = "a document's example of the command (`Example:` before it), not an account";

/**
 * `user1`, `username2`, `login3`, `account`: a template's login, with a password as plainly one (below);
 * also behind a provider's word (`google.user1`, RocketMap/RocketMap#1284's accounts.csv) and the
 * words a pasted config's owner types for a login they will not show (`test@gmail.com` over
 * `password`, BoBeR182/PoGoBoWo#72; `sample` over `password`, vincent815/pokemogobotbot's auth.json).
 */
const NUMBERED_USER = /^(?:(?:ptc|google|gmail|my|your)[-_.]?)?(?:user|username|login|account|test|sample|example|demo)_?\d*$/i;
/** `pass1`, `password1`, `password`, `passwd`, `pw2`: what stands in a template's password column. */
const NUMBERED_PASSWORD = /^(?:pass|password|passwd|pw)_?\d*$/i;
/**
 * A template's numbered rows pasted glued on one line (`Username1:password1Username2:password2...`,
 * favll/pogom#135, what a user typed in pogom's accounts form): split at its first separator, the
 * password is the template's `password1` with more template rows glued after it. Each glued row
 * must be a template's login over a template's password, so `pass1user2:pass2` is, `pass1Q:x` is not.
 */
const GLUED_TEMPLATE = /^(?:pass|password|passwd|pw)_?\d*(?:(?:(?:ptc|google|gmail|my|your)[-_.]?)?(?:user|username|login|account|test|sample|example|demo)_?\d*[:;,| \t](?:pass|password|passwd|pw)_?\d*)+(?:\.{2,}|\u2026)?$/i;

/** The separators a list's line may end with after a template's password (`username2,password2,`). */
const TRAILING_SEPARATORS = /[,;:|]+$/;

/**
 * Programmers' placeholder words, numbered or not: RocketMap/RocketMap#381's config.ini
 * `username: [foo1, foo2, ... foo10]` over `password: foobar`, as its author typed it to show
 * the lists' shape. Only a template's login over one of these (or one of these over a
 * template's password) is refused: `foo7` over `Zq8!rT5w` is a login someone chose.
 */
const META_WORD = /^(?:foo|bar|baz|qux|quux|foobar|foobaz|hoge|fuga|piyo)_?\d*$/i;

/**
 * A template engine's placeholder naming the field where its value goes: `{username}`,
 * `{{ password }}`, `<username>`, `[password]` (a shop bot's delivery template in its README:
 * `Username: {username}`). Braces or brackets around a field's name alone, never a value.
 */
function isBracedField(value: string): boolean {
  const c = value.charCodeAt(0);
  if (c !== 123 && c !== 60 && c !== 91) return false;
  const m = /^(?:\{\{?\s*|<|\[)([A-Za-z][A-Za-z0-9_.-]*)(?:\s*\}\}?|>|\])$/.exec(value);
  return m !== null && m[1]!.split(/[_.-]/).some((part) => FIELD_WORD.test(part.replace(/\d+$/, '')));
}

/**
 * The words a template's token is made of when it names the field it stands for: `TEMPL_USERNAME`,
 * `ACCOUNT_NAME`, `PTC_PASS`, `%Password%`, `$POKE_USER`.
 */
const FIELD_WORD = /^(?:user|users|username|uname|login|account|acct|acc|email|mail|name|pass|password|passwd|pwd|pw)$/i;

/** `TEMPL_USERNAME`, `PTC_PASS1`: capitals and digits in parts joined by `_`, one part a field's word (its digits aside). */
const CAPS_TOKEN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** `%Username%`, `%PTC_PASS%`: a batch file's or a template engine's variable. */
const PERCENT_TOKEN = /^%[A-Za-z_][A-Za-z0-9_]*%$/;
/** `$1`, `$USER`, `$poke_pass`: a shell's variable left unexpanded (`$Money` is a password: no field's word). */
const DOLLAR_TOKEN = /^\$(?:\d|[A-Za-z_][A-Za-z0-9_]*)$/;

const namesField = (token: string) => token.split('_').some((part) => FIELD_WORD.test(part.replace(/\d+$/, '')));

/**
 * A script's substitution token where the value goes, never filled in: giubil/Pokemongo-bot-scripts
 * `pokemongobot-multi/config.json.templ.map` (`"username": "TEMPL_USERNAME"`, replaced by its
 * script with each account of its `accounts` file), a batch file's `-u %Username% -p %Password%`, a
 * shell's `-u $1 -p $2`. Such a value is a name of the field, never a login or a password.
 */
function isFieldToken(value: string): boolean {
  const c = value.charCodeAt(0);
  if (c === 37) return PERCENT_TOKEN.test(value) && namesField(value.slice(1, -1));
  if (c === 36) return DOLLAR_TOKEN.test(value) && (/^\$\d$/.test(value) || namesField(value.slice(1)));
  return c >= 65 && c <= 90 && CAPS_TOKEN.test(value) && namesField(value);
}

/**
 * What an operator writes over a login or a password before pasting a config where others see it
 * (PokemonGoF/PokemonGo-Bot#784's `"username": "xx"`, #1398's `xx@gmail.com`, NecroBot#1787's `XXX`,
 * a `*****` login): a run of one letter `x`, of stars, bullets, `?` or `#`, or dots. No login is that;
 * the account it stood for is not in the file.
 */
const BLANKED = /^(?:x{2,}|X{2,}|[*\u2022\u25cf]{2,}|\?{2,}|#{2,}|\.{3,}|\u2026)$/;
function isBlankedOut(value: string): boolean {
  const c = value.charCodeAt(0);
  return (c === 120 || c === 88 || c === 42 || c === 63 || c === 35 || c === 46 || c >= 0x2022) && BLANKED.test(value);
}

/** The words a template's field name is made of besides the field's own (`ptc-account`, `my-password`, `google_user`). */
const PHRASE_WORD = /^(?:your|my|ptc|google|gmail|sample|example|test|demo|dummy|fake)$/i;

/**
 * A field's name written where its value goes, in words joined by `-`, `_`, `.` or a blank:
 * ahmed-machine/PokemonGo-Map#3078's `username=google-account@gmail.com` / `password=google-password`
 * and `username=ptc-account` / `password=ptc-password`, jabbink/PokemonGoBot#810's `my-username`.
 * Two words or more, each a field's word (user, password...) or one of a template's (your, ptc,
 * sample...), the last naming the field of its side (`names`: a login's word for a login, a
 * password's for a password): `ash_k3tch01`, `Mr_Smith99` and `yourfriend99` are logins, and
 * `pw-acc1` (the password of acc1, as the tests and many operators' own lists write one) is a
 * password: the name it ends with is the login's, not a password field's (stop 54: it had refused
 * every account of such a list).
 */
function isFieldPhrase(value: string, names: RegExp): boolean {
  if (value.length > 40 || !/[-_. ]/.test(value)) return false;
  const parts = value.split(/[-_. ]+/).map((p) => p.replace(/\d+$/, ''));
  if (parts.length < 2 || parts.some((p) => p === '') || !names.test(parts[parts.length - 1]!)) return false;
  for (const p of parts) if (!FIELD_WORD.test(p) && !PHRASE_WORD.test(p)) return false;
  return true;
}

/** A password field's words, and a login field's (FIELD_WORD's two halves). */
const PASSWORD_WORD = /^(?:pass|password|passwd|pwd|pw)$/i;
const LOGIN_WORD = /^(?:user|users|username|uname|login|account|acct|acc|email|mail|name)$/i;

/** `username`'s part before a mail host's `@` (`google-account@gmail.com`: `google-account`). */
function loginOf(username: string): string {
  const at = username.indexOf('@');
  return at > 0 ? username.slice(0, at) : username;
}

/** A password as plainly a template's as a field's name for a login needs beside it (`ptc-password`, `pass1`, `password`). */
function templatePassword(password: string): boolean {
  return isFieldPhrase(password, PASSWORD_WORD) || NUMBERED_PASSWORD.test(password) || TEMPLATE_PASSWORD.test(password) || isBlankedOut(password) || password === 'Password';
}

/** `${UserName}`, `${PTC_PASS}`: a shell's or a template's variable written where the value goes, never expanded. */
function isShellReference(value: string): boolean {
  return value.charCodeAt(0) === 36 && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);
}
