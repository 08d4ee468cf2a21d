// A posted JSON value as a message shows it: a text quoted and cut, a number or true/false as
// written, and a list or an object by its JSON type. String() made `[1]` read `"1"` and `{}`
// read `"[object Object]"`, so `"level": [1]` was told `not "1"`, as if a text had come.
const CUT = 20;

export function postedValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, CUT));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** The same, fit to stand before a verb: `level (a list) is not a level`. */
export function postedValueInline(value: unknown): string {
  const shown = postedValue(value);
  return value !== null && typeof value === 'object' ? `(${shown})` : shown;
}
