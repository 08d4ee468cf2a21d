// The small HTTP pieces every route shares: a typed error that becomes a status code, a request
// body read with a size limit, and JSON or text answers. No framework: node:http does all we need.
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { quotePythonConstants } from './python-json.js';
import { counted } from '../counted-noun.js';
import { limitText, sizeText } from '../byte-size.js';
import { htmlHeaders } from './page-headers.js';

/** An answer other than 200, with a message meant for the person reading the client's log. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, message);
}

/** Default body limit: a list of a few thousand PGPool updates fits easily; a runaway client does not. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The whole request body, refused with 413 as soon as it grows past `limit` (the announced
 * Content-Length is checked first, so a huge upload is refused before it is read).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  // `Content-Encoding: gzip` (curl --compressed-style uploads, a proxy's compression): PGPool's
  // clients post plain `json.dumps` text (requests' `data=`), and neither PGPool's Flask nor this
  // server inflates a body. Said as such (RFC 9110's 415 for a content coding not taken), where
  // before the compressed bytes were refused as "not UTF-8", which sent the operator to iconv.
  const coding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (coding !== '' && coding !== 'identity') {
    req.resume();
    return Promise.reject(new HttpError(415, compressedMessage(`Content-Encoding: ${coding.slice(0, 40)}`)));
  }
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) {
    req.resume(); // let the upload drain so the answer reaches the client
    return Promise.reject(new HttpError(413, `request body too large: ${sizeText(announced, limit)}, the limit is ${limitText(limit)}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        reject(new HttpError(413, `request body too large: more than ${limitText(limit)}`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    // A client gone before the end of its body (a crash, a timeout of its own): its fault, not
    // ours, so not logged as an internal error (which sends an operator looking for a bug).
    req.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ECONNRESET' || error.message === 'aborted' ? badRequest(`the connection closed after ${counted(size, 'byte')} of the body (the client went away, or sent it too slowly)`) : error));
  });
}

/** The body's text, refused when it is not UTF-8: decoding would put U+FFFD where its bytes were, a password nobody has. */
export function utf8Body(body: Buffer): string {
  // gzip's magic bytes with no header saying so (`curl --data-binary @accounts.json.gz`).
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) throw badRequest(compressedMessage('gzip, by its first bytes'));
  if (!isUtf8(body)) throw badRequest('the request body is not UTF-8: send the accounts as UTF-8 (iconv -f CHARSET -t UTF-8), or import the file with accountpool import, which reads other charsets');
  return body.toString('utf8');
}

function compressedMessage(how: string): string {
  return `the request body is compressed (${how}): send it uncompressed, as UTF-8 JSON or text (PGPool's clients do), or gunzip the file first`;
}

/**
 * The body as JSON. PGPool's clients post `json.dumps(...)` without a Content-Type, so the type
 * header is not consulted: the bytes must be JSON, whatever the client called them.
 */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  return parseJsonBody(utf8Body(await readBody(req, limit)));
}

/** A body's text as JSON, as PGPool's json.loads read it (Python's NaN and Infinity included); 400 when it is not. */
export function parseJsonBody(text: string): unknown {
  if (text.trim().length === 0) throw badRequest('empty request body: expected a JSON object or a list of objects');
  try {
    return JSON.parse(text);
  } catch (error) {
    // Python's json.dumps may have written NaN or Infinity (see python-json.ts).
    const quoted = quotePythonConstants(text);
    if (quoted !== undefined) {
      try {
        return JSON.parse(quoted);
      } catch {
        // not that either: the original position is reported below
      }
    }
    // Only the position: V8's message quotes the body, and a body can hold passwords (it is logged).
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw badRequest(`malformed JSON in the request body${position === undefined ? '' : ` at character ${position}`}: expected a JSON object or a list of objects`);
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** PGPool's answer to a post: `ok`, as Flask sends a returned string (text/html). Clients check the status only. */
export function sendOk(res: ServerResponse): void {
  res.writeHead(200, { ...htmlHeaders(''), 'content-length': 2 });
  res.end('ok');
}

/**
 * A message as a header value (percent-encoded UTF-8). A message quotes what a client sent, cut to a
 * few dozen characters, and a cut can halve a surrogate pair (an emoji): encodeURIComponent throws
 * on a lone surrogate, and that throw, in the handler's own error path, ended the whole server.
 */
export function headerText(message: string): string {
  return encodeURIComponent(message.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/** Errors are JSON `{"error": "..."}` so a client can show the reason; PGPool clients log the status. */
export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
