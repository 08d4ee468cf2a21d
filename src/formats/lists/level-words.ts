// The words sellers and checkers write before a trainer level, in the languages accounts were
// sold in: `Level 30`, `lvl 30`, `LV 30`, French and Dutch `niveau 30` (`niv. 30`), Spanish and
// Portuguese `nivel 30` / `nível 30`, Italian `livello 30`, German `Stufe 30`, Polish `poziom 30`
// (the same languages as a list's column names, columns.ts). One list, so that a product line,
// a note after an account, a mail's label and a checker's field all know the same words.

/** A level word as a regex alternative (longest first; no group). The bare `L` of `L30` is not in it. */
export const LEVEL_WORDS = String.raw`level|lvl|lv|niveau|n[ií]vel|niv|livello|stufe|poziom`;
