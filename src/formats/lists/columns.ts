// A header line that names a list's columns: `email:password:recovery-email`,
// `Login;Pass;Mail;Mail pass`, `#username;password;email;dob;country` (KinanCity's input file).
// Sellers put one above lists whose columns are not the usual `user:pass`, and it decides what
// each column is: the e-mail, its password and the recovery address are never the account's
// password, and the login is the username column, else the e-mail.
import { FOREIGN_LEVEL, FOREIGN_MAIL, FOREIGN_PASS, FOREIGN_USER } from '../mail/foreign-labels.js';
import { LEVEL_WORDS } from './level-words.js';

/** What a column holds. `pass` is the account's password; every other column but `user`/`email` is kept out of it. */
/** `status`: a checker's or a seller's word for what became of the account (`banned`, `ok`: verdict-words.ts). */
/** `banned`: a column of the ban's flag (`1`/`0`, `True`/`False`, `yes`/`no`), as a checker or an operator's sheet keeps it. */
export type Role = 'user' | 'pass' | 'email' | 'emailpass' | 'recovery' | 'level' | 'provider' | 'status' | 'banned' | 'extra';

/**
 * Column names in the other languages accounts were sold in that are no mail label: a shop's
 * longer headings ("game account", "login password", "trainer level"). Every label of
 * foreign-labels.ts and level word of level-words.ts (Spanish `Usuario`, Czech `Heslo`, Chinese
 * `密码`, German `Stufe`) names a column too (`foreignRole`); accents dropped as `key` drops them.
 */
const FOREIGN = {
  // Portuguese `Conta` and French `Compte` (the account) over a sheet's login column, as Spanish `Cuenta` (foreign-labels.ts) is.
  user: ['登录账号', '游戏账号', '遊戲帳號', '계정아이디', 'conta', 'compte'],
  pass: ['登录密码', '游戏密码'],
  level: ['лвл', '训练师等级'],
  // The e-mail's own password, a status, a provider and the notes, as Russian and CJK shops head them.
  emailpass: ['парольотпочты', 'парольпочты', 'парольемейла', '邮箱密码', '郵箱密碼', 'メールパスワード', '이메일비밀번호', 'contrasenadelcorreo', 'senhadoemail'],
  status: ['статус', 'состояние', '状态', '狀態', 'ステータス', '状態', '상태'],
  provider: ['тип', '类型', '類型', 'タイプ', '유형'],
  extra: ['страна', 'дата', 'команда', 'примечание', '国家', '日期', '队伍', '备注', '國家', '備註', '国', '日付', 'チーム', '備考', '국가', '날짜', '팀', '비고'],
};

/** A column name as it is looked up: lower case, accents dropped, letters only (any script). */
export function columnKey(cell: string): string {
  return cell.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}]/gu, '');
}

/** Column names (lower case, letters only) by role; checked longest first, so `emailpassword` is not `password`. */
const WORDS: Record<Role, string[]> = {
  user: ['username', 'user', 'login', 'loginname', 'account', 'accountname', 'ptcusername', 'ptcuser', 'ptclogin', 'ptcaccount', 'nick', 'nickname', 'benutzername', 'benutzer', 'nutzername', ...FOREIGN.user],
  pass: ['password', 'pass', 'pw', 'pwd', 'passwd', 'passwort', 'kennwort', 'ptcpassword', 'ptcpass', 'accountpassword', ...FOREIGN.pass],
  email: ['email', 'mail', 'emailaddress', 'mailaddress', 'emailaddr', 'ptcemail', 'gmail', 'login email'],
  emailpass: ['emailpassword', 'emailpass', 'emailpw', 'emailpwd', 'mailpassword', 'mailpass', 'mailpw', 'passwordemail', 'emailpasswort', ...FOREIGN.emailpass],
  recovery: ['recovery', 'recoveryemail', 'recoverymail', 'recoveryaddress', 'backupemail', 'backupmail', 'secondaryemail', 'recoveryemailaddress'],
  level: ['level', 'lvl', 'lv', 'trainerlevel', 'accountlevel', ...FOREIGN.level],
  provider: [
    // `login_type`: MAD's settings_pogoauth (mad-pogoauth.ts); `AuthType`: the C# bots' (Pokemon-Go-Rocket-API's enum) and their settings' key
    'provider', 'loginprovider', 'auth', 'authservice', 'authtype', 'service', 'accounttype', 'type', 'logintype', ...FOREIGN.provider],
  status: ['status', 'state', 'verdict', 'result', 'estado', 'etat', 'statut', 'stato', 'zustand', ...FOREIGN.status],
  // Monocle's and PGPool's name for the flag, beside any other columns (`login;password;banned;comment`);
  // named in a header's row only (roleOf), never a word that makes a line a header alone (isColumnName):
  // `pika01:banned` is a checker's verdict.
  banned: [],
  extra: ['dob', 'birthday', 'birthdate', 'dateofbirth', 'country', 'region', 'created', 'date', 'team', 'note', 'notes',
    // a column numbering the rows (COUNTER_KEYS below)
    'id', 'no', 'nr', 'index', 'idx', 'lfdnr', 'lfd', 'nummer', 'nº', 'numero', 'num', 'nro', 'pos', 'sno', 'srno', 'slno', 'stt',
    // a seller's words about the account, never its password (`Username,Comment`: `fresh`, `never used`)
    'comment', 'comments', 'remark', 'remarks', 'info', 'description', 'memo', 'kommentar', 'commentaire', 'comentario', 'commento', 'opmerking', 'uwagi', 'комментарий', 'заметка', 'описание', '说明', '描述', 'コメント', 'メモ', '메모', '설명',
    // the same in the other languages of FOREIGN
    'pais', 'pays', 'paese', 'land', 'fecha', 'datum', 'equipo', 'equipe', 'squadra', 'nota', 'notas', 'remarque', 'bemerkung', 'notiz', 'fechadenacimiento', 'geburtsdatum', 'datedenaissance', ...FOREIGN.extra],
};

let roles: Map<string, Role> | undefined;

/** The role of each column name as `key` spells it. Made on first use: `key`'s Unicode normalising costs ~1-2 ms, and most commands read no list. */
function roleMap(): Map<string, Role> {
  if (roles) return roles;
  roles = new Map();
  for (const [role, words] of Object.entries(WORDS) as [Role, string[]][]) for (const w of words) roles.set(columnKey(w), role);
  return roles;
}

/**
 * A column of row numbers named by a sign, not a word (`#,login,password` over `1,ash01,...`; `№`,
 * `N°`, `Nº` as Russian and French sheets write it): read past as an extra column, never a login.
 */
const ROW_NUMBER = /^(?:#|№|N[°º])$/u;

/**
 * Names of a column that numbers the rows, as `columnKey` spells them: `Nr.`, `No.`, `ID`, `Index`,
 * German `Lfd. Nr.` (laufende Nummer) and `Nummer`, Spanish and Portuguese `N.º`, `Número`, `Nro.`,
 * `Pos.`, `S.No`/`Sl. No.` (Indian sellers' sheets), Vietnamese `STT`. Such a column holds numbers:
 * a login in it says the row's cells are shifted (account-line.ts counterProblem).
 */
const COUNTER_KEYS = ['nr', 'no', 'id', 'index', 'idx', 'lfdnr', 'lfd', 'nummer', 'nº', 'numero', 'num', 'nro', 'pos', 'sno', 'srno', 'slno', 'stt'];

/** A column's name that says it numbers the rows (`Nr.`, `#`, `Index`, `Lfd. Nr.`, `N.º`). */
export function isCounterName(cell: string): boolean {
  return ROW_NUMBER.test(cell.trim()) || COUNTER_KEYS.includes(columnKey(cell));
}

/** `ID`: a database's or a tool's identifier may be hex (a MongoDB ObjectId, a UUID), not a count. */
export function isIdName(cell: string): boolean {
  return columnKey(cell) === 'id';
}

export function roleOf(cell: string): Role | undefined {
  if (ROW_NUMBER.test(cell.trim())) return 'extra';
  // Words only: `user0` or `pw-0` is an account's value, not a column's name.
  if (!/^\p{L}[\p{L}\s_.'’-]*$/u.test(cell)) return undefined;
  const key = columnKey(cell);
  if (key === 'banned' || key === 'isbanned') return 'banned';
  return roleMap().get(key) ?? foreignRole(cell);
}

let foreign: [Role, RegExp][] | undefined;

/**
 * A column named with a seller mail's label in one of the ~25 languages of foreign-labels.ts
 * (`Uživatel;Heslo`, `Felhasználónév;Jelszó`, `Kullanıcı adı;Şifre`): the header's cell is the
 * whole label, so the words a mail writes before its fields name the columns too, from one list.
 */
function foreignRole(cell: string): Role | undefined {
  foreign ??= (
    [
      ['user', FOREIGN_USER],
      ['pass', FOREIGN_PASS],
      ['email', FOREIGN_MAIL],
      ['level', `${LEVEL_WORDS}|${FOREIGN_LEVEL}`],
    ] as const
  ).map(([role, words]) => [role, new RegExp(String.raw`^(?:${words})$`, 'iu')]);
  // As written (`Mot de passe`), or as `key` spells it (`アカウント ID` is `アカウントid`).
  const text = cell.trim();
  const key = columnKey(cell);
  return foreign.find(([, re]) => re.test(text) || re.test(key))?.[0];
}

/** Words that make up column names (`e-mail password` is e, mail, password). */
const PARTS = new Set(['e', 'address', 'name', 'of', 'birth', 'date', 'backup', 'secondary', 'recovery', 'ptc', 'account', 'trainer', 'auth', 'service', 'login', 'mail', 'email', 'password', 'pass', 'user', 'level', 'type']);

/** The text is exactly a column name (`Password`, `E-mail`, `email password`), not just spelled with its letters (`pa ss`). */
export function isColumnName(text: string): boolean {
  const parts = text.toLowerCase().split(/[\s_.-]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 4) return false;
  if (parts.length > 1 && !parts.every((p) => PARTS.has(p) || roleMap().has(p))) return false;
  return roleMap().has(parts.join(''));
}

/** Cyrillic, CJK and Hangul letters: a header written in one of those scripts. */
const NON_LATIN = /[\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/**
 * The roles of a header line's cells, or undefined when the line is no header: every cell must
 * name a column, one of them the password, one the username or the e-mail, none twice.
 * `unnamed`: an empty cell is a column without a name (`;Login;Passwort`, a sheet's number column;
 * pandas' `to_csv` writes its index column so), read past as an extra; only where the line was
 * split at a table's separator (`;`, `,`, a tab, `|`), never at `:` or blanks.
 */
export function headerRoles(cells: string[], unnamed = false): Role[] | undefined {
  if (cells.length < 2) return undefined;
  const roles: Role[] = [];
  for (const cell of cells) {
    const role = unnamed && cell.trim() === '' ? 'extra' : roleOf(cell.trim());
    if (!role) return undefined;
    if (role !== 'extra' && roles.includes(role)) return undefined;
    roles.push(role);
  }
  // `ID<TAB>パスワード<TAB>レベル`: Japanese, Korean, Chinese and Russian shops call the login its
  // ID, beside their e-mail column too. An `ID` column is the login when no column names one and
  // the other names are in those scripts, or when no column holds a login at all (`ID,Password`);
  // beside `Username`, or as `ID,Email,Password`, it numbers the rows.
  if (!roles.includes('user')) {
    const ids = cells.flatMap((c, i) => (columnKey(c) === 'id' ? [i] : []));
    if (ids.length === 1 && (!roles.includes('email') || cells.some((c) => NON_LATIN.test(c)))) roles[ids[0]!] = 'user';
  }
  return roles.includes('pass') && (roles.includes('user') || roles.includes('email')) ? roles : undefined;
}

/** Where the login is: the username column, else the e-mail. */
export function loginRole(roles: Role[]): Role {
  return roles.includes('user') ? 'user' : 'email';
}

/**
 * The value of every column but the password and extras, by role; `field(i)` gives column i's
 * text. Only the first `after` columns after the password are there.
 */
export function headerRoleValues(roles: Role[], field: (i: number) => string, p: number, after: number): Partial<Record<Role, string>> {
  const out: Partial<Record<Role, string>> = {};
  roles.forEach((role, i) => {
    if (i === p || role === 'extra' || (i > p && i - p > after)) return;
    out[role] ??= field(i);
  });
  return out;
}
