// An A/B comparison that says when it cannot tell: runs of A and B made in pairs (adjacent in
// time, in turn first: AB, BA, AB, ...) on a shared machine, where one run differs from the next by
// more than the difference looked for.
//
// Each pair gives one ratio A/B, which the machine's load of that moment hits on both sides alike.
// The median of the ratios comes with a distribution-free confidence interval (the order
// statistics a binomial sign test allows: no assumption about the noise's shape). A goal "A adds
// at most X %" is `met` when the whole interval lies at or below X, `missed` when it lies wholly
// above, and `undecided` otherwise: the runs could not tell, so neither is claimed.

/** The value at quantile q (0..1) of `values`, interpolated between neighbours. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export interface Spread {
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return { median: quantile(values, 0.5), q1: quantile(values, 0.25), q3: quantile(values, 0.75), min: Math.min(...values), max: Math.max(...values) };
}

/** P(X <= k) for X ~ Binomial(n, 1/2). */
function signTail(n: number, k: number): number {
  let term = 0.5 ** n;
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term = (term * (n - i + 1)) / i;
    sum += term;
  }
  return sum;
}

/**
 * A confidence interval of at least `level` for the median of `values`: the k-th smallest and
 * k-th largest, with k as large as the sign test allows. Undefined when there are too few values
 * for that level (fewer than 6 at 95 %).
 */
export function medianInterval(values: readonly number[], level = 0.95): { low: number; high: number; coverage: number } | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let k = 0;
  while (k + 1 <= n / 2 && 1 - 2 * signTail(n, k) >= level) k++;
  if (k === 0) return undefined;
  return { low: sorted[k - 1]!, high: sorted[n - k]!, coverage: 1 - 2 * signTail(n, k - 1) };
}

export interface Comparison {
  a: Spread;
  b: Spread;
  /** a/b - 1 of each pair (0.05 is A costing 5 % more). */
  ratios: Spread;
  /** The 95 % interval of the median ratio, when there are pairs enough. */
  interval: { low: number; high: number; coverage: number } | undefined;
  /** Against "A adds at most `goal`". */
  verdict: 'met' | 'missed' | 'undecided';
}

/** Compares paired runs: a[i] and b[i] were made one right after the other. */
export function comparePaired(a: readonly number[], b: readonly number[], goal: number): Comparison {
  if (a.length !== b.length || a.length === 0) throw new Error(`comparePaired needs as many A runs as B runs (${a.length}, ${b.length})`);
  const ratios = a.map((value, i) => value / b[i]! - 1);
  const interval = medianInterval(ratios);
  const verdict = !interval ? 'undecided' : interval.high <= goal ? 'met' : interval.low > goal ? 'missed' : 'undecided';
  return { a: spreadOf(a), b: spreadOf(b), ratios: spreadOf(ratios), interval, verdict };
}

/** "+3.1 %" */
export function percent(share: number): string {
  return `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)} %`;
}

/** "+3.1 % (95 % interval -0.4 % to +6.0 %, 12 pairs): undecided against 5 %" */
export function describeVerdict(c: Comparison, goal: number): string {
  const pairs = `pairs from ${percent(c.ratios.min)} to ${percent(c.ratios.max)}`;
  const interval = c.interval ? `${(c.interval.coverage * 100).toFixed(0)} % interval ${percent(c.interval.low)} to ${percent(c.interval.high)}` : 'too few pairs for an interval';
  return `${percent(c.ratios.median)} (median of pairs; ${interval}; ${pairs}): ${c.verdict} against ${percent(goal).replace('+', '')}`;
}
