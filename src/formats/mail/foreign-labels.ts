// The labels seller mails put before account fields in the other languages and scripts accounts
// were sold in: Spanish, Portuguese, French, Italian, Dutch, Polish, Turkish, Russian and
// Ukrainian, Chinese, Japanese and Korean (`Логин:`, `hasło:`, `密码：`, `パスワード:`). The same
// languages as a list's column names (columns.ts); here as regex alternatives for email-labels.ts,
// written as the mails write them (accents kept or dropped, blanks between the words or not).
// A delivery in these languages is read by its labels; unknown, the plain reader split
// `Логин: onix01` at its colon and made `Логин` an account with `onix01` as its password.

export const FOREIGN_USER = [
  String.raw`nombre[\s_-]*de[\s_-]*usuario|usu[aá]rio|usuario|identifiant|nom[\s_-]*d['’]?[\s_-]*utilisateur|utilisateur`,
  String.raw`nome[\s_-]*(?:de[\s_-]*)?utente|utente|gebruikersnaam|gebruiker|nazwa[\s_-]*u[zż]ytkownika|u[zż]ytkownik|kullan[ıi]c[ıi][\s_-]*ad[ıi]`,
  String.raw`логин|логін|пользователь|аккаунт|учётная[\s_-]*запись|учетная[\s_-]*запись`,
  // Chinese (simplified, traditional), Japanese, Korean; `ID` alone is email-labels.ts's `SOFT_USER`.
  String.raw`账号|帐号|账户|帳號|帳戶|用户名|用戶名|登录名|ユーザー名|ユーザーid|ログインid|アカウント(?:id|名)?|아이디|계정`,
].join('|');

export const FOREIGN_PASS = String.raw`contrase[nñ]a|clave|senha|mot[\s_-]*de[\s_-]*passe|mdp|wachtwoord|has[lł]o|[şs]ifre|пароль|密码|密碼|パスワード|비밀번호|비번`;

export const FOREIGN_MAIL = String.raw`correo(?:[\s_-]*electr[oó]nico)?|courriel|почта|эл\.?[\s_-]*почта|邮箱|電子郵件|メール(?:アドレス)?|이메일`;

/** Level words in scripts `\b` cannot bound (level-words.ts holds the Latin ones). */
export const FOREIGN_LEVEL = String.raw`уровень|等级|级别|等級|(?:トレーナー)?レベル|(?:트레이너[\s_-]*)?레벨`;

/**
 * What ends a label: `:` `=` a dash, the full-width colon Chinese and Japanese text writes (`密码：`),
 * or an arrow (`Password -> x`, `Login => y`: the arrow whole, never a password opening with `>`).
 */
export const LABEL_END = String.raw`(?:-{1,2}>|=>|[:：=\-–])`;
