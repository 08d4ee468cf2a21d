// A correction's sentence with the values it gives blanked out, for the question which login it
// names: a piece of a new password (`Fresh!Pass42`: `pass42`) is no login the sentence names. Its
// own file, below reply-corrections.ts and letters-login.ts, so both ask it the one way
// (reply-corrections.ts imports letters-login.ts: the helper there made a cycle).

/** The sentence with each value it gives blanked out (an empty value blanks nothing). */
export function withoutValues(s: string, values: readonly string[]): string {
  return values.reduce((t, v) => (v === '' ? t : t.split(v).join(' ')), s);
}
