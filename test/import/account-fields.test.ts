// The rule of what a dump's fields beside the login a new account keeps (src/account-fields.ts),
// as the readers hand them over: a scanner table's flags, counters and times and the text columns
// whose meaning is known are kept, other text, lists and objects are not, and the import's note
// names what it dropped without showing a name that could be anything.
import fc from 'fast-check';
import { isIdentifierName } from '../../src/identifier-field-names.js';
import { describe, expect, it } from 'vitest';
import { fieldsNote, fieldsTextProblem, isKeptField, keptFields, unkeptFieldsOf, type FieldNames } from '../../src/account-fields.js';

const names = (): FieldNames => ({ kept: new Set(), dropped: new Set() });

describe('fields beside an account', () => {
  it("keeps a scanner's flags, numbers and times, and text only under a name whose meaning is known", () => {
    // NecroBot2's row (necrobot-db.test.ts), PGPool's (pgpool-accounts.tsv), pGo-create's `Date created`.
    for (const [name, value] of [['account_active', true], ['stardust', 12500], ['runtime_total', 95.5], ['last_modified', '2017-12-01 10:15:00'], ['state_at', '2026-11-20T10:00:00.000Z'], ['Date created', '2016-08-08 22:37:36'], ['nickname', 'NecroAsh'], ['team', 'mystic'], ['reason', 'code3'], ['instance_name', 'Worker#A1b']] as const) {
      expect(isKeptField(name, value), name).toBe(true);
    }
    for (const [name, value] of [['hash_key', 'HK7Q2M9X4V1B8N6C3Z5L0P'], ['note', 'from bob'], ['proxy', 'http://u:p@1.2.3.4:80'], ['stamp', '2017-12-01 and a key'], ['emailAccount', { sid_token: 'k9' }], ['tags', ['a']], ['ratio', Number.NaN], ['a"b', true], ['x\u001b[31m', 1], ['', true], ['_private', 1], ['source', 'kinancity']] as const) {
      expect(isKeptField(name, value), name).toBe(false);
    }
  });

  it('never keeps a field named for a credential, not even a number or a flag (a numeric token is a password by another name)', () => {
    // versx/NodeController's `ptcToken` (sql/schema.sql), OAuth's `access_token`/`refresh_token`, a session id, a database's password.
    for (const [name, value] of [['ptcToken', 8812736451], ['access_token', 123456789], ['session_id', 40213], ['Secret', true], ['cookie', 1], ['db_password', 1234], ['passwd', 9876]] as const) {
      expect(isKeptField(name, value), name).toBe(false);
    }
    const seen = names();
    expect(keptFields({ spins: 412, session_id: 40213 }, seen)).toEqual({ spins: 412 });
    expect([...seen.dropped]).toEqual(['session_id']);
  });

  it('gives back the same object when all is kept, and names both sides only where something was dropped', () => {
    const whole = { stardust: 1, captcha: true };
    const seen = names();
    expect(keptFields(whole, seen)).toBe(whole);
    expect(seen.kept.size + seen.dropped.size).toBe(0);
    expect(keptFields({}, seen)).toBeUndefined();
    expect(keptFields({ token: 'abc123def456' }, seen)).toBeUndefined();
    expect(keptFields({ captcha: true, api_key: 'AIzaSy0123456789' }, seen)).toEqual({ captcha: true });
    expect([...seen.kept]).toEqual(['captcha']);
    expect([...seen.dropped].sort()).toEqual(['api_key', 'token']);
  });

  it("the note names the dropped fields, counting those whose name it would not show", () => {
    const note = fieldsNote({ kept: new Set(['stardust', 'captcha']), dropped: new Set(['token', 'hash_key', 'x\u001b[31mred', 'k'.repeat(80)]) });
    expect(note).toMatch(/^fields beside the accounts: kept: captcha, stardust; not kept: hash_key, token, 2 fields with names not shown \(/);
    expect(note).not.toContain('\u001b');
  });

  // The names of what takes an account over or is a person's own data (every word of
  // withheld-field-names.ts TAKEOVER_WORDS and PERSONAL_WORDS), as words of any name in any spelling
  // a tool or a seller writes (snake, kebab, camel, Pascal, upper, blanks, dots, glued in lower or upper case).
  const TAKEOVER_OR_PERSONAL = [['pin'], ['pins'], ['pin', 'code'], ['pin', 'number'], ['phone'], ['phones'], ['phone', 'number'], ['telephone'], ['tel'], ['cell', 'phone'], ['mobile', 'number'], ['mobile', 'phone'], ['msisdn'], ['recovery'], ['recovery', 'code'], ['recovery', 'key'], ['recovery', 'email'], ['recovery', 'mail'], ['recovery', 'phone'], ['2fa'], ['two', 'fa'], ['two', 'factor'], ['two', 'step'], ['otp'], ['totp'], ['hotp'], ['mfa'], ['backup', 'codes'], ['backup', 'code'], ['backup', 'key'], ['security', 'answer'], ['security', 'question'], ['security', 'code'], ['secret', 'answer'], ['answer'], ['answers'], ['verification', 'code'], ['birthday'], ['birth'], ['birth', 'date'], ['date', 'of', 'birth'], ['dob'], ['ssn'], ['iban'], ['cvv'], ['cvc'], ['card', 'number'], ['credit', 'card'], ['real', 'name'], ['full', 'name'], ['first', 'name'], ['last', 'name'], ['surname']];
  // A scanner's fields (RocketMap's and PGPool's `level`, `team`, `banned`, `shadowbanned`, `warn`,
  // `last_modified`; Monocle's `created`, `captchaed`; play statistics), glued too: never withheld.
  const ORDINARY = [['level'], ['team'], ['lat'], ['lng'], ['banned'], ['shadowbanned'], ['created'], ['captchaed'], ['warn'], ['spins'], ['pinap', 'berries'], ['pokestops', 'spun'], ['telemetry'], ['warn', 'count'], ['stardust'], ['walked', 'km'], ['captcha'], ['last', 'modified'], ['pokemon', 'caught'], ['total', 'spins'], ['last', 'spin'], ['device', 'id'], ['nickname'], ['last', 'login'], ['first', 'seen']];
  const spell = (words: readonly string[], style: number) => {
    const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
    switch (style) {
      case 0: return words.join('_');
      case 1: return words.join('-');
      case 2: return words[0] + words.slice(1).map(cap).join('');
      case 3: return words.map(cap).join('');
      case 4: return words.join('_').toUpperCase();
      case 5: return words.map(cap).join(' ');
      case 6: return words.join('.');
      case 7: return words.join('');
      default: return words.join('').toUpperCase();
    }
  };
  const around = fc.constantFrom([], ['account'], ['ptc'], ['user'], ['acc', 'old'], ['google']);
  const aValue = fc.oneof(fc.integer({ min: 0, max: 99_999_999 }), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant('2017-07-22'));

  it('never keeps a PIN, a 2FA or recovery code, a security answer or a phone number, under any spelling of its name, even as a number or a flag', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TAKEOVER_OR_PERSONAL), around, fc.boolean(), fc.integer({ min: 0, max: 8 }), aValue, (stem, extra, before, style, value) => {
        const name = spell(before ? [...extra, ...stem] : [...stem, ...extra], style);
        expect(isKeptField(name, value), name).toBe(false);
        // Our own export keeps a pool's fields, but not these: a hand-added PIN is as bad as a leaked one.
        expect(isKeptField(name, value, true), name).toBe(false);
      }),
    );
  });

  it("keeps a scanner's numbers and flags under ordinary names in any spelling (words of the class inside other words are no match)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDINARY), fc.integer({ min: 0, max: 8 }), aValue, (words, style, value) => {
        const name = spell(words, style);
        expect(isKeptField(name, value), name).toBe(true);
      }),
    );
  });

  // A seller's or an operator's glued name with a word the dictionary does not know around the
  // withheld one (`trainerxpin`, `mainacc2pin`, `pinaccountz`): known words around one short stranger.
  const KNOWN_AROUND = ['trainer', 'account', 'ptc', 'main', 'acc', 'user', 'google', 'old', 'new', 'my'];
  const GLUED_WITHHELD = ['pin', 'pins', 'pincode', 'otp', 'mfa', 'twofactor', 'recoverycode', 'backupcode', 'phone', 'phonenumber', 'birthday', 'dob', 'ssn', 'securityanswer'];
  const stranger = fc.string({ unit: fc.constantFrom(...'bjkqxz'), minLength: 1, maxLength: 3 });

  it('never keeps a withheld word glued to known words around a short unknown piece, in any order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN_AROUND), stranger, fc.constantFrom(...GLUED_WITHHELD), fc.integer({ min: 0, max: 3 }), fc.boolean(), aValue, (known, odd, stem, order, upper, value) => {
        const pieces = [[known, odd, stem], [stem, odd, known], [odd, known, stem], [known, stem, odd]][order]!;
        const name = upper ? pieces.join('').toUpperCase() : pieces.join('');
        expect(isKeptField(name, value), name).toBe(false);
        expect(isKeptField(name, value, true), name).toBe(false);
      }),
    );
  });

  // The account columns of the scanners whose tables accountpool reads, as their code names them:
  // codename-art/PGPool `pgpool/models.py` Account; RealDeviceMap's `account` table (its
  // `Model/Account` and the SQL of its ports: `first_warning_timestamp` ... `last_used_timestamp`,
  // `group`, `last_uuid`, `last_instance`); sLoPPydrive/MrMime `mrmime/pogoaccount.py`
  // (`rareless_scans`, `inventory_lures`); Map-A-Droid `settings_pogoauth`; and words that hold a
  // withheld one meaning something else (`tailspin`, `pinned`, `pinsir`, `keypad`, `hotel`).
  // Glued in lower case, with a known word (`last`, `first`, `total`) beside them too: never withheld.
  const SCANNER_FIELDS = ['auth_service', 'last_modified', 'system_id', 'latitude', 'longitude', 'level', 'xp', 'encounters', 'balls_thrown', 'captures', 'spins', 'walked', 'team', 'coins', 'stardust', 'warn', 'banned', 'ban_flag', 'tutorial_state', 'captcha', 'rareless_scans', 'shadowbanned', 'balls', 'total_items', 'pokemon', 'eggs', 'incubators', 'lures', 'awarded_to_level', 'first_warning_timestamp', 'failed_timestamp', 'failed', 'last_encounter_lat', 'last_encounter_lon', 'last_encounter_time', 'tutorial', 'creation_timestamp_ms', 'warn_expire_ms', 'warn_message_acknowledged', 'suspended_message_acknowledged', 'was_suspended', 'last_used_timestamp', 'group', 'last_uuid', 'last_instance', 'inventory_lures', 'inventory_balls', 'inventory_total', 'login_type', 'last_burn', 'last_burn_type', 'last_softban_action', 'last_softban_action_location', 'softban_location', 'in_use_by', 'tailspin', 'pinned', 'pinsir', 'keypad', 'hotel', 'telemetry', 'passed', 'pinap_berries', 'last_spin', 'total_spins', 'new_spins'];

  it("keeps every real scanner's account column, glued or not, and with a known word glued before it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCANNER_FIELDS), fc.constantFrom('', 'last', 'first', 'total', 'my', 'new'), fc.boolean(), aValue, (field, before, glue, value) => {
        const words = before ? [before, ...field.split('_')] : field.split('_');
        const name = glue ? words.join('') : words.join('_');
        expect(isKeptField(name, value), name).toBe(true);
      }),
    );
  });

  // The names real tools and sellers wrote beside an account, with what must happen to a number or a
  // flag under each (true: withheld, dropped even so; false: kept). Sources: PokemonGoF/PokemonGo-Bot's
  // config (`auth_service`, `gmapkey`, `hashkey`, `telegram_token`, `encrypt_location`,
  // `location_cache`, `max_steps`), NecronomiconCoding/NecroBot `Model/Settings/AuthConfig.cs`
  // (`AuthType`, `PtcUsername`, `PtcPassword`, `GooglePassword`), Noctem/Monocle's worker state
  // (monocle-flags.ts: `auth`, `refresh`, `expiry`, `time`, `created`), Google ClientLogin's answer
  // (`SID`, `LSID`, `Auth`), versx/NodeController's `ptcToken`, PGPool's, RealDeviceMap's and
  // Map-A-Droid's columns (above); and the spellings of a seller's or a hand-made sheet's columns:
  // Hungarian-ish `strPassword`, `pwd`, `pw`, `pass_hash`, German, Spanish, Portuguese, French,
  // Polish, Turkish, pinyin and Chinese words for a password, a token, a phone, a birth date.
  const REAL_NAMES: readonly [string, boolean][] = [
    ['gmapkey', true], ['hashkey', true], ['telegram_token', true], ['encrypt_location', false], ['location_cache', false], ['max_steps', false], ['auth_service', false],
    ['AuthType', false], ['PtcUsername', false], ['PtcPassword', true], ['GooglePassword', true], ['GoogleUsername', false],
    ['refresh', true], ['last_refresh', false], ['expiry', false], ['time', false], ['created', false], ['captcha', false],
    ['SID', true], ['LSID', true], ['ptcToken', true], ['last_modified', false], ['system_id', false], ['level', false], ['xp', false], ['team', false], ['spins', false],
    ['accountspins', false], ['accountspin', false], ['accountpins', true], ['totalspins', false], ['tailspin', false], ['lastkeypad', false], ['firstpassed', false], ['lasthotel', false],
    ['strPassword', true], ['strPwd', true], ['pwd', true], ['pw', true], ['PW', true], ['pass', true], ['pass_hash', true], ['PassHash', true], ['pwHash', true], ['passwd', true], ['userpass', true], ['accountpwd', true], ['passphrase', true], ['passcode', true], ['credentials', true], ['creds', true], ['api_key', true], ['ApiKey', true], ['private-key', true], ['salt', true],
    ['Passwort', true], ['Kennwort', true], ['Geheimzahl', true], ['Telefonnummer', true], ['Geburtsdatum', true], ['Vorname', true], ['Handynummer', true],
    ['contraseña', true], ['contrasena', true], ['clave', true], ['telefono', true], ['fecha_nacimiento', true], ['respuesta_secreta', true], ['apellido', true],
    ['senha', true], ['palavra-passe', true], ['telefone', true], ['data_nascimento', true], ['cpf', true], ['sobrenome', true],
    ['mot_de_passe', true], ['mdp', true], ['haslo', true], ['sifre', true], ['wachtwoord', true],
    ['mima', true], ['lingpai', true], ['shoujihao', true], ['shengri', true], ['yanzhengma', true], ['密码', true], ['令牌', true], ['手机号', true], ['пароль', true],
    ['walletpin', true], ['trainerpokestoppin', true], ['mybankotp', true], ['accountsuperrecoverycode', true], ['iphone', false], ['microphone', false], ['pinned', false], ['pinsir', false], ['keypad', false],
  ];

  it('judges every real name a tool or a seller wrote beside an account as a careful reader would', () => {
    for (const [name, withheld] of REAL_NAMES) {
      expect(isKeptField(name, 12345, true), name).toBe(!withheld);
      if (/^[A-Za-z][A-Za-z0-9_ .-]*$/.test(name)) expect(isKeptField(name, true), name).toBe(!withheld);
    }
  });

  // Secret words as tools abbreviate them and sellers write them in their language, with any words
  // around them, in any spelling a name separates words by (a glued run is judged by the stems that
  // mean one thing wherever they stand, and by the words a run ends with).
  const SECRET_WORDS = [['password'], ['passwd'], ['pwd'], ['pw'], ['pass'], ['pass', 'hash'], ['token'], ['secret'], ['cookie'], ['session'], ['api', 'key'], ['key'], ['creds'], ['credential'], ['passphrase'], ['passcode'], ['pin'], ['otp'], ['2fa'], ['mfa'], ['recovery', 'code'], ['backup', 'code'], ['phone'], ['birthday'], ['kennwort'], ['passwort'], ['senha'], ['clave'], ['mima'], ['lingpai'], ['contrasena'], ['wachtwoord'], ['mdp'], ['sid'], ['salt']];
  const GLUED_STEMS = ['password', 'passwd', 'token', 'secret', 'cookie', 'session', 'apikey', 'hashkey', 'passphrase', 'passcode', 'kennwort', 'passwort', 'contrasena', 'motdepasse', 'credential', 'pincode', 'recoverycode', 'backupcode', 'phonenumber', 'twofactor', 'securityanswer'];
  const GLUED_ENDINGS = ['pin', 'pins', 'otp', 'mfa', 'ssn', 'dob', 'cvv', 'key'];
  const piece = fc.stringMatching(/^[a-z]{1,9}$/);

  it('never keeps a field whose name is built of secret words and any pieces, in any spelling', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECRET_WORDS), fc.array(piece, { maxLength: 2 }), fc.array(piece, { maxLength: 2 }), fc.integer({ min: 0, max: 6 }), aValue, (secret, before, after, style, value) => {
        const name = spell([...before, ...secret, ...after], style);
        expect(isKeptField(name, value, true), name).toBe(false);
      }),
    );
    fc.assert(
      fc.property(piece, fc.constantFrom(...GLUED_STEMS), piece, fc.boolean(), aValue, (before, stem, after, upper, value) => {
        const name = upper ? `${before}${stem}${after}`.toUpperCase() : `${before}${stem}${after}`;
        expect(isKeptField(name, value, true), name).toBe(false);
      }),
    );
    // A run ending in a withheld word after any letters but the `s` of a spin (`tailspin`, `totalspins`).
    fc.assert(
      fc.property(piece.filter((p) => !p.endsWith('s')), fc.constantFrom(...GLUED_ENDINGS), aValue, (before, ending, value) => {
        expect(isKeptField(`${before}${ending}`, value, true), `${before}${ending}`).toBe(false);
      }),
    );
  });

  it("refuses a kept text field holding a login, a web address with one, a password's shape or a document, naming the field and never the value", () => {
    const password = 'Pika1234!x';
    const bad: Record<string, string>[] = [
      { email: 'ash01@mail.example:Pika1234!x' },
      { email: 'ash01@mail.example | Zubat77$' },
      { nickname: 'my Pika1234!x' },
      { instance: 'https://scan:Hunter2pw@db.example:3306/rm' },
      { reason: 'see socks5://u1:p1@10.0.0.2:1080' },
      { reason: 'Xk9#mQ2!pz' },
      { nickname: 'ash01@mail.example Zubat77' },
      { in_use_by: 'u1:p1@10.0.0.2:1080' },
      { last_reason: 'proxy 10.0.0.2:1080:u1:Pw9' },
      { last_reason: 'x'.repeat(10_240) },
      { team: 'mystic\u001b[31m' },
    ];
    for (const fields of bad) {
      const problem = fieldsTextProblem(fields, password);
      const [name, value] = Object.entries(fields)[0]!;
      expect(problem, name).toContain(`field \`${name}\` holds`);
      expect(problem).not.toContain(value.slice(0, 20));
      expect(problem).not.toContain(password);
    }
    // What those fields hold in the scanners' tables: an address alone, a team, a place, a reason, a UUID, a time.
    const good = { email: 'Ash.Ketchum01@Gmail.example', team: 'Mystic', softban_location: '40.7128,-74.0060', reason: 'code3', last_reason: 'Account banned: code 3 at 2017-07-22', last_uuid: '6f1c2a34-9b7e-4d1a-8c55-2a1f0e3d4b6c', last_login: '2017-07-22 14:53:11', nickname: 'NecroAsh', instance: 'worker-7' };
    expect(fieldsTextProblem(good, password)).toBeNull();
    // A password that is a plain word ("mystic") is no proof the team column leaked it.
    expect(fieldsTextProblem({ team: 'mystic' }, 'mystic')).toBeNull();
  });

  // What the scanners store per account under a name for a thing (identifier-field-names.ts): a
  // device's uuid or the name an operator gave a phone (RealDeviceMap's and NodeController's
  // `uuid`, kept as `last_uuid`; pogoAccountServer's `in_use_by`), an instance or worker name
  // (neskk/RocketMap `pogom/models.py` Account.instance_id / instance_name, PGPool's `system_id` as
  // `served_to`, a Monocle fork's `instance`), a hash (hex), a base64 id, a proxy's name.
  const IDENTIFIER_NAMES = ['last_uuid', 'in_use_by', 'instance_id', 'instance_name', 'instance', 'last_instance', 'served_to', 'holder', 'group', 'device_id', 'deviceUUID', 'proxy', 'proxy_name', 'worker', 'hash'];
  const token = (chars: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
  const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const identifierValue = fc.oneof(
    fc.uuid(),
    token('0123456789abcdef', 32, 64),
    fc.base64String({ minLength: 8, maxLength: 44 }),
    token(`${LETTERS}0123456789#_.-`, 1, 32), // `iPhone#A1b`, `Wk#A1b`, `worker-7`
    fc.tuple(token(LETTERS, 1, 8), fc.integer({ min: 0, max: 99 }), token('#!$%+=', 1, 2), token(LETTERS, 1, 4)).map(([a, n, s, b]) => `${a}${n}${s}${b}`),
  );
  /** A password no generated value holds (a blank and `~`, never in them): a value holding the account's own password is refused under any name. */
  const PASSWORD = 'Pika 1234~x';

  it("keeps every value a scanner stores under a name for a thing, a password's shape too (a device's or an instance's name)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...IDENTIFIER_NAMES), identifierValue, (name, value) => {
        expect(fieldsTextProblem({ [name]: value }, PASSWORD), `${name}: ${value}`).toBeNull();
        expect(unkeptFieldsOf({ username: 'ash01', password: PASSWORD, [name]: value }, PASSWORD)).toEqual([]);
      }),
    );
  });

  // A word with lower and upper case, a digit and a symbol; a login after an e-mail; a web address
  // or a proxy with a login; the account's own password inside a sentence.
  const mixed = fc
    .tuple(token(LETTERS.slice(0, 26), 1, 6), token(LETTERS.slice(26), 1, 4), fc.integer({ min: 0, max: 9999 }), token('!#$%^&*+=?~@', 1, 3))
    .chain(([a, b, n, s]) => fc.shuffledSubarray([a, b, String(n), s], { minLength: 4, maxLength: 4 }).map((parts) => parts.join('')));
  const strong = mixed.filter((w) => w.length >= 6 && !w.includes('@'));
  const credentialValue = fc.oneof(
    strong,
    fc.tuple(fc.constantFrom('ash01@mail.example', 'misty.w@gmail.com'), fc.constantFrom(':', ' : ', ' | ', ';', ','), strong).map(([m, sep, p]) => `${m}${sep}${p}`),
    fc.tuple(fc.constantFrom('ash01@mail.example', 'misty.w@gmail.com'), strong).map(([m, p]) => `${m} ${p}`),
    fc.tuple(fc.constantFrom('http', 'https', 'socks5', 'mysql'), strong).map(([scheme, p]) => `${scheme}://scan:${p}@db.example:3306/rm`),
    fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1025, max: 65535 }), strong).map(([ip, port, p]) => `proxy u${ip}:${p}@10.0.${ip}.2:${port}`),
    fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1025, max: 65535 }), strong).map(([ip, port, p]) => `10.0.${ip}.2:${port}:u${ip}:${p}`),
    fc.constantFrom('see Pika 1234~x', 'Pika 1234~x', 'pw was Pika 1234~x!'),
  );
  /** Names for words: a note, a reason, a nickname, a name nothing knows (our export keeps such a field). */
  const wordsName = fc.oneof(fc.constantFrom('note', 'notes', 'comment', 'remark', 'reason', 'last_reason', 'nickname', 'failed', 'behaviour', 'purpose', 'Notes', 'seller note'), fc.stringMatching(/^[a-z][a-z_]{2,12}[a-z]$/));

  it('refuses a password, a login or a proxy with its login under a name for words, naming the field and never the value', () => {
    fc.assert(
      fc.property(wordsName, credentialValue, (name, value) => {
        fc.pre(!isIdentifierName(name));
        const problem = fieldsTextProblem({ [name]: value }, PASSWORD);
        expect(problem, `${name}: ${value}`).toContain('holds');
        expect(problem).not.toContain(value);
        expect(unkeptFieldsOf({ username: 'ash01', password: PASSWORD, [name]: value }, PASSWORD).map((f) => f.name)).toEqual([name]);
      }),
    );
  });

  // A generic id's name (a hand-made export's `order_id`, `seller_id`, `PlayerID`): the scanners'
  // own ids beside an account name their thing (`device_id`, Monocle's and ShuckleTools' hex ids,
  // Map-A-Droid's number; `instance_id`; PGPool's `system_id`) and are kept whatever they hold; under
  // any other `_id` only an id's shape is no secret (hex, a UUID, digits, base64 of whole groups).
  const GENERIC_ID_NAMES = ['order_id', 'seller_id', 'account_id', 'trade_uuid', 'userId', 'PlayerID', 'ticket_guid', 'note_ids'];
  const idShaped = fc.oneof(fc.uuid(), token('0123456789abcdef', 8, 64), fc.integer({ min: 0, max: 2 ** 48 }).map(String), fc.base64String({ minLength: 8, maxLength: 44 }), token(`${LETTERS}0123456789_-`, 6, 32));

  it("keeps an id's shape under a generic id's name, and refuses a password there", () => {
    fc.assert(
      fc.property(fc.constantFrom(...GENERIC_ID_NAMES), idShaped, (name, value) => {
        expect(fieldsTextProblem({ [name]: value }, PASSWORD), `${name}: ${value}`).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...GENERIC_ID_NAMES), strong.filter((w) => /[!#$%^&*?~]/.test(w)), (name, value) => {
        const problem = fieldsTextProblem({ [name]: value }, PASSWORD);
        expect(problem, `${name}: ${value}`).toContain('holds a word shaped like a password');
        expect(problem).not.toContain(value);
      }),
    );
    // A thing's id keeps any token, as a device's name (`iPhone#A1b`) may be.
    for (const name of ['device_id', 'deviceUUID', 'system_id', 'instance_id', 'worker_id']) expect(fieldsTextProblem({ [name]: 'iPhone#A1b' }, PASSWORD), name).toBeNull();
  });

  // A secret by its shape, under any name (a device's, an id's, a note's): a JWT (PTC's access
  // token is one), a PEM block, Google's OAuth access and refresh tokens and gpsoauth's master token,
  // a PTC CAS ticket as KoSTiii/PokeBotPython's `login_token` took it, an Authorization header, a
  // service's key by its prefix, and base64 of a password or a login under an id's name.
  const b64url = (text: string) => Buffer.from(text).toString('base64url');
  const secretValue = fc.oneof(
    fc.tuple(fc.json(), fc.json(), token(`${LETTERS}0123456789_-`, 16, 43)).map(([a, b, sig]) => `${b64url(`{"alg":"RS256","x":${a}}`)}.${b64url(`{"sub":${b}}`)}.${sig}`),
    fc.constantFrom('RSA PRIVATE KEY', 'PRIVATE KEY', 'CERTIFICATE', 'OPENSSH PRIVATE KEY').map((kind) => `-----BEGIN ${kind}-----`),
    fc.tuple(fc.constantFrom('ya29.', '1//0', 'aas_et/', 'oauth2rt_1/', 'oauth2_4/'), token(`${LETTERS}0123456789_-`, 20, 80)).map(([p, t]) => p + t),
    fc.tuple(fc.constantFrom('TGT', 'ST'), fc.integer({ min: 1, max: 9_999_999 }), token(`${LETTERS}0123456789`, 30, 60)).map(([k, n, t]) => `${k}-${n}-${t}-sso.pokemon.com`),
    fc.tuple(fc.constantFrom('Bearer ', 'Basic '), strong).map(([k, p]) => k + Buffer.from(`ash01:${p}`).toString('base64')),
    fc.tuple(fc.constantFrom('AIza', 'ghp_', 'xoxb-', 'sk_live_'), token(`${LETTERS}0123456789`, 36, 40)).map(([p, t]) => p + t),
  );
  // `holder` is the model's own field, judged by the model's rules (model.ts), not as a dump's text.
  const anyName = fc.oneof(fc.constantFrom(...IDENTIFIER_NAMES.filter((n) => n !== 'holder')), fc.constantFrom(...GENERIC_ID_NAMES), wordsName);

  it("refuses a value shaped as a token, a key or a session under any name, never showing it", () => {
    fc.assert(
      fc.property(anyName, secretValue, fc.constantFrom('', 'see '), (name, value, before) => {
        const problem = fieldsTextProblem({ [name]: before + value }, PASSWORD);
        expect(problem, `${name}: ${value}`).toMatch(/holds (a JSON Web Token|a PEM block|a Google login's token|a PTC login's session ticket|an HTTP login's credentials|a service's key)/);
        expect(problem).not.toContain(value.slice(0, 12));
      }),
    );
    // Base64 of a password, a login or the account's own password under an id's name: what it decodes to is judged.
    fc.assert(
      fc.property(fc.constantFrom(...GENERIC_ID_NAMES), fc.oneof(strong.filter((w) => /[!#$%^&*?~]/.test(w)), strong.map((p) => `ash01:${p}`), fc.constant(PASSWORD)), fc.boolean(), (name, secret, url) => {
        const value = Buffer.from(secret).toString(url ? 'base64url' : 'base64');
        fc.pre(/[A-Za-z]{3}/.test(secret) && (secret.match(/[^A-Za-z0-9]/g)?.length ?? 0) <= 2);
        expect(fieldsTextProblem({ [name]: value }, PASSWORD), `${name}: ${value}`).toMatch(/holds base64 of /);
      }),
    );
    // An id's bytes in base64 decode to no text: kept (a node's name in base64 too).
    for (const value of ['bm9kZS0x', 'AAECAwQFBgcICQoLDA0ODw==', Buffer.from('worker-7').toString('base64')]) expect(fieldsTextProblem({ order_id: value }, PASSWORD), value).toBeNull();
  });

  it('refuses a Google app password (16 random letters, in four groups or glued) and keeps a note of four short words', () => {
    // Drawn at random as Google draws them: the shape is refused but for the few draws whose every group reads as a word.
    const draws = fc.sample(fc.tuple(token('abcdefghijklmnopqrstuvwxyz', 16, 16), fc.boolean()), 1000);
    const refused = draws.filter(([letters, grouped]) => fieldsTextProblem({ reason: grouped ? letters.match(/.{4}/g)!.join(' ') : letters }, PASSWORD)?.includes('Google app password')).length;
    expect(refused / draws.length).toBeGreaterThan(0.98);
    for (const reason of ['last used from home', 'sold once more okay', 'good mail test done', 'tutorialcomplete', 'shadowbannedlast']) expect(fieldsTextProblem({ reason }, PASSWORD), reason).toBeNull();
  });

  it('keeps a note naming an e-mail address (the pool keeps an account\'s e-mail), refusing only a password after it', () => {
    for (const note of ['bob@x.example paid', 'paid by bob@x.example', 'bob@x.example', 'Bob@X.example Sold.', 'from bob@x.example, paid 5 USD', 'mailto:bob@x.example', 'write to bob@x.example: he paid'])
      expect(fieldsTextProblem({ note }, 'Pika1234!x'), note).toBeNull();
    for (const note of ['bob@x.example hunter2', 'bob@x.example:hunter', 'bob@x.example | paid', 'sold as bob@x.example:Hunter2pw', 'login (bob@x.example | Pw-77) sent']) expect(fieldsTextProblem({ note }, 'Pika1234!x'), note).toContain('e-mail address with more after it');
  });

  it("lets in, from our own export, every field of an account verify passes (a pool never refuses what it wrote)", () => {
    const value = fc.oneof(fc.integer(), fc.boolean(), identifierValue, credentialValue, fc.string({ maxLength: 60 }), fc.constantFrom('bob@x.example paid', '2017-07-22'));
    const name = fc.oneof(fc.constantFrom(...IDENTIFIER_NAMES), wordsName, fc.constantFrom('accountpin', 'spins', 'team', 'email'));
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 5 }), (fields) => {
        fc.pre(unkeptFieldsOf({ username: 'ash01', password: PASSWORD, ...fields }, PASSWORD).length === 0);
        for (const [n, v] of Object.entries(fields)) expect(isKeptField(n, v, true), n).toBe(true);
        expect(fieldsTextProblem(fields, PASSWORD)).toBeNull();
      }),
    );
  });
});

