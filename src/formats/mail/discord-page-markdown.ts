// A message's content in DiscordChatExporter's HTML export turned back into the Markdown its author
// typed, so it is read as the JSON and TXT exports' content is (discord-json.ts, discord-txt.ts).
// Tyrrrz/DiscordChatExporter `Exporting/HtmlMarkdownVisitor.cs` writes the content that
// `Markdown/Parsing/MarkdownParser.cs` parsed: text through WebUtility.HtmlEncode with its line
// breaks kept raw; a code block as `<code class="chatlog__markdown-pre
// chatlog__markdown-pre--multiline ...">`, inline code `--inline`; `**` as `<strong>`, `__` `<u>`,
// `~~` `<s>`, `||` a `chatlog__markdown-spoiler` span, `> ` a `chatlog__markdown-quote` div, `# `
// `<h1>`, `- ` a `<ul><li>` (the line break after an item taken), a link `<a>` around its text, a
// mention or a timestamp a span of its text, an emoji an `<img class="chatlog__emoji ..." alt=...>`.
// Those are written back as typed. Two things the page cannot give back, and an account on such a
// line is refused, never read as a guess: italics, `<em>` for either `*` or `_` (`ash_01:Pw_` shows
// as `ash<em>01:Pw</em>`), and an emoji inside a word (`Star:star:mie` shows as `Star⭐mie`).
import { decodedReferences } from '../character-reference.js';
import type { TelegramPart } from './telegram-export.js';

const ITALICS = "Discord's HTML export shows part of this line in italics, for a `*` or a `_` the page no longer holds (perhaps in the password), so the account is unsure; import the chat's JSON or TXT export (DiscordChatExporter `--format Json`), or type it by hand";
const GLUED_EMOJI = "Discord's HTML export shows an emoji inside this line's words, drawn from a `:name:` the page no longer holds (perhaps in the password), so the account is unsure; import the chat's JSON or TXT export (DiscordChatExporter `--format Json`), or type it by hand";

/** The attributes read, each pattern built once (hasClass runs for each tag a page's reader looks at). */
const ATTRIBUTES = ['class', 'data-user-id', 'href', 'alt'] as const;
type AttributeName = (typeof ATTRIBUTES)[number];
const ATTRIBUTE = Object.fromEntries(ATTRIBUTES.map((name) => [name, new RegExp(String.raw`\s${name}=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`, 'i')])) as Record<AttributeName, RegExp>;

/** An attribute's value in a tag's text (`class=a`, `class="a b"`, `class='a'`), decoded. */
export function attribute(tag: string, name: AttributeName): string | undefined {
  const m = ATTRIBUTE[name].exec(tag);
  return m ? decodedReferences(m[1] ?? m[2] ?? m[3]!) : undefined;
}

/** Whether a tag's `class` names `cls`. */
export function hasClass(tag: string, cls: string): boolean {
  return (attribute(tag, 'class') ?? '').split(/\s+/).includes(cls);
}

// No `<` inside a tag or its quoted values (the writer encodes it): a crafted page's unclosed tags cost a scan to the next `<`, never to the end.
const TOKEN = /<!--[^<]*?-->|<(\/?)([a-zA-Z][\w-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>|[^<]+|</g;

/** An emoji's place while lines are built: its picture's text comes in after the glue check. */
const EMOJI = '\u0000';

interface Line {
  text: string;
  line: number;
  unsure?: string;
}

/** The content's lines as typed, each at the file line holding its last word (`line` the content's first). */
export function contentMarkdown(html: string, line: number): { parts: TelegramPart[]; unsure: Map<number, string> } {
  const lines: Line[] = [{ text: '', line }];
  const emojis: string[] = [];
  let quote = 0;
  let at = line;
  const current = () => lines[lines.length - 1]!;
  const put = (s: string) => {
    for (const ch of s) {
      if (ch === '\n') {
        lines.push({ text: '', line: at });
        continue;
      }
      const l = current();
      if (l.text === '' && quote > 0) l.text = '> ';
      l.text += ch;
      if (ch.trim() !== '') l.line = at;
    }
  };
  /** A block's start: on a line of its own. */
  const fresh = () => current().text.trim() !== '' && put('\n');
  const spans: string[] = [];
  const divs: boolean[] = [];
  const italics: number[] = [];
  let code: string | undefined;
  for (const m of html.matchAll(TOKEN)) {
    const raw = m[0];
    const name = m[2]?.toLowerCase();
    if (raw.startsWith('<!--')) {
      // wmm:ignore markers and any comment: nothing shown.
    } else if (name === undefined) {
      // Text: its own line breaks are the content's.
      const pieces = raw.split('\n');
      for (const [i, piece] of pieces.entries()) {
        if (i > 0) {
          at++;
          put('\n');
        }
        put(decodedReferences(piece.replace(/\r$/, '')));
      }
      continue;
    } else if (m[1]) {
      // A closing tag.
      if (name === 'code' && code !== undefined) {
        put(code === 'block' ? '\n```' : '`');
        code = undefined;
      } else if (name === 'strong') put('**');
      else if (name === 'u') put('__');
      else if (name === 's') put('~~');
      else if (name === 'em') {
        put('*');
        const from = italics.pop() ?? lines.length - 1;
        for (let k = from; k < lines.length; k++) lines[k]!.unsure = ITALICS;
      } else if (name === 'span') put(spans.pop() ?? '');
      else if (name === 'div') quote -= divs.pop() ? 1 : 0;
      else if (name === 'li' || /^h[1-6]$/.test(name)) put('\n');
    } else {
      const attrs = m[3] ?? '';
      if (name === 'code') {
        code = hasClass(attrs, 'chatlog__markdown-pre--multiline') ? 'block' : 'inline';
        if (code === 'block') {
          fresh();
          put(`\`\`\`${/\blanguage-(\w+)/.exec(attribute(attrs, 'class') ?? '')?.[1] ?? ''}\n`);
        } else put('`');
      } else if (name === 'strong') put('**');
      else if (name === 'u') put('__');
      else if (name === 's') put('~~');
      else if (name === 'em') {
        put('*');
        italics.push(lines.length - 1);
      } else if (name === 'span') {
        const spoiler = hasClass(attrs, 'chatlog__markdown-spoiler');
        if (spoiler) put('||');
        spans.push(spoiler ? '||' : '');
      } else if (name === 'div') {
        const isQuote = hasClass(attrs, 'chatlog__markdown-quote');
        if (isQuote) {
          fresh();
          quote++;
        }
        divs.push(isQuote);
      } else if (name === 'li') {
        fresh();
        put('- ');
      } else if (/^h[1-6]$/.test(name)) {
        fresh();
        put(`${'#'.repeat(Number(name[1]))} `);
      } else if (name === 'br') put('\n');
      else if (name === 'img' && hasClass(attrs, 'chatlog__emoji')) {
        const alt = attribute(attrs, 'alt') ?? '';
        // A server's own emoji is typed `<:name:id>` and shown by its name: `:name:` here.
        emojis.push(/^\w+$/.test(alt) ? `:${alt}:` : alt);
        put(EMOJI);
      }
    }
    for (let k = raw.indexOf('\n'); k >= 0; k = raw.indexOf('\n', k + 1)) at++;
  }
  const unsure = new Map<number, string>();
  let e = 0;
  const parts: TelegramPart[] = [];
  while (lines.length > 1 && lines.at(-1)!.text.trim() === '') lines.pop();
  for (const [i, l] of lines.entries()) {
    if (/[^\s\u0000]\u0000+[^\s\u0000]/.test(l.text)) l.unsure ??= GLUED_EMOJI;
    const text = l.text.replace(/\u0000/g, () => emojis[e++] ?? '');
    if (l.unsure !== undefined && text.trim() !== '') unsure.set(l.line, l.unsure);
    parts.push({ text: i === 0 ? text : `\n${text}`, line: l.line });
  }
  return { parts, unsure };
}
