// The words sellers and checkers write before a trainer level, in the languages accounts were
// sold in: `Level 30`, `lvl 30`, `LV 30`, French and Dutch `niveau 30` (`niv. 30`), Spanish and
// Portuguese `nivel 30` / `nível 30`, Italian `livello 30`, German `Stufe 30`, Polish `poziom 30`,
// Turkish `seviye 30`, Indonesian `tingkat 30`, Malay `tahap 30`, Vietnamese `cấp 30`, Hungarian
// `szint 30`, Swedish and Norwegian `nivå 30`, Czech and Slovak `úroveň 30` (the same languages as
// a list's column names, columns.ts, and a mail's labels, foreign-labels.ts; each word as the
// game's own localisation and the shops of that language write "level"). One list, so that a
// product line, a note after an account, a mail's label, a heading and a checker's field all know
// the same words.

/**
 * A level word as a regex alternative (longest first; no group) that opens with an ASCII letter,
 * so that `\b` bounds it. The bare `L` of `L30` is not in it.
 */
export const LEVEL_WORDS = String.raw`level|lvl|lv|niveau|n[ií]vel|niv|livello|stufe|poziom|seviye|tingkat|tahap|c[aấ]p[ \t]+đ[oộ]|cấp|szint|niv[aå]|urove[nň]`;

/**
 * Level words `\b` cannot bound (a first letter outside ASCII, or another script): Czech and Slovak
 * `Úroveň`, Russian `уровень`, Ukrainian `рівень`, Bulgarian and Serbian `ниво`, Greek `επίπεδο`,
 * Chinese `等级` / `級`, Japanese `レベル`, Korean `레벨`, Thai `เลเวล` / `ระดับ`, Arabic `المستوى`,
 * Persian `سطح`, Hebrew `רמה`, Hindi `स्तर` / `लेवल`.
 */
export const FOREIGN_LEVEL = String.raw`[úu]rove[nň]|уровень|рівень|ниво|επ[ιί]πεδο|等级|级别|等級|级|級|(?:トレーナー)?レベル|(?:트레이너[\s_-]*)?레벨|เลเวล|ระดับ|المستوى|مستوى|سطح|רמה|स्तर|लेवल`;

/** Every level word, of any script: where a blank or a mark, not `\b`, stands before it. */
export const ANY_LEVEL_WORDS = `${LEVEL_WORDS}|${FOREIGN_LEVEL}`;

/**
 * The ASCII letters a level word of LEVEL_WORDS may end with (`30lvl`, `30 seviye`), for a cheap look
 * before a regex; a word ending outside ASCII (`30 cấp độ`, `30레벨`) is always let through to it.
 * test/formats/level-words.test.ts checks every word of the list against it.
 */
export const LEVEL_WORD_LAST = 'lvuomeptan';
