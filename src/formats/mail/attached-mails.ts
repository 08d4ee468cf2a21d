// How many mails a mail says it holds attached (`message/rfc822` parts, and digests, whose parts
// are mails without saying so), counted off its text before it is parsed. mailparser parses a
// message/rfc822 part's own structure as it goes, and eml.ts parses each attached mail again to
// read it (up to 8 deep): a 28 MB mail of 200,000 mails each forwarded inside the next took
// minutes and gigabytes before the depth limit was reached. A seller's or a buyer's mail holds a
// few forwards; a mail holding more than this is refused before any of it is parsed.

/** More attached mails than this in one mail is a bomb's shape, never a delivery. */
export const MAX_ATTACHED_MAILS = 1000;

// A part's header naming the type; `\s*` takes a folded header line (`Content-Type:\r\n message/rfc822`).
const ATTACHED_MAIL = /^content-type:\s*(?:message\/rfc822|multipart\/digest)\b/gim;

/** Whether `text` declares more than MAX_ATTACHED_MAILS attached mails (stops counting there). */
export function tooManyAttachedMails(text: string): boolean {
  ATTACHED_MAIL.lastIndex = 0;
  let count = 0;
  while (ATTACHED_MAIL.exec(text)) if (++count > MAX_ATTACHED_MAILS) return true;
  return false;
}
