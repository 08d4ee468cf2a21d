// How sellers write "the password changed to X" and "the password is X" around the new value, one
// row per phrasing, `{P}` where the value stands (before, after or inside the words: `auf {P}
// geändert`, `{P}に変更`). The readers of corrections (reply-corrections.ts) take a sentence naming
// a password and holding one of these as saying the password changed, with the value at `{P}`:
// a new wording is one row here. The words are those of sellers' mails in each language the
// accounts were sold in (the same as correction-words.ts), in the forms a report of a change
// takes (past participle or past tense, never an imperative: `ändern Sie es auf X` asks the
// buyer to change it).

/** [language, phrasing]: `{P}` is the value; a blank stands for any run of blanks. */
export const PHRASINGS: readonly (readonly [string, string])[] = [
  ['en', 'changed to {P}'],
  ['en', 'changed it to {P}'],
  ['en', 'updated to {P}'],
  ['en', 'reset to {P}'],
  ['es', 'cambiada a {P}'],
  ['es', 'cambiado a {P}'],
  ['es', 'cambiada por {P}'],
  ['es', 'cambié a {P}'],
  ['pt', 'alterada para {P}'],
  ['pt', 'alterado para {P}'],
  ['pt', 'mudada para {P}'],
  ['pt', 'trocada para {P}'],
  ['pt', 'redefinida para {P}'],
  ['de', 'geändert in {P}'],
  ['de', 'geändert zu {P}'],
  ['de', 'auf {P} geändert'],
  ['de', 'auf {P} zurückgesetzt'],
  ['de', 'lautet {P}'],
  ['de', 'lautet jetzt {P}'],
  ['fr', 'changé en {P}'],
  ['fr', 'changé pour {P}'],
  ['fr', 'modifié en {P}'],
  ['fr', 'réinitialisé à {P}'],
  ['it', 'cambiata in {P}'],
  ['it', 'modificata in {P}'],
  ['ru', 'изменён на {P}'],
  ['ru', 'изменен на {P}'],
  ['ru', 'поменял на {P}'],
  ['ru', 'сменил на {P}'],
  ['pl', 'zmienione na {P}'],
  ['pl', 'zmieniłem na {P}'],
  ['tr', '{P} olarak değiştirildi'],
  ['tr', '{P} olarak değiştirdim'],
  ['vi', 'đổi thành {P}'],
  ['vi', 'đổi sang {P}'],
  ['vi', 'thay đổi thành {P}'],
  ['id', 'diganti menjadi {P}'],
  ['id', 'diubah menjadi {P}'],
  ['zh', '改为{P}'],
  ['zh', '改為{P}'],
  ['zh', '改成{P}'],
  ['zh', '更改为{P}'],
  ['zh', '修改为{P}'],
  ['ja', '{P}に変更'],
  ['ja', '{P}へ変更'],
  ['ja', '{P}に変えました'],
  ['ko', '{P}로 변경'],
  ['ko', '{P}으로 변경'],
  ['ko', '{P}로 바뀌었'],
  ['ko', '{P}(으)로 변경'],
];

/**
 * A value as the readers take one: no blank, no quote (quotes around it are dropped), and no
 * Chinese, Japanese or Korean letter, which a sentence glues to it (`パスワードをX に変更`): a
 * PTC password is ASCII. A full stop or comma after it is the caller's to drop.
 */
const VALUE = String.raw`["'“‘\x60]?([^\s"'”’\x60\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)["'”’\x60]?`;
/** A word of a script written with blanks is bounded by letters; Chinese, Japanese and Korean words are glued to theirs. */
const NO_BLANKS = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(phrasing: string): string {
  const [before, after] = phrasing.split('{P}') as [string, string];
  const words = (s: string) => escape(s.trim()).replace(/\s+/g, String.raw`\s+`);
  const head = before.trim() === '' ? '' : `${NO_BLANKS.test(before) ? '' : String.raw`(?<![\p{L}\p{N}])`}${words(before)}${before.endsWith(' ') ? String.raw`\s*` : ''}`;
  const tail = after.trim() === '' ? '' : `${after.startsWith(' ') ? String.raw`\s*` : ''}${words(after)}`;
  return `${head}${VALUE}${tail}`;
}

const PHRASED = PHRASINGS.map(([, phrasing]) => new RegExp(compile(phrasing), 'iu'));

/** The values the phrasings of `s` put at `{P}` (raw: the caller cleans and shapes them), none when no row matches. */
export function phrasedValues(s: string): string[] {
  const out: string[] = [];
  for (const re of PHRASED) {
    const m = re.exec(s);
    if (m) out.push(m[1]!);
  }
  return out;
}
