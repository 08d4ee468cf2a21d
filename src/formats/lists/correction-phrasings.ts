// How sellers write a password correction, in the languages accounts were sold in (the same as
// place-words.ts: English, Spanish, Portuguese, German, French, Italian, Russian, Polish, Turkish,
// Vietnamese, Indonesian, Chinese, Japanese, Korean): one row per wording, so a new wording is one
// row here. The readers of corrections (reply-corrections.ts, through correction-words.ts) build
// every pattern from these rows.
//
// Kinds of row:
// - `to`: a phrasing around the new value, `{P}` where the value stands (before, after or inside
//   the words: `auf {P} geändert`, `{P}に変更`); literal text, a blank standing for any run of blanks.
//   A sentence naming a password and holding one says the password changed, with the value at `{P}`.
// - `changed`: a word reporting a change (`cambió`, `geändert`, `изменён`, `已更改`).
// - `new`: `new`, `correct`, `right` beside a password's word (`la contraseña nueva`, `新密码`).
// - `take-back`: words taking back the correction just made (`instead`, `eigentlich`, `其实`).
// - `weak`: words a take-back line may hold besides its value and still say nothing else (`sorry`, `es`, `抱歉`).
// - `value`: a word after which a sentence about a password gives its value (`is`, `now`, `use`,
//   `try`; `es`, `ist`, `est`, `теперь`, `是`, `は`): `the new password is X`, `пароль теперь X`.
// - English only: `wrong` (a delivered password said wrong), `use` (`use`, `login with`), `again`
//   (`actually`, `ignore the password above`: a later correction replacing an earlier one).
// Words are regex sources (`cambi[óo]`: either spelling; `\p{L}*`: any ending), a blank standing for
// any run of blanks; a word of a script written with blanks is bounded by letters, a Chinese,
// Japanese or Korean one stands glued to its sentence as it is.
//
// Only forms that report a change are here (past participle or past tense), never an imperative
// (`cambia la contraseña`, `ändern Sie es auf X`, `измените пароль`): a delivery telling the buyer
// to change the password after the first login corrects nothing.
import { onFirstUse } from '../on-first-use.js';

export type WordingKind = 'to' | 'changed' | 'new' | 'take-back' | 'weak' | 'value' | 'wrong' | 'use' | 'again';
export type Wording = readonly [language: string, kind: WordingKind, wording: string];

const each = (language: string, kind: WordingKind, ...wordings: string[]): Wording[] => wordings.map((w) => [language, kind, w] as const);

/** Every wording, by language (English first), then kind. */
export const WORDINGS: readonly Wording[] = [
  ...each('en', 'to', 'changed to {P}', 'changed it to {P}', 'updated to {P}', 'reset to {P}'),
  ...each('en', 'changed', 'changed', 'corrected', 'fixed', 'updated', 'reset'),
  ...each('en', 'new', 'new', 'correct', 'right', 'updated', 'real', 'actual', 'proper'),
  ...each('en', 'take-back', 'instead', 'make that', 'i mean[t]?', 'meant', 'should (?:be|have been|read)', 'typo', String.raw`not \S+ but`),
  ...each('en', 'weak', 'sorry', 'sry', 'oops', 'my bad', 'use', 'try', 'actually', 'wait', 'no', 'it', "it's", 'its', 'is', 'was', 'i', 'mean', 'meant', 'the', 'one', 'new', 'right', 'correct'),
  ...each('en', 'value', 'is', 'to', 'now', 'use', 'try', 'as', 'actually', 'really'),
  ...each('en', 'wrong', 'wrong', 'incorrect', 'mistake', 'mistyped', 'oops'),
  ...each('en', 'use', 'use', 'try', 'login with', 'log in with'),
  ...each('en', 'again', 'actually', 'ignore', 'previous', 'above'),

  ...each('es', 'to', 'cambiada a {P}', 'cambiado a {P}', 'cambiada por {P}', 'cambié a {P}'),
  ...each('es', 'changed', 'cambi[óo]', 'cambi[ée]', 'cambiad[ao]', 'actualizad[ao]', 'modificad[ao]', 'restablecid[ao]', 'corregid[ao]'),
  ...each('es', 'new', 'nuev[ao]', 'correct[ao]', 'verdader[ao]'),
  ...each('es', 'take-back', 'en realidad', 'mejor dicho', 'quise decir', 'me equivoqu[ée]', 'en vez de', 'deber[íi]a ser'),
  ...each('es', 'weak', 'perd[óo]n', 'lo siento', 'disculpa', 'disculpe', 'es'),
  ...each('es', 'value', 'es', 'ahora'),

  ...each('pt', 'to', 'alterada para {P}', 'alterado para {P}', 'mudada para {P}', 'trocada para {P}', 'redefinida para {P}'),
  ...each('pt', 'changed', 'alterad[ao]', 'alterei', 'mudad[ao]', 'mudei', 'atualizad[ao]', 'trocad[ao]', 'troquei', 'redefinid[ao]', 'corrigid[ao]'),
  ...each('pt', 'new', 'nov[ao]', 'corret[ao]', 'cert[ao]'),
  ...each('pt', 'take-back', 'na verdade', 'quis dizer', 'errei', 'em vez de', 'deveria ser'),
  ...each('pt', 'weak', 'desculpe', 'desculpa', 'é'),
  ...each('pt', 'value', 'é', 'agora'),

  ...each('de', 'to', 'geändert in {P}', 'geändert zu {P}', 'auf {P} geändert', 'auf {P} zurückgesetzt', 'lautet {P}', 'lautet jetzt {P}'),
  ...each('de', 'changed', 'geändert', 'geaendert', 'änderte', 'aktualisiert', 'zurückgesetzt', 'korrigiert'),
  ...each('de', 'new', 'neu', 'neue[snm]?', 'richtige[snm]?', 'korrekte[snm]?'),
  ...each('de', 'take-back', 'eigentlich', 'stattdessen', 'ich meinte', 'tippfehler', 'vertippt'),
  ...each('de', 'weak', 'entschuldigung', 'entschuldige', 'ist', 'es ist'),
  ...each('de', 'value', 'ist', 'jetzt'),

  ...each('fr', 'to', 'changé en {P}', 'changé pour {P}', 'modifié en {P}', 'réinitialisé à {P}'),
  ...each('fr', 'changed', 'changé', 'modifié', 'mis à jour', 'réinitialisé', 'corrigé'),
  ...each('fr', 'new', 'nouveau', 'nouvel', 'nouvelle', 'bon', 'correcte?'),
  ...each('fr', 'take-back', 'en fait', 'plutôt', 'je voulais dire', 'faute de frappe', 'au lieu de', 'je me suis tromp[ée]e?'),
  ...each('fr', 'weak', 'désolée?', 'pardon', 'est', "c'est"),
  ...each('fr', 'value', 'est', 'maintenant'),

  ...each('it', 'to', 'cambiata in {P}', 'modificata in {P}'),
  ...each('it', 'changed', 'cambiat[ao]', 'modificat[ao]', 'aggiornat[ao]', 'reimpostat[ao]'),
  ...each('it', 'new', 'nuov[ao]', 'giust[ao]', 'corrett[ao]'),
  ...each('it', 'take-back', 'in realtà', 'anzi', 'volevo dire', 'invece', 'mi sono sbagliat[oa]'),
  ...each('it', 'weak', 'scusa', 'scusate', 'scusi', 'è'),
  ...each('it', 'value', 'è'),

  ...each('ru', 'to', 'изменён на {P}', 'изменен на {P}', 'поменял на {P}', 'сменил на {P}'),
  ...each('ru', 'changed', String.raw`измен[её]н\p{L}*`, String.raw`изменил\p{L}*`, String.raw`поменял\p{L}*`, String.raw`сменил\p{L}*`, String.raw`обновл[её]н\p{L}*`, String.raw`обновил\p{L}*`, String.raw`сброшен\p{L}*`, String.raw`исправил\p{L}*`, String.raw`исправлен\p{L}*`),
  ...each('ru', 'new', String.raw`нов\p{L}*`, String.raw`правильн\p{L}*`, String.raw`верн\p{L}*`),
  ...each('ru', 'take-back', 'на самом деле', 'вернее', 'точнее', 'ошибся', 'ошиблась', 'опечатка', 'вместо'),
  ...each('ru', 'weak', 'извините', 'простите', 'прошу прощения', 'сорри', 'это'),
  ...each('ru', 'value', 'теперь', 'сейчас', 'это'),

  ...each('pl', 'to', 'zmienione na {P}', 'zmieniłem na {P}'),
  ...each('pl', 'changed', String.raw`zmienion\p{L}*`, 'zmieniłe[mś]', 'zmieniłam', String.raw`zaktualizowan\p{L}*`, String.raw`zresetowan\p{L}*`, String.raw`poprawion\p{L}*`),
  ...each('pl', 'new', String.raw`now\p{L}*`, String.raw`poprawn\p{L}*`, String.raw`prawidłow\p{L}*`),
  ...each('pl', 'take-back', 'właściwie', 'miałe[mś] na myśli', 'miałam na myśli', 'literówka', 'pomyłka', 'zamiast', 'pomyliłe[mś]'),
  ...each('pl', 'weak', 'przepraszam', 'jest'),
  ...each('pl', 'value', 'jest'),

  ...each('tr', 'to', '{P} olarak değiştirildi', '{P} olarak değiştirdim'),
  ...each('tr', 'changed', 'değişti', 'değiştirdim', 'değiştirildi', 'güncellendi', 'sıfırlandı', 'düzeltildi'),
  ...each('tr', 'new', 'yeni', 'doğru'),
  ...each('tr', 'take-back', 'aslında', 'yanlış', 'yerine', 'demek istedim'),
  ...each('tr', 'weak', 'özür dilerim'),

  ...each('vi', 'to', 'đổi thành {P}', 'đổi sang {P}', 'thay đổi thành {P}'),
  ...each('vi', 'changed', 'đã (?:được )?(?:đổi|thay đổi|cập nhật|sửa)'),
  ...each('vi', 'new', 'mới', 'đúng'),
  ...each('vi', 'take-back', 'thực ra', 'nhầm', 'thay vì'),
  ...each('vi', 'weak', 'xin lỗi', 'là'),
  ...each('vi', 'value', 'là', 'giờ'),

  ...each('id', 'to', 'diganti menjadi {P}', 'diubah menjadi {P}'),
  ...each('id', 'changed', '(?:sudah|telah) (?:di)?(?:ganti|ubah|perbarui)', 'diganti', 'diubah', 'diperbarui'),
  ...each('id', 'new', 'baru', 'benar'),
  ...each('id', 'take-back', 'sebenarnya', 'seharusnya', 'maksud saya'),
  ...each('id', 'weak', 'maaf', 'adalah'),
  ...each('id', 'value', 'adalah', 'ialah', 'sekarang'),

  ...each('zh', 'to', '改为{P}', '改為{P}', '改成{P}', '更改为{P}', '修改为{P}'),
  ...each('zh', 'changed', '已(?:经|經)?(?:更改|修改|改|更新|重置|换|換)', '改了', '改成', '改为', '改為', '更改为', '更改為', '修改为', '修改為', '换了', '換了'),
  ...each('zh', 'new', '新的?', '正确的?', '正確的?'),
  ...each('zh', 'take-back', '其实', '其實', '打错', '打錯', '写错', '寫錯', '弄错', '弄錯', '更正', '应该是', '應該是'),
  ...each('zh', 'weak', '抱歉', '不好意思', '对不起', '對不起', '是'),
  ...each('zh', 'value', '是', '為', '为'),

  ...each('ja', 'to', '{P}に変更', '{P}へ変更', '{P}に変えました'),
  ...each('ja', 'changed', '変更(?:しました|されました|済み|した)', '変えました', 'リセットしました', '更新しました'),
  ...each('ja', 'new', '新しい', '正しい'),
  ...each('ja', 'take-back', '実は', '間違', '訂正', '正しくは'),
  ...each('ja', 'weak', 'すみません', 'ごめんなさい', 'ごめん', '申し訳ありません', 'です'),
  ...each('ja', 'value', 'は'),

  ...each('ko', 'to', '{P}로 변경', '{P}으로 변경', '{P}로 바뀌었', '{P}(으)로 변경'),
  ...each('ko', 'changed', '변경(?:되었|됐|했|하였)', '바뀌었', '바꿨', '바꾸었', '재설정(?:되었|됐|했)'),
  ...each('ko', 'new', '새로운', '새', '올바른', '맞는'),
  ...each('ko', 'take-back', '사실은', '잘못', '오타', '정정'),
  ...each('ko', 'weak', '죄송합니다', '죄송해요', '미안해요', '입니다'),
  ...each('ko', 'value', '는', '은'),
];

/** [language, phrasing] of the `to` rows: `{P}` is the value. */
export const PHRASINGS: readonly (readonly [string, string])[] = WORDINGS.filter(([, kind]) => kind === 'to').map(([language, , w]) => [language, w] as const);

/**
 * A value as the readers take one: no blank, no quote (quotes around it are dropped), and no
 * Chinese, Japanese or Korean letter, which a sentence glues to it (`パスワードをX に変更`): a
 * PTC password is ASCII. A full stop or comma after it is the caller's to drop.
 */
const VALUE_CHAR = String.raw`[^\s"'”’\x60\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]`;
const VALUE = String.raw`["'“‘\x60]?(${VALUE_CHAR}+)["'”’\x60]?`;
/**
 * Where a value-first phrasing (`Xに変更`, `X olarak değiştirildi`) may start: not inside a run of
 * value characters, unless at a quote that is none (`"`, `'`, a backtick). The leftmost match never
 * starts there (one a character earlier takes that character too), but the search tried each
 * start of the run and read the rest of it again: a run of 4,000 `“` took 8 s a pattern.
 */
const VALUE_START = String.raw`(?:(?<!${VALUE_CHAR})|(?=["'\x60]))`;
/** A word of a script written with blanks is bounded by letters; Chinese, Japanese and Korean words are glued to theirs. */
export const NO_BLANKS = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(phrasing: string): string {
  const [before, after] = phrasing.split('{P}') as [string, string];
  const words = (s: string) => escape(s.trim()).replace(/\s+/g, String.raw`\s+`);
  const head = before.trim() === '' ? '' : `${NO_BLANKS.test(before) ? '' : String.raw`(?<![\p{L}\p{N}])`}${words(before)}${before.endsWith(' ') ? String.raw`\s*` : ''}`;
  const tail = after.trim() === '' ? '' : `${after.startsWith(' ') ? String.raw`\s*` : ''}${words(after)}`;
  return `${head === '' ? VALUE_START : head}${VALUE}${tail}`;
}

/** One pattern a row, made on first use (on-first-use.ts). */
const PHRASED = onFirstUse(() => PHRASINGS.map(([, phrasing]) => new RegExp(compile(phrasing), 'iu')));

/** The values the phrasings of `s` put at `{P}` (raw: the caller cleans and shapes them), none when no row matches. */
export function phrasedValues(s: string): string[] {
  const out: string[] = [];
  for (const re of PHRASED()) {
    const m = re.exec(s);
    if (m) out.push(m[1]!);
  }
  return out;
}
