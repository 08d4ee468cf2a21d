// Requests a web page makes, refused. `serve` listens on loopback without a token by default
// (unmodified PGPool clients cannot send one), so a page open in the operator's browser could:
//   - POST a "simple" request (text/plain, no preflight) to /account/update or /release: the
//     body is read as JSON whatever its type (PGPool's clients send none), so the page could set
//     passwords, verdicts and holds. Browsers tag such a request with the page's Origin; PGPool's
//     clients (Python requests) never send one. A request whose Origin is not this server is refused.
//   - make its own name resolve to 127.0.0.1 (DNS rebinding) and read the answers as its own:
//     the request then carries the page's name in Host. A server bound to a loopback address can
//     only be reached from this machine, as localhost or a loopback address: any other Host is refused.
// A server bound elsewhere (--host 0.0.0.0) is reached by whatever names the network gives it;
// there the token is what keeps strangers out.
import type { IncomingHttpHeaders } from 'node:http';

/** The host part of a Host header value (`[::1]:4242` → `[::1]`), lower-case; undefined when it does not read. */
function hostname(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** localhost, a name under .localhost (RFC 6761), 127.0.0.0/8 or ::1. */
export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === '[::1]' || name === '::1';
}

/** Why a request is refused as coming from a web page, or undefined. `loopback`: the server listens on a loopback address. */
export function crossSiteProblem(headers: IncomingHttpHeaders, loopback: boolean): string | undefined {
  const host = headers.host;
  if (loopback && host !== undefined && !isLoopbackName(hostname(host) ?? '')) {
    return `cross-site request refused: Host "${host.slice(0, 100)}" is not a loopback name, and this server listens on loopback only (a web page reaching it through DNS rebinding?); clients use http://127.0.0.1:PORT or http://localhost:PORT`;
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    let from: string | undefined;
    try {
      from = new URL(origin).host;
    } catch {
      from = undefined;
    }
    if (from === undefined || from !== host) return `cross-site request refused: sent by a web page (Origin ${origin.slice(0, 100)}), not by a scanner or this server's own page`;
  }
  return undefined;
}
