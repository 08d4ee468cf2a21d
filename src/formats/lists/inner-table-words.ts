// A column name that names a password, in the languages sellers' headers use (list-layout.ts's
// PASSWORD_PART, shared with inner-tables.ts).
export const PASSWORD_WORD = /pass|pw|kennwort|contras|senha|haslo|hasło|parol|пароль|密码|密碼|パスワード|비밀번호/i;
