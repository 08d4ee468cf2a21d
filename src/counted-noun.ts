// A count with its noun, the noun in the plural unless the count is one: `1 line`, `2 lines`,
// `0 accounts`. Every message that prints a number of things says it through here, so none
// says "1 lines" (stop 54).

/** `1 line`, `3 lines`; `many` for a noun whose plural is not `one` + `s` (`1 entry`, `2 entries`). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
