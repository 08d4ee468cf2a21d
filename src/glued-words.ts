// A name's words where a tool or a seller glued them in lower case (`accountpin`, `backupcodes`,
// `recoveryemail`): no case change or separator tells where one word ends, so a run of letters is
// read as words only when it splits wholly into words of a small dictionary. A run with any piece
// outside it stays one word: `spins` is no `s` + `pins`, `pinap` no `pin` + `ap`, `shadowbanned`
// no words at all, so a scanner's counter is never read as a word it merely contains.

/** Most ways one run is split: names are short and the dictionaries small, this only bounds a pathological one. */
const MOST_SPLITS = 16;

/**
 * Every way `run` (lower-case letters) splits wholly into words of `dictionary` (longest first),
 * at most MOST_SPLITS; none when a piece of it is no word there.
 */
export function gluedSplits(run: string, dictionary: ReadonlySet<string>, longest: number): string[][] {
  const splits: string[][] = [];
  // No way from a position on (memo): `run` is at most 64 letters, so this stays linear-ish.
  const dead = new Set<number>();
  const walk = (from: number, words: string[]): boolean => {
    if (from === run.length) {
      splits.push([...words]);
      return true;
    }
    if (dead.has(from)) return false;
    let any = false;
    for (let end = Math.min(run.length, from + longest); end > from && splits.length < MOST_SPLITS; end--) {
      const word = run.slice(from, end);
      if (!dictionary.has(word)) continue;
      words.push(word);
      if (walk(end, words)) any = true;
      words.pop();
    }
    if (!any) dead.add(from);
    return any;
  };
  walk(0, []);
  return splits;
}

/**
 * For each position `i` of `run` (0..length), whether `run.slice(0, i)` splits wholly into words
 * of `dictionary`: one pass, no split made, so a reader can ask it of every prefix of a run at once.
 */
export function wholePrefixes(run: string, dictionary: ReadonlySet<string>, longest: number): boolean[] {
  const whole = [true];
  for (let end = 1; end <= run.length; end++) {
    let any = false;
    for (let from = Math.max(0, end - longest); from < end && !any; from++) any = whole[from]! && dictionary.has(run.slice(from, end));
    whole.push(any);
  }
  return whole;
}

/** For each position `i` of `run`, whether `run.slice(i)` splits wholly into words of `dictionary` (wholePrefixes read from the end). */
export function wholeSuffixes(run: string, dictionary: ReadonlySet<string>, longest: number): boolean[] {
  const whole: boolean[] = [];
  whole[run.length] = true;
  for (let from = run.length - 1; from >= 0; from--) {
    let any = false;
    for (let end = Math.min(run.length, from + longest); end > from && !any; end--) any = whole[end]! && dictionary.has(run.slice(from, end));
    whole[from] = any;
  }
  return whole;
}
