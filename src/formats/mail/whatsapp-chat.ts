// WhatsApp's "Export chat" text, read as the app writes it (learnt from real parsers: Pustur/
// whatsapp-chat-parser `src/parser.ts` and its tests' date formats, starkdmi/whats_json
// `lib/src/patterns.dart` and `message_parser.dart`; the locales of joweich/chat-miner's and
// lucasrodes/whatstk's fixtures, test/formats/whatsapp-locales.test.ts): a message a line
// `DATE, TIME - SENDER: TEXT` (Android: `14/11/2017, 19:02`, `11/14/17, 7:02 PM`,
// `14.11.17, 19:02`, `2017-11-14 19:02`, `14.11.2017 klo 19.02`) or `[DATE, TIME] SENDER: TEXT`
// (iOS: seconds in the time, `\u200E` before a line of media or of the app's own, U+202F or
// U+00A0 before `PM` in newer versions); a line that begins no message continues the one
// before (a multi-line message); a line with a time and no `SENDER: ` is the app's own (`You
// created group`, `Messages and calls are end-to-end encrypted`). A file sent is
// `<Media omitted>` (Android, exported without media), `document omitted` (iOS), or named when
// exported with media (`accounts.txt (file attached)`, `<attached: 00000012-accounts.txt>`: the
// file itself beside the chat, imported as a file of its own). The export names no exporter: a
// personal chat is saved as `WhatsApp Chat with NAME.txt` (Android) or `WhatsApp Chat - NAME.zip`
// holding `_chat.txt` (iOS), NAME the other side, who is then the seller and every other sender
// the buyer (telegram-json.ts: the buyer's lines copies or refused); renamed (`chat.txt`), a
// two-sender chat's sides are taken from what it says (chat-sides.ts: who delivers, who paid);
// a group's every message is read. A sender's messages one after another are one message here, as the app
// groups them: sellers send an account a message.
import type { NestedReader } from './eml.js';
import { withNamedSides } from './discord-sides.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { oneChatReader } from './one-chat-reader.js';
import type { DumpFormat, DumpInput } from '../types.js';

const NAME = 'whatsapp-txt';
// Arabic locales write Arabic-Indic digits, a right-to-left mark before a number, `،` after the date
// and `ص` / `م` for AM / PM (starkdmi/whats_json `patterns.dart`, `arabicDateTime`).
const D = String.raw`[0-9\u0660-\u0669]`;
const M = String.raw`[\u200e\u200f]*`;
const DATE = String.raw`${M}${D}{1,4}[-/.] ?${M}${D}{1,2}[-/.] ?${M}${D}{1,4}\.?`;
const TIME = String.raw`${M}${D}{1,2}[.:]${D}{2}(?:[.:]${D}{2})?(?:[ \u202f\u00a0]?(?:[ap]\.?[ \u202f\u00a0]?m\.?|\u00a0?[\u0635\u0645]))?`;
/** A line that begins a message or the app's own line: its stamp, and what follows it. */
const STAMP = new RegExp(String.raw`^(?:[\u200e\u200f]*\[${DATE}[,\u060c]?[ \u00a0]\D{0,6}?${TIME}\][ \u00a0]?|${DATE}[,\u060c]?[ \u00a0]\D{0,6}?${TIME}\.?(?: -|:) )`, 'i');
/** After the stamp: `SENDER: TEXT` (a sender is a name or a number, never with a colon). */
const SENDER = /^[\u200e\u200f]*([^\s:\]\-\u200e][^:\n]{0,79}?): ([^]*)$/;

/**
 * A seller's file that was not exported: what it held is unknown. The app writes the placeholder in
 * the phone's language: Android in angle brackets (`<Media omitted>`, `<Medien ausgeschlossen>`,
 * `<Multimedia omitido>`), iOS after a U+200E mark it puts before every text of its own
 * (`\u200eimage omitted`, `\u200eBild weggelassen`, `\u200eimagen omitida`), a document's after its
 * name and pages (`accounts • 1 page document omitted`: AyazKhuraishi/whatsapp-export-inconsistencies
 * `inconsistencies-media/attachments-non-conformant.md`). Taken by shape, as no list of every
 * language's words is complete: a few words of letters alone, no digit, no `:`.
 */
const OMITTED = /^(?:[\u200e\u200f]*<\p{L}+(?: \p{L}+){0,3}>|(?:.+ • (?:\d+ \p{L}+ )?)?(?:[\u200e\u200f]+\p{L}+(?: \p{L}+){0,2}|document omitted))$/iu;

/**
 * The mark Android appends to an edited message's last line, in the phone's language
 * (`sample message <This message was edited>`, koftezz/whatsapp-chat-analyzer issue 18): not the
 * sender's words, so never a password's end. By shape as the placeholders: three to six words in `<>`.
 */
const EDITED = /(?<=\S) <\p{L}+(?: \p{L}+){2,5}\.?>$/u;

/** The other side of a personal chat, from the name WhatsApp saves its export under. */
export function whatsappPeer(name: string): string | undefined {
  const base = name.replace(/\\/g, '/');
  return /(?:^|[/!])WhatsApp Chat with (.+)\.txt$/i.exec(base)?.[1] ?? /(?:^|[/!])WhatsApp Chat - ([^/!]+)\.zip![^!]*_chat\.txt$/i.exec(base)?.[1];
}

interface Line {
  sender?: string;
  text: string;
  line: number;
  /** A line with a time stamp (a new message, or the app's own line). */
  stamped: boolean;
}

/** The file's lines as messages' lines; undefined when it does not begin as WhatsApp's export does. */
function chatLines(text: string): Line[] | undefined {
  const lines = text.split('\n');
  const out: Line[] = [];
  let stamped = 0;
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    const stamp = STAMP.exec(line);
    if (!stamp) {
      // The first line with something on it is a message's: the export begins with one.
      if (out.length === 0 && line.trim() !== '') return undefined;
      out.push({ text: line.replace(EDITED, ''), line: i + 1, stamped: false });
      continue;
    }
    stamped++;
    const rest = line.slice(stamp[0].length);
    const said = SENDER.exec(rest);
    out.push(said ? { sender: said[1]!.trim(), text: said[2]!.replace(EDITED, ''), line: i + 1, stamped: true } : { text: rest, line: i + 1, stamped: true });
  }
  return stamped >= 2 ? out : undefined;
}

/** The export as a chat: each run of one sender's messages one message, the app's own lines left out. */
export function whatsappChat(text: string, peer: string | undefined): TelegramChat | undefined {
  const lines = chatLines(text);
  if (!lines) return undefined;
  const messages: TelegramMessage[] = [];
  let current: TelegramMessage | undefined;
  let own = false;
  for (const l of lines) {
    if (l.stamped && l.sender === undefined) {
      // The app's own line, and the lines continuing it: no one's words.
      own = true;
      current = undefined;
      continue;
    }
    if (!l.stamped) {
      if (own || !current) continue;
      current.parts.push({ text: `\n${l.text}`, line: l.line });
      continue;
    }
    own = false;
    if (OMITTED.test(l.text.trim())) {
      // A file not exported: said by its line when its sender is the seller (readChat).
      messages.push({ id: String(messages.length + 1), line: l.line, type: 'message', from: l.sender!, parts: [], entities: [], unread: `${l.sender} sent a file the export left out ("${l.text.trim().replace(/^[\u200e\u200f]+/, '')}"): what it held is not read; export the chat again with media, or import that file itself` });
      current = undefined;
      continue;
    }
    if (current && current.from === l.sender) {
      current.parts.push({ text: `\n${l.text}`, line: l.line });
      continue;
    }
    current = { id: String(messages.length + 1), line: l.line, type: 'message', from: l.sender!, parts: [{ text: l.text, line: l.line }], entities: [] };
    messages.push(current);
  }
  if (messages.length === 0) return undefined;
  // The other side, when one sender has the name the export was saved under; renamed, from what the chat says (chat-sides.ts).
  return withNamedSides({ messages }, peer);
}

function chatOf(input: DumpInput): TelegramChat | undefined {
  return STAMP.test(input.text.trimStart().slice(0, 200)) ? whatsappChat(input.text, whatsappPeer(input.name)) : undefined;
}

export function createWhatsappTxt(readNested: NestedReader): DumpFormat {
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.96, notThis: "is not WhatsApp's exported chat (`14/11/2017, 19:02 - Name: message` or `[14/11/2017, 19:02:11] Name: message` lines)" });
}
