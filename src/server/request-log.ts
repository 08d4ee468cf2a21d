// One log line per request: when, method, path, status, milliseconds, and what happened in counts.
//
// Built only from values the server chose to show: the path without its query (a `token=` there is
// a secret), never a header or a body, so no password or token can reach the log. Usernames and
// system ids do appear, in error messages: they are what an operator needs to find a problem.
export type LogSink = (line: string) => void;

export interface LogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** Counts and names, e.g. { system_id: 'east', asked: 1, given: 1 }. */
  details?: Record<string, string | number | undefined>;
  error?: string;
}

function value(v: string | number): string {
  const text = String(v);
  return /^[\w./:@-]+$/.test(text) ? text : JSON.stringify(text);
}

export function formatLogLine(entry: LogEntry, at = new Date()): string {
  const parts = [at.toISOString(), entry.method, entry.path, String(entry.status), `${entry.ms.toFixed(1)}ms`];
  for (const [key, v] of Object.entries(entry.details ?? {})) if (v !== undefined) parts.push(`${key}=${value(v)}`);
  if (entry.error !== undefined) parts.push(`error=${JSON.stringify(entry.error)}`);
  return parts.join(' ');
}
