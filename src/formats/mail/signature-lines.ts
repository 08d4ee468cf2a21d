// A mail's signature: the lines under RFC 3676's separator (section 4.3: a line of `-- `, dash
// dash space; clients that trim trailing blanks leave `--`), as Thunderbird writes it above the
// `mail.identity.*.sig_file` text, or under a closing (`Best regards,`, `Mit freundlichen Grüßen`,
// `С уважением`). A shop's signature names its own contacts (`user: shopbot`, `Discord: shop#1234`):
// a label without a password there is the shop's handle, no account, read past as `signature`
// rather than refused. A full account there is still read: nothing is dropped for where it stands.
import { startsQuotation, unquote } from './email-quotes.js';

/**
 * A closing above the writer's name: the regards-like words only, never `Thanks` or `Enjoy`,
 * which sellers write above the accounts (letter-lines.ts reads those as a letter's lines).
 */
const CLOSING =
  /^(?:(?:best|kind|warm|warmest|with[ \t]+kind)[ \t]+regards|regards|best[ \t]+wishes|sincerely|yours[ \t]+(?:truly|sincerely)|mit[ \t]+freundlichen[ \t]+gr(?:ü|ue)(?:ß|ss)en|viele[ \t]+gr(?:ü|ue)(?:ß|ss)e|cordialement|bien[ \t]+(?:à[ \t]+vous|cordialement)|saludos(?:[ \t]+cordiales)?|atentamente|atenciosamente|cumprimentos|distinti[ \t]+saluti|cordiali[ \t]+saluti|с[ \t]+уважением|saygılarımla|trân[ \t]+trọng|salam[ \t]+hangat|hormat[ \t]+kami|此致|敬上|谨上|よろしくお願いします|敬具|감사합니다)[ \t]*[,!.，、]?$/iu;

/** The separator line of RFC 3676 4.3 (`-- `), or the same with its blank trimmed. */
export function isSignatureSeparator(s: string): boolean {
  return s === '-- ' || s === '--';
}

/**
 * The 1-based lines of `lines` that are a signature: from a separator or a closing, unquoted,
 * up to the next quotation (a reply's quoted mail, a forward) or quoted line.
 */
export function signatureLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  let inside = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const { s, depth } = unquote(raw);
    if (depth > 0 || startsQuotation(lines, i)) {
      inside = false;
      continue;
    }
    if (isSignatureSeparator(raw) || CLOSING.test(s.trim())) inside = true;
    if (inside) out.add(i + 1);
  }
  return out;
}
