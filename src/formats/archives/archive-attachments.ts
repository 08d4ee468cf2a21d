// An archive attached to a seller's mail (`accounts.zip`, a `.rar` or `.7z` of stock): the
// accounts are inside. A zip, 7z, rar, gzip, bzip2, xz or tar (a self-extracting 7z, rar or zip too) is opened (archive-members.ts) and its members read as
// attachments; one that cannot be opened (a rar needs a program, a corrupt zip, a
// password-protected member) is never passed over in silence, the mail read as one without
// accounts: it is a rejection naming it and the way through, extract it and import what it holds.
import { unopenedReason } from './archive-members.js';

// Every name archive-members.ts opens, the compressed tars' short ones (`.tbz2`, `.tbz`, `.txz`, as
// GNU tar's and 7-Zip's users name them) too: an attachment so named whose bytes are no archive
// is a rejection naming it, never a file passed over.
const ARCHIVE_NAME = /\.(zip|rar|7z|tar|tgz|tbz2|tbz|txz|tar\.gz|tar\.bz2|tar\.xz|gz|bz2|xz)$/i;
const ARCHIVE_TYPE = /^application\/(?:zip|x-zip(?:-compressed)?|x-rar(?:-compressed)?|vnd\.rar|x-7z-compressed|x-tar|gzip|x-gzip|x-bzip2|x-xz)$/i;

/** The kind of archive an attachment is, by its name or its declared type, or undefined. */
export function archiveKind(name: string, contentType: string): string | undefined {
  const byName = ARCHIVE_NAME.exec(name)?.[1]?.toLowerCase();
  if (byName) return byName;
  const byType = ARCHIVE_TYPE.exec(contentType.trim());
  return byType ? (contentType.match(/zip|rar|7z|tar|gzip|bzip2|xz/i)?.[0]?.toLowerCase() ?? 'archive') : undefined;
}

/** Why such an attachment was not read, and what to do: the same words as for the file loose. */
export function archiveReason(kind: string): string {
  return unopenedReason(kind);
}

/** The file's line naming the attachment (`filename="accounts.zip"`), for the rejection; 0 when none names it. */
export function attachmentLine(text: string, name: string): number {
  const at = text.indexOf(name);
  if (at < 0) return 0;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
