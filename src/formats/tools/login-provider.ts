// The provider a bot's config names for its login, as the C# bots' `Enum.Parse(..., true)` and the
// Node bots' lower-cased comparisons read it: `ptc` or `google` in any case, blanks around ignored.
// Anything else names no login this pool can hand out, so the readers refuse it by its line.

/** `ptc` or `google`, or undefined for any other value. */
export function namedProvider(value: unknown): 'ptc' | 'google' | undefined {
  const t = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return t === 'ptc' || t === 'google' ? t : undefined;
}
