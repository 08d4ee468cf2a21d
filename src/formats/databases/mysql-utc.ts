// A MySQL DATETIME that its tool wrote in UTC (Map-A-Droid's TZDateTime, peewee fields filled with
// datetime.utcnow()), as ISO; PGPool's DATETIMEs are the server's local time (pgpool-row.ts
// mysqlDatetime). Both read its fields here, one rule: MySQL's zero date (`0000-00-00 00:00:00`) is no time.

/** The DATETIME `v`'s year, month (1-12), day, hours, minutes and seconds; undefined for NULL, the zero date, no DATETIME. */
export function mysqlDatetimeFields(v: string | null | undefined): [number, number, number, number, number, number] | undefined {
  const m = v ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(v) : null;
  if (!m || m[1] === '0000') return undefined;
  return m.slice(1).map(Number) as [number, number, number, number, number, number];
}

/** The DATETIME `v` read as UTC, or undefined (NULL, the zero date, not a DATETIME). */
export function mysqlUtcDatetime(v: string | null | undefined): string | undefined {
  const f = mysqlDatetimeFields(v);
  return f && new Date(Date.UTC(f[0], f[1] - 1, f[2], f[3], f[4], f[5])).toISOString();
}
