// A request's target as a URL, read the same way by `serve` and `accountpool dashboard`. The
// target is whatever the request line holds: `new URL` throws on some of it (`//[` is the host
// `[`), and a throw in the request listener itself ended `accountpool dashboard` until stop 67,
// where a web page's `<img src="http://127.0.0.1:4243//[">` got it.
//
// Its Host, too: RFC 9112 (3.2) has a server answer 400 to a request with more than one Host line.
// Node keeps the first and drops the others, where a proxy in front may take the last: the name
// the cross-site check judged (cross-site.ts) would not be the one the request was routed by.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

/** The request's URL (its host part never used: Host is checked by cross-site.ts); 400 when it does not read or Host is given twice. */
export function requestUrl(req: IncomingMessage): URL {
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') hosts++;
  if (hosts > 1) throw new HttpError(400, `${hosts} Host header lines: a request names one host`);
  try {
    // A client whose PGPool URL ends in a slash (`--pgpool-url http://host:4242/`, formatted as
    // "{}/account/request") asks for `//account/request`, which URL would read as the host
    // `account`: one slash is meant. Anchored, so a long run costs one linear pass.
    return new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://localhost');
  } catch {
    throw new HttpError(400, 'malformed request URL');
  }
}
