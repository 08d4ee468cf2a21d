// A MySQL DATETIME that its tool wrote in UTC (Map-A-Droid's TZDateTime, peewee fields filled with
// datetime.utcnow()), as ISO; PGPool's DATETIMEs are the server's local time (pgpool-row.ts
// mysqlDatetime). MySQL's zero date (`0000-00-00 00:00:00`) is no time.

/** The DATETIME `v` read as UTC, or undefined (NULL, the zero date, not a DATETIME). */
export function mysqlUtcDatetime(v: string | null | undefined): string | undefined {
  const m = v ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(v) : null;
  if (!m || m[1] === '0000') return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)).toISOString();
}
