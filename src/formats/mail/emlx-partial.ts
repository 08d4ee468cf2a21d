// Apple Mail's `.partial.emlx` (~/Library/Mail/V*/.../Messages/1234.partial.emlx): the message
// with its attachments cut out, each kept apart as a plain file (`Attachments/1234/2/file.zip`,
// `1.2/...` numbered by its place in the MIME tree). A part cut out keeps its headers, with an
// `X-Apple-Content-Length` saying how long it was, and an empty body (qqilihq/partial-emlx-converter
// readme.md and test/__testdata/input/Messages/114892.partial.emlx). Such a message is not whole:
// a delivery's accounts may be in the attachment that is not there. Each cut-out part that could
// hold accounts (anything but an image, a sound or a video, which no reader reads) is named.

/** A part of the message whose bytes Apple Mail keeps in another file. */
export interface CutPart {
  /** The message's line (1 = its first header line) where the part's headers begin. */
  line: number;
  /** Its file name (Content-Disposition's filename, else Content-Type's name), when it has one. */
  name?: string;
  /** The bytes it was, as X-Apple-Content-Length says. */
  bytes: number;
}

const BOUNDARY = /boundary\s*=\s*(?:"([^"\r\n]+)"|([^;\s]+))/gi;
const APPLE_LENGTH = /^x-apple-content-length:\s*(\d{1,15})\s*$/im;
const MEDIA = /^content-type:\s*(?:image|audio|video)\//im;
const FILE_NAME = /\b(?:file)?name\*?\s*=\s*(?:"([^"]*)"|([^;\s]+))/i;

/** The parts of `message` (an .emlx's message, latin1 is enough: headers are ASCII) cut out by Apple Mail. */
export function cutParts(message: string): CutPart[] {
  // Only a message Apple Mail cut has the header: most messages are passed over by one search.
  if (!/^x-apple-content-length:/im.test(message)) return [];
  const boundaries = new Set([...message.matchAll(BOUNDARY)].map((m) => `--${m[1] ?? m[2]}`));
  const lines = message.split('\n').map((l) => l.replace(/\r$/, ''));
  const isBoundary = (l: string) => l.startsWith('--') && (boundaries.has(l) || boundaries.has(l.replace(/--$/, '')));
  const out: CutPart[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isBoundary(lines[i]!)) continue;
    // The part's headers (folded lines joined), then its body up to the next boundary.
    let end = i + 1;
    while (end < lines.length && lines[end] !== '' && !isBoundary(lines[end]!)) end++;
    const headers = lines.slice(i + 1, end).join('\n').replace(/\n[ \t]+/g, ' ');
    let next = end;
    while (next < lines.length && !isBoundary(lines[next]!)) next++;
    const length = APPLE_LENGTH.exec(headers);
    const empty = lines.slice(end, next).every((l) => l.trim() === '');
    if (length && empty && Number(length[1]) > 0 && !MEDIA.test(headers)) {
      const name = FILE_NAME.exec(headers);
      out.push({ line: i + 2, ...(name ? { name: name[1] ?? name[2]! } : {}), bytes: Number(length[1]) });
    }
    i = next - 1;
  }
  return out;
}

/** Why a cut-out part is refused: names it, where Mail keeps it, and how to read it. */
export function cutPartReason(part: CutPart, fileName: string): string {
  const id = /(\d+)\.partial\.emlx$/i.exec(fileName)?.[1] ?? 'N';
  const what = part.name ? `the attachment "${part.name}"` : 'an attachment';
  return `${what} (${part.bytes} bytes) is not in this Apple Mail .partial.emlx: Mail keeps it apart (Attachments/${id}/<part>/${part.name ?? '<name>'} beside the Messages folder), so the message is not read whole; import that file too, or save the message from Mail (File > Save As, Raw Message Source) and import the .eml`;
}
