// Who may see the dashboard when the server has a token. A browser cannot send a header by
// itself, so: the token is given once, in the login form (POST, so it never lands in the
// browser's history) or as `/?token=SECRET` (for a bookmark or a link from a script); the page
// answers with a cookie and sends the browser on to `/`, dropping the token from the address bar.
// From then on the cookie opens the page, and its automatic reload, for 30 days or until the
// server restarts (then the operator logs in once more).
//
// The cookie is a random session value drawn when the server starts, not derived from the token:
// browsers send a 127.0.0.1 cookie to every port of 127.0.0.1 (cookies are not port-scoped), so a
// scanner's map on :5000 receives it too, and a cookie computed from the token (stop 66: an HMAC
// keyed by it) let whoever saw it try token guesses offline at hash speed. A random value says
// nothing of the token. It opens this page only, never the account API (which still wants the
// token itself), so a cookie that leaks cannot take accounts. HttpOnly (no script can read it;
// the page has none anyway), SameSite=Strict (no other site's page can make the browser send it).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { presentedToken, tokenMatches } from '../server/auth.js';

export const COOKIE = 'accountpool_dashboard';
const MAX_AGE_S = 30 * 24 * 3600;

/** One server's login session: the cookie value every browser that gave the token gets. */
export class DashboardSession {
  /** 256 random bits, kept in memory only: a restart draws new ones, and old cookies stop opening the page. */
  private readonly value = randomBytes(32).toString('hex');

  setCookieHeader(): string {
    return `${COOKIE}=${this.value}; Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Strict`;
  }

  matches(req: IncomingMessage): boolean {
    const presented = Buffer.from(cookieOf(req) ?? '');
    const expected = Buffer.from(this.value);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }
}

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

/**
 * `open`: show the page. `login`: the token was just given (`fromUrl`: in the address) — set the
 * cookie and send the browser to `/`. `denied`: show the login form.
 */
export function pageAccess(req: IncomingMessage, url: URL, token: string | undefined, session: DashboardSession, posted?: string): { kind: 'open' } | { kind: 'login' } | { kind: 'denied' } {
  if (token === undefined) return { kind: 'open' };
  if (posted !== undefined) return tokenMatches(token, posted) ? { kind: 'login' } : { kind: 'denied' };
  if (url.searchParams.has('token')) return tokenMatches(token, url.searchParams.get('token') ?? '') ? { kind: 'login' } : { kind: 'denied' };
  if (session.matches(req)) return { kind: 'open' };
  return tokenMatches(token, presentedToken(req.headers, new URLSearchParams())) ? { kind: 'open' } : { kind: 'denied' };
}
