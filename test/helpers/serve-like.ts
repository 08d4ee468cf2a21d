// Which accounts (by position in the pool) round ROUND of the serve-like worker changes.
export function touchedIn(round: number, size: number): number[] {
  return Array.from({ length: 40 }, (_, i) => (i * 97 + round * 13) % size);
}
