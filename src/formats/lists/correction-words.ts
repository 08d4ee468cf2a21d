// The words a seller's reply says a password changed with, or takes back a correction it just
// made, in the languages accounts were sold in (the same as place-words.ts: English, Spanish,
// Portuguese, German, French, Italian, Russian, Polish, Turkish, Vietnamese, Indonesian, Chinese,
// Japanese, Korean). English stays in reply-corrections.ts, where its `\b` forms were tuned; these
// are the others. One list, so every reader of replies knows the same words.
//
// Only forms that report a change are here (`cambió`, `geändert`, `изменён`, `değiştirildi`,
// `已更改`, `変更しました`), never an imperative (`cambia la contraseña`, `ändern Sie das Passwort`,
// `измените пароль`): a delivery telling the buyer to change the password after the first login
// corrects nothing.

/** Before and after a word of a script with blanks: no letter or digit glued to it. */
const A = String.raw`(?<![\p{L}\p{N}])`;
const Z = String.raw`(?![\p{L}\p{N}])`;
const words = (list: string) => String.raw`${A}(?:${list})${Z}`;

/** "The password was changed / I changed the password": a change reported, in each language. */
const CHANGED_LIST = [
  // Spanish, Portuguese.
  String.raw`cambi[óo]|cambi[ée]|cambiad[ao]|actualizad[ao]|modificad[ao]|restablecid[ao]|corregid[ao]|alterad[ao]|alterei|mudad[ao]|mudei|atualizad[ao]|trocad[ao]|troquei|redefinid[ao]|corrigid[ao]`,
  // German, French, Italian.
  String.raw`geändert|geaendert|änderte|aktualisiert|zurückgesetzt|korrigiert|changé|modifié|mis\s+à\s+jour|réinitialisé|corrigé|cambiat[ao]|modificat[ao]|aggiornat[ao]|reimpostat[ao]`,
  // Russian, Polish, Turkish.
  String.raw`измен[её]н\p{L}*|изменил\p{L}*|поменял\p{L}*|сменил\p{L}*|обновл[её]н\p{L}*|обновил\p{L}*|сброшен\p{L}*|исправил\p{L}*|исправлен\p{L}*|zmienion\p{L}*|zmieniłe[mś]|zmieniłam|zaktualizowan\p{L}*|zresetowan\p{L}*|poprawion\p{L}*|değişti|değiştirdim|değiştirildi|güncellendi|sıfırlandı|düzeltildi`,
  // Vietnamese, Indonesian.
  String.raw`đã\s+(?:được\s+)?(?:đổi|thay\s+đổi|cập\s+nhật|sửa)|(?:sudah|telah)\s+(?:di)?(?:ganti|ubah|perbarui)|diganti|diubah|diperbarui`,
].join('|');
/** Chinese, Japanese and Korean write no blanks: their forms stand in the sentence as they are. */
const CHANGED_CJK = String.raw`已(?:经|經)?(?:更改|修改|改|更新|重置|换|換)|改了|改成|改为|改為|更改为|更改為|修改为|修改為|换了|換了|変更(?:しました|されました|済み|した)|変えました|リセットしました|更新しました|변경(?:되었|됐|했|하였)|바뀌었|바꿨|바꾸었|재설정(?:되었|됐|했)`;
export const CHANGED = String.raw`${words(CHANGED_LIST)}|${CHANGED_CJK}`;

/** "new", "correct", "right" before or after a password's word (`la contraseña nueva es`, `das neue Passwort:`). */
export const NEW_WORDS = String.raw`${words(String.raw`nuev[ao]|correct[ao]|verdader[ao]|nov[ao]|corret[ao]|cert[ao]|neu|neue[snm]?|richtige[snm]?|korrekte[snm]?|nouveau|nouvel|nouvelle|bon|correcte?|nuov[ao]|giust[ao]|corrett[ao]|нов\p{L}*|правильн\p{L}*|верн\p{L}*|now\p{L}*|poprawn\p{L}*|prawidłow\p{L}*|yeni|doğru|mới|đúng|baru|benar`)}|新的?|正确的?|正確的?|新しい|正しい|새로운|새|올바른|맞는`;

/**
 * A line taking back the correction just made, even with nothing else to say which value is
 * right (`en realidad`, `eigentlich`, `на самом деле`, `其实`, `実は`): as English `instead`,
 * `I meant`, `typo`, `should be`.
 */
const TAKE_BACK_LIST = [
  String.raw`en\s+realidad|mejor\s+dicho|quise\s+decir|me\s+equivoqu[ée]|en\s+vez\s+de|deber[íi]a\s+ser|na\s+verdade|quis\s+dizer|errei|em\s+vez\s+de|deveria\s+ser`,
  String.raw`eigentlich|stattdessen|ich\s+meinte|tippfehler|vertippt|en\s+fait|plutôt|je\s+voulais\s+dire|faute\s+de\s+frappe|au\s+lieu\s+de|je\s+me\s+suis\s+tromp[ée]e?|in\s+realtà|anzi|volevo\s+dire|invece|mi\s+sono\s+sbagliat[oa]`,
  String.raw`на\s+самом\s+деле|вернее|точнее|ошибся|ошиблась|опечатка|вместо|właściwie|miałe[mś]\s+na\s+myśli|miałam\s+na\s+myśli|literówka|pomyłka|zamiast|pomyliłe[mś]|aslında|yanlış|yerine|demek\s+istedim`,
  String.raw`thực\s+ra|nhầm|thay\s+vì|sebenarnya|seharusnya|maksud\s+saya`,
].join('|');
const TAKE_BACK_CJK = String.raw`其实|其實|打错|打錯|写错|寫錯|弄错|弄錯|更正|应该是|應該是|実は|間違|訂正|正しくは|사실은|잘못|오타|정정`;
export const TAKE_BACK = String.raw`${words(TAKE_BACK_LIST)}|${TAKE_BACK_CJK}`;

/**
 * The words a line taking a correction back may hold besides its value and still say nothing
 * else (`perdón, es Y`, `Entschuldigung: Y`, `抱歉，是Y`): "sorry" and "it is" in each language.
 */
export const WEAK = String.raw`${words(String.raw`perd[óo]n|lo\s+siento|disculpa|disculpe|desculpe|desculpa|entschuldigung|entschuldige|désolée?|pardon|scusa|scusate|scusi|извините|простите|прошу\s+прощения|сорри|przepraszam|özür\s+dilerim|xin\s+lỗi|maaf|es|ist|est|é|è|c'est|это|jest|là|adalah|es\s+ist|it's`)}|抱歉|不好意思|对不起|對不起|是|すみません|ごめんなさい|ごめん|申し訳ありません|です|죄송합니다|죄송해요|미안해요|입니다`;
