// Requests a web page makes, refused. `serve` listens on loopback without a token by default
// (unmodified PGPool clients cannot send one), so a page open in the operator's browser could:
//   - POST a "simple" request (text/plain, no preflight) to /account/update or /release: the
//     body is read as JSON whatever its type (PGPool's clients send none), so the page could set
//     passwords, verdicts and holds. Browsers tag such a request with the page's Origin; PGPool's
//     clients (Python requests) never send one. A request whose Origin is not this server is refused.
//   - make its own name resolve to 127.0.0.1 (DNS rebinding) and read the answers as its own:
//     the request then carries the page's name in Host, which must be one host-names.ts accepts.
//   - have the browser fetch a URL of it with no Origin: an `<img src>` of
//     /account/request?system_id=x&count=10000, a script's no-cors fetch, a link or redirect.
//     The page never reads the answer, but the request holds every account for `x` until the
//     release timeout, so the scanners get none. Browsers (Chrome 76, Firefox 90, Safari 16.4
//     and later) tag every request to localhost and loopback with `Sec-Fetch-Site`, older ones
//     with the page in `Referer`; PGPool's clients send neither. A request another site sent is
//     refused, but the dashboard page opened from a link (a top-level navigation: it only shows
//     the page in the operator's own tab).
// A server bound elsewhere (--host 0.0.0.0) is reached by whatever names the network gives it:
// without a token, by the names no public DNS can give a page (host-names.ts); with one, by any.
import type { IncomingHttpHeaders } from 'node:http';
import type { HostRule } from './host-names.js';

/** The host part of a Host header value (`[::1]:4242` → `[::1]`), lower-case; undefined when it does not read. */
function hostname(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** The host (`name:port`) of a URL header's value, or undefined when it does not read. */
function urlHost(value: string): string | undefined {
  try {
    return new URL(value).host;
  } catch {
    return undefined;
  }
}

/** Why a request a browser made for another site's page is refused, or undefined. `page`: the route shows the dashboard. */
function sentForAnotherSite(headers: IncomingHttpHeaders, page: boolean): string | undefined {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string') {
    if (site === 'same-origin' || site === 'none') return undefined; // this server's own page, or typed by the operator
    if (page && headers['sec-fetch-mode'] === 'navigate' && headers['sec-fetch-dest'] === 'document') return undefined;
    return `cross-site request refused: a browser sent it for a page of another site (Sec-Fetch-Site: ${site.slice(0, 20)}), not a scanner`;
  }
  const referer = headers.referer;
  if (page || referer === undefined || urlHost(referer) === headers.host) return undefined;
  return `cross-site request refused: a browser sent it for a web page (Referer of another host), not a scanner`;
}

/**
 * Why a request was sent for another site's page (its link, its form, a window it opened), or
 * undefined: a top-level navigation too, which the dashboard's page is otherwise opened by. The
 * dashboard takes no token from such a request (page-route.ts): a page navigating a window to
 * `/?token=guess` again and again would spend this address's wrong tokens (token-throttle.ts) and
 * shut out every scanner of the operator's machine.
 */
export function sentByAnotherSite(headers: IncomingHttpHeaders): string | undefined {
  return sentForAnotherSite(headers, false);
}

/**
 * Why a request is refused as coming from a web page, or undefined. `hosts`: the names Host may
 * give (host-names.ts); `page`: the route shows the dashboard, which a link from another site may open.
 */
export function crossSiteProblem(headers: IncomingHttpHeaders, hosts: HostRule, page = false): string | undefined {
  const host = headers.host;
  if (host !== undefined && !hosts.accepts(hostname(host) ?? '')) {
    return `cross-site request refused: Host "${host.slice(0, 100)}" is not a name this server answers to (a web page reaching it through DNS rebinding?); it answers to ${hosts.accepted}`;
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    const from = urlHost(origin);
    if (from === undefined || from !== host) return `cross-site request refused: sent by a web page (Origin ${origin.slice(0, 100)}), not by a scanner or this server's own page`;
  }
  return sentForAnotherSite(headers, page);
}
