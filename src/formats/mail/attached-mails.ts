// How many mails a mail says it holds attached (`message/rfc822` parts, and digests, whose parts
// are mails without saying so), counted off its text before it is parsed. mailparser parses a
// message/rfc822 part's own structure as it goes, and eml.ts parses each attached mail again to
// read it (up to 8 deep): a 28 MB mail of 200,000 mails each forwarded inside the next took
// minutes and gigabytes before the depth limit was reached. A seller's or a buyer's mail holds a
// few forwards; a mail holding more than this is refused before any of it is parsed.
//
// A mail attached base64-encoded (`message/rfc822` with `Content-Transfer-Encoding: base64`, as
// some clients send a forward, or an `.eml` attached as `application/octet-stream`, as a file) shows
// none of its own attached mails in the text: its part is decoded here and counted too, each level
// of such nesting, against the same one limit for the whole mail.

/** More attached mails than this in one mail is a bomb's shape, never a delivery. */
export const MAX_ATTACHED_MAILS = 1000;

// A part's header naming the type; `\s*` takes a folded header line (`Content-Type:\r\n message/rfc822`).
const ATTACHED_MAIL = /^content-type:\s*(?:message\/rfc822|multipart\/digest)\b/gim;
/** A part's headers then its base64 body: the headers from a boundary line (or the text's start) to the blank line. */
const BASE64_PART = /(?:^|\n)--[^\n]*\n((?:[^\n]+\n){0,64}?)\r?\n((?:[A-Za-z0-9+/=]+\r?\n?)+)/g;
const BASE64 = /^content-transfer-encoding:\s*base64\b/im;
/** A part that may hold a mail: one named as a mail, or bytes no type names (`application/octet-stream`). */
const MAIL_PART = /^content-type:\s*(?:message\/|multipart\/digest|application\/octet-stream)|\bname\*?=\s*"?[^"\n;]*\.(?:eml|emlx|mbox|mbx)\b/im;

/** Whether `text` declares more than MAX_ATTACHED_MAILS attached mails, its base64-encoded ones' too (stops counting there). */
export function tooManyAttachedMails(text: string): boolean {
  return count(text, 0, 0) > MAX_ATTACHED_MAILS;
}

/** `counted` so far plus `text`'s attached mails, nested ones in base64 parts too, `depth` levels of encoding down. */
function count(text: string, counted: number, depth: number): number {
  ATTACHED_MAIL.lastIndex = 0;
  while (ATTACHED_MAIL.exec(text)) if (++counted > MAX_ATTACHED_MAILS) return counted;
  // eml.ts reads at most 8 levels of attached mails: deeper ones are never parsed.
  if (depth >= 8 || !BASE64.test(text)) return counted;
  const parts = new RegExp(BASE64_PART.source, 'g');
  for (let m = parts.exec(text); m; m = parts.exec(text)) {
    const headers = m[1]!;
    if (!BASE64.test(headers) || !MAIL_PART.test(headers)) continue;
    // A mail attached as a file counts as one, as its declared type's header does above.
    if (!/^content-type:\s*message\/rfc822/im.test(headers) && /^(?:from|subject|date|message-id):/im.test(decodedHead(m[2]!))) counted++;
    counted = count(Buffer.from(m[2]!, 'base64').toString('latin1'), counted, depth + 1);
    if (counted > MAX_ATTACHED_MAILS) return counted;
  }
  return counted;
}

/** The first bytes of a base64 body, decoded: enough to see a mail's headers. */
function decodedHead(body: string): string {
  return Buffer.from(body.slice(0, 4096).replace(/\s+/g, ''), 'base64').toString('latin1');
}
