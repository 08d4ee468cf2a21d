// A shard summary's counts: its distinct tuples and how many accounts hold each. Every kind of
// summary counts a shard's lines this way (standing-summary.ts `summarize`, timed-summary.ts
// `summarizeTimed` and its count over the change log's records), and the carry over a fold
// (summary-fold.ts) takes each replaced line's old tuple off and puts its new one on. A tuple is
// known by its JSON text, the form it is saved in.
export class TupleTally<T> {
  private readonly ids: Map<string, number>;

  /** Counts as saved (`tuples[n]` held by `counts[n]` accounts); the arrays are the tally's own from here on. */
  constructor(
    readonly tuples: T[] = [],
    readonly counts: number[] = [],
  ) {
    this.ids = new Map(tuples.map((tuple, n) => [JSON.stringify(tuple), n]));
  }

  /** One more account holding `tuple`. */
  add(tuple: T): void {
    const id = JSON.stringify(tuple);
    let n = this.ids.get(id);
    if (n === undefined) {
      this.ids.set(id, (n = this.tuples.push(tuple) - 1));
      this.counts.push(0);
    }
    this.counts[n]!++;
  }

  /** One account fewer holding `tuple`; false (nothing changed) where no account with it is counted. */
  take(tuple: T): boolean {
    const n = this.ids.get(JSON.stringify(tuple));
    if (n === undefined || this.counts[n]! < 1) return false;
    this.counts[n]!--;
    return true;
  }
}
