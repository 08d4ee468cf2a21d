// A code block typed inline, as WhatsApp (```monospace```), Discord and Slack let a sender type it:
// ```ash01:Pika!chu1\nash02:Star!mie2``` keeps its fences on the lines of the text. A paste's reader
// takes a fence only alone on its line (lists/line-marks.ts), so read as it stands the first
// account was prose and the last one's password ended in ```, imported so. Each fence is put on a
// line of its own; a fence already alone on its line (```` ```txt ````, its language after it) stays.
import type { TelegramChat } from './telegram-export.js';

const FENCE = '```';
const ALONE = /^\s*```[\w-]*\s*$/;

/** `text` with every fence that shares its line with other text on a line of its own. */
export function fencesOnTheirLines(text: string): string {
  if (!text.includes(FENCE)) return text;
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes(FENCE) || ALONE.test(line)) return line;
      const out: string[] = [];
      for (const [i, piece] of line.split(FENCE).entries()) {
        if (i > 0) out.push(FENCE);
        if (piece.trim() !== '') out.push(piece);
      }
      return out.join('\n');
    })
    .join('\n');
}

/** The chat with each message's text so (a message's parts each its own lines: a part's added lines keep its file line). */
export function chatFencesOnTheirLines(chat: TelegramChat | undefined): TelegramChat | undefined {
  if (chat) for (const m of chat.messages) for (const p of m.parts) p.text = fencesOnTheirLines(p.text);
  return chat;
}
