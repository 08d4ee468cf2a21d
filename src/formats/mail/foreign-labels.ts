// The labels seller mails put before account fields in the other languages and scripts accounts
// were sold in: Spanish, Portuguese, French, Italian, Dutch, Polish, Turkish, Russian and
// Ukrainian, Chinese, Japanese and Korean (`Логин:`, `hasło:`, `密码：`, `パスワード:`), and the
// other languages of Europe and Asia a shop's template or a browser's translation writes (Czech,
// Slovak, Hungarian, Romanian, the Nordic and Baltic languages, Croatian, Serbian, Slovenian,
// Bulgarian, Greek, Catalan, Vietnamese, Indonesian and Malay, Thai, Arabic, Persian, Hebrew,
// Hindi: each one's words for a login and a password, as its own sites label their login forms).
// Here as regex alternatives for email-labels.ts, written as the mails write them (accents kept
// or dropped, blanks between the words or not). A delivery in these languages is read by its
// labels; unknown, the plain reader split `Логин: onix01` at its colon and made `Логин` an
// account with `onix01` as its password (and `Heslo: Pika!1`, Czech, the account `Heslo`).

export const FOREIGN_USER = [
  String.raw`nombre[\s_-]*de[\s_-]*usuario|usu[aá]rio|usuario|cuenta|identifiant|nom[\s_-]*d['’]?[\s_-]*utilisateur|utilisateur`,
  // `Konto` (Polish, German, the Nordic languages) and Turkish `hesap`: an account's word sellers label the login with.
  String.raw`konto|hesap|nome[\s_-]*(?:de[\s_-]*)?utente|utente|gebruikersnaam|gebruiker|nazwa[\s_-]*u[zż]ytkownika|u[zż]ytkownik|kullan[ıi]c[ıi](?:[\s_-]*ad[ıi])?`,
  String.raw`логин|логін|пользователь|аккаунт|учётная[\s_-]*запись|учетная[\s_-]*запись`,
  // Chinese (simplified, traditional), Japanese, Korean; `ID` alone is email-labels.ts's `SOFT_USER`.
  String.raw`使用者名稱|使用者帳號|使用者|账号|帐号|账户|帳號|帳戶|用户名|用戶名|登录名|ユーザー名|ユーザーid|ログインid|ログイン名|アカウント(?:id|名)?|아이디|계정|사용자[\s_-]*(?:이름|아이디|명)`,
  // Czech and Slovak, Hungarian, Romanian (and Portugal's `utilizador`), Swedish, Danish, Norwegian,
  // Finnish, Estonian, Latvian, Lithuanian, Croatian/Serbian/Bosnian, Slovenian, Catalan.
  String.raw`u[zž]ivatel(?:sk[eé][\s_-]*jm[eé]no)?|p[rř]ihla[sš]ovac[ií][\s_-]*jm[eé]no|pou[zž][ií]vate[lľ](?:sk[eé][\s_-]*meno)?|felhaszn[aá]l[oó](?:[\s_-]*n[eé]v)?`,
  String.raw`(?:nume[\s_-]*(?:de[\s_-]*)?)?utiliza[dt]or|anv[aä]ndar(?:namn|e)|bruger(?:navn)?|bruker(?:navn)?|k[aä]ytt[aä]j[aä](?:tunnus|nimi)?|kasutaja(?:nimi)?`,
  String.raw`lietot[aā]j(?:v[aā]rds|s)|vartotojo[\s_-]*vardas|prisijungimo[\s_-]*vardas|vartotojas|korisni[cč]ko[\s_-]*ime|korisnik|uporabni[sš]ko[\s_-]*ime|uporabnik|nom[\s_-]*d['’]?[\s_-]*usuari|usuari`,
  // Russian's, Ukrainian's, Bulgarian's and Serbian's longer forms, Greek (with and without its accents).
  String.raw`имя[\s_-]*пользователя|ім['’]?я[\s_-]*користувача|користувач|потребителско[\s_-]*име|потребител|корисничко[\s_-]*име|корисник|[οό]νομα[\s_-]*χρ[ηή]στη|χρ[ηή]στης`,
  // Vietnamese (with and without its marks), Indonesian and Malay, Thai, Arabic, Persian, Hebrew, Hindi.
  String.raw`t[eê]n[\s_-]*(?:đ|d)[aă]ng[\s_-]*nh[aậ]p|t[eê]n[\s_-]*t[aà]i[\s_-]*kho[aả]n|t[aà]i[\s_-]*kho[aả]n|nama[\s_-]*pengguna|id[\s_-]*pengguna|akun`,
  String.raw`ชื่อผู้ใช้(?:งาน)?|บัญชี(?:ผู้ใช้)?|اسم[\s_-]*المستخدم|المستخدم|الحساب|نام[\s_-]*کاربری|שם[\s_-]*משתמש|משתמש|उपयोगकर्ता[\s_-]*नाम|यूज़?र[\s_-]*नेम`,
].join('|');

export const FOREIGN_PASS = [
  // Italian's `parola d'ordine` and `parola chiave`, Portugal's `palavra-passe`, before Romanian's `parola` below.
  String.raw`parola[\s_-]*(?:d['’]?[\s_-]*ordine|chiave)|palavra[\s_-]*-?[\s_-]*passe|패스워드|contrase[nñ]a|contrasenya|clave|senha|mot[\s_-]*de[\s_-]*passe|mdp|wachtwoord|has[lł]o|[şs]ifre|пароль|密码|密碼|パスワード|暗証番号|비밀번호|비번|암호`,
  // Czech and Slovak, Hungarian, Romanian and Turkish (`parola`), Latvian (`parole`), Estonian,
  // Swedish, Danish, Norwegian, Finnish, Lithuanian, Croatian/Serbian/Bosnian, Slovenian.
  String.raw`heslo|jelsz[oó]|parol[aăe]|parool|l[oö]senord|adgangskode|passord|salasana|slapta[zž]odis|lozinka|geslo`,
  // Bulgarian, Serbian, Greek, Vietnamese, Indonesian and Malay, Thai, Arabic, Persian, Hebrew, Hindi.
  String.raw`парола|лозинка|κωδικ[οό]ς(?:[\s_-]*πρ[οό]σβασης)?|m[aậ]t[\s_-]*kh[aẩ]u|(?:kata[\s_-]*)?sandi|kata[\s_-]*laluan|รหัสผ่าน|كلمة[\s_-]*(?:المرور|السر)|رمز[\s_-]*(?:عبور|العبور)|סיסמ[הא]|पासवर्ड`,
].join('|');

export const FOREIGN_MAIL = String.raw`correo(?:[\s_-]*electr[oó]nico)?|courriel|почта|эл\.?[\s_-]*почта|邮箱|電子郵件|メール(?:アドレス)?|이메일`;

/** Level words in scripts `\b` cannot bound: level-words.ts holds every level word, of every script. */
export { FOREIGN_LEVEL } from '../lists/level-words.js';

/**
 * What ends a label: `:` `=` a dash, the full-width colon Chinese and Japanese text writes (`密码：`),
 * or an arrow (`Password -> x`, `Login => y`: the arrow whole, never a password opening with `>`).
 */
export const LABEL_END = String.raw`(?:-{1,2}>|=>|[:：=\-–])`;
