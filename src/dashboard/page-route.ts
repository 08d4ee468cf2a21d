// `GET /` as a browser sees it: the dashboard page, behind the token when the server has one
// (access.ts). Shared by `accountpool serve` and `accountpool dashboard`. The page is rebuilt at
// most every CACHE_MS, so many open tabs (or a client polling /) cost one build.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody } from '../server/http.js';
import { html } from './html.js';
import { DashboardSession, pageAccess } from './access.js';
import { presentedToken } from '../server/auth.js';
import { refuseThrottled, type TokenThrottle } from '../server/token-throttle.js';
import { sentByAnotherSite } from '../server/cross-site.js';
import { htmlHeaders } from '../server/page-headers.js';

const CACHE_MS = 2000;

/** The page runs no script and loads nothing: the browser is told so, should escaping ever fail. */
const PAGE_HEADERS = {
  ...htmlHeaders("style-src 'unsafe-inline'; img-src data:; form-action 'self'"),
  // Not no-referrer: under it a browser posts the login form with `Origin: null`, which the
  // cross-site check (server/cross-site.ts) must refuse; same-origin sends the page's own Origin.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

const LOGIN = (wrong: boolean) =>
  `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><title>accountpool</title></head><body style="font:15px system-ui,sans-serif;margin:3em">
<h1 style="font-size:1.2em">accountpool dashboard</h1><p>${wrong ? 'That is not the token. ' : ''}This server wants its token (serve --token, or $ACCOUNTPOOL_TOKEN).</p>
<form method="post" action="/"><input type="password" name="token" autofocus autocomplete="current-password" aria-label="token"> <button>Open</button></form></body></html>`}`;

export interface PageRouteOptions {
  token?: string;
  /** The whole page, freshly built. */
  render: () => Promise<string>;
  /** What a client that does not ask for HTML gets instead (serve: the line monitors probe for). */
  plain?: string;
  /** Where wrong tokens given to the login are counted (server/token-throttle.ts), with serve's API's in serve. */
  throttle?: TokenThrottle;
}

export class PageRoute {
  private cache: { at: number; page: Promise<string> } | undefined;
  /** This server's login cookie (access.ts): drawn at start, so a restart asks for the token again. */
  private readonly session = new DashboardSession();

  constructor(private readonly options: PageRouteOptions) {}

  /** Answers the request; returns what the request log says about it. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<Record<string, string | number>> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      res.setHeader('allow', 'GET, HEAD, POST');
      throw new HttpError(405, `/ takes GET (the dashboard) or POST (its login form), not ${method}`);
    }
    const posted = method === 'POST' ? (new URLSearchParams((await readBody(req, 4096)).toString('utf8')).get('token') ?? '') : undefined;
    const { throttle, token } = this.options;
    // A token given by another site's page (a window it opened and navigates to `/?token=guess`) is
    // neither compared nor counted: counted, its guesses shut this address, and every scanner of the
    // operator's machine with it, out (stop 67). The operator's own bookmark or typed address says
    // `Sec-Fetch-Site: none`; a form posted from elsewhere was refused by its Origin already.
    if (token !== undefined && (posted !== undefined || url.searchParams.has('token')) && sentByAnotherSite(req.headers) !== undefined) {
      throw new HttpError(403, 'a token in a link or form of another site is not taken (another site\'s page could send guesses so): open the dashboard from a bookmark or type its address, then give the token there');
    }
    const address = req.socket.remoteAddress;
    // A login (the form, ?token=, a header) that fails is a guess; a page asked for with no token or cookie is none.
    const guess = posted ?? url.searchParams.get('token') ?? presentedToken(req.headers, new URLSearchParams());
    if (throttle && token !== undefined) refuseThrottled(throttle, address, guess, res);
    const access = pageAccess(req, url, token, this.session, posted);
    if (throttle && token !== undefined) {
      // A right token clears nothing (token-throttle.ts): a guesser's neighbour would refill its guesses.
      if (access.kind === 'denied' && guess !== undefined) throttle.failed(address, guess);
    }
    const wantsHtml = /text\/html/.test(req.headers.accept ?? '') || posted !== undefined;
    if (access.kind === 'login') {
      res.writeHead(303, { location: '/', 'set-cookie': this.session.setCookieHeader(), 'cache-control': 'no-store', 'content-length': 0 });
      res.end();
      return { page: 'login' };
    }
    if (access.kind === 'denied') {
      if (!wantsHtml) throw new HttpError(401, 'missing or wrong token: open / in a browser to log in, or send "Authorization: Bearer TOKEN"');
      this.send(res, 401, LOGIN(posted !== undefined || url.searchParams.has('token')), method);
      return { page: 'login form' };
    }
    if (!wantsHtml && this.options.plain !== undefined) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(this.options.plain) });
      res.end(method === 'HEAD' ? undefined : this.options.plain);
      return { page: 'plain' };
    }
    const now = Date.now();
    if (!this.cache || now - this.cache.at > CACHE_MS) this.cache = { at: now, page: this.options.render() };
    const cached = this.cache;
    const page = await cached.page.catch((error: unknown) => {
      if (this.cache === cached) this.cache = undefined; // a failed build is not kept
      throw error;
    });
    this.send(res, 200, page, method);
    return { page: 'dashboard' };
  }

  private send(res: ServerResponse, status: number, page: string, method: string): void {
    res.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(page) });
    res.end(method === 'HEAD' ? undefined : page);
  }
}
