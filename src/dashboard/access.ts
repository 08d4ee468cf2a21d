// Who may see the dashboard when the server has a token. A browser cannot send a header by
// itself, so: the token is given once, in the login form (POST, so it never lands in the
// browser's history) or as `/?token=SECRET` (for a bookmark or a link from a script); the page
// answers with a cookie and sends the browser on to `/`, dropping the token from the address bar.
// From then on the cookie opens the page, and its automatic reload, for 30 days.
//
// The cookie holds a keyed hash of the token, not the token: it opens this page only, never the
// account API (which still wants the token itself), so a cookie that leaks cannot take accounts.
// HttpOnly (no script can read it; the page has none anyway), SameSite=Strict (no other site's
// page can make the browser send it).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { presentedToken, tokenMatches } from '../server/auth.js';

export const COOKIE = 'accountpool_dashboard';
const MAX_AGE_S = 30 * 24 * 3600;

export function cookieValue(token: string): string {
  return createHmac('sha256', token).update('accountpool dashboard cookie v1').digest('hex');
}

export function setCookieHeader(token: string): string {
  return `${COOKIE}=${cookieValue(token)}; Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Strict`;
}

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

function cookieMatches(req: IncomingMessage, token: string): boolean {
  const presented = Buffer.from(cookieOf(req) ?? '');
  const expected = Buffer.from(cookieValue(token));
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/**
 * `open`: show the page. `login`: the token was just given (`fromUrl`: in the address) — set the
 * cookie and send the browser to `/`. `denied`: show the login form.
 */
export function pageAccess(req: IncomingMessage, url: URL, token: string | undefined, posted?: string): { kind: 'open' } | { kind: 'login' } | { kind: 'denied' } {
  if (token === undefined) return { kind: 'open' };
  if (posted !== undefined) return tokenMatches(token, posted) ? { kind: 'login' } : { kind: 'denied' };
  if (url.searchParams.has('token')) return tokenMatches(token, url.searchParams.get('token') ?? '') ? { kind: 'login' } : { kind: 'denied' };
  if (cookieMatches(req, token)) return { kind: 'open' };
  return tokenMatches(token, presentedToken(req.headers, new URLSearchParams())) ? { kind: 'open' } : { kind: 'denied' };
}
