// The shared-secret check for `serve --token`. PGPool had none (it trusted its network); we
// listen on loopback by default and, with a token, refuse every request that does not carry it.
//
// Accepted carriers, so every client can be configured somehow:
//   Authorization: Bearer SECRET      (curl -H, most HTTP libraries)
//   X-Accountpool-Token: SECRET       (tools that only let you add a plain header)
//   ?token=SECRET                     (tools that only let you edit a URL)
// Unmodified PGPool clients append `/account/request` to their configured URL and add no header,
// so they cannot carry a token: run them against a loopback server without one, or behind a proxy
// that adds the header.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The token a request presents, or undefined. */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1]!.trim();
  }
  const header = headers['x-accountpool-token'];
  if (typeof header === 'string' && header.length > 0) return header;
  return query.get('token') ?? undefined;
}

/**
 * Whether `presented` is the expected token. Hashing both sides first makes the comparison
 * constant-time whatever their lengths, so the answer time says nothing about the secret.
 */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(digest(expected), digest(presented));
}
