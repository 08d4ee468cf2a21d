// Which earlier message a mail answers. Mail clients write the answered message's Message-ID in
// `In-Reply-To` and the whole chain in `References` (RFC 5322 3.6.4; Thunderbird, Gmail and
// Outlook all do), and prefix its subject with `Re:` in the user's language (`AW:`, `SV:`, `Odp:`,
// `回复:`...). A later message's correction that names no login is about the accounts of the
// message it answers (later-corrections.ts): never about every account an mbox delivered before.
// Gmail Takeout's mbox writes each message's Gmail conversation as `X-GM-THRID` (a 64-bit decimal,
// one for every message Gmail shows in one thread): a reply whose In-Reply-To / References are
// missing (a seller's webmail or phone app that writes none) is still tied to the delivery by it.
import type { ParsedMail } from 'mailparser';

export interface MailThread {
  /** This message's Message-ID, without its angle brackets. */
  id?: string;
  /** The Message-IDs it answers: `In-Reply-To` and `References`. */
  answers: string[];
  /** Its subject without reply and forward prefixes, lower-cased, blanks folded ('' when none). */
  subject: string;
  /** The Date header, in ms (undefined when missing or unreadable). */
  date?: number;
  /** Gmail's conversation (`X-GM-THRID`, Gmail Takeout's mbox), when the message has one. */
  gmThread?: string;
}

/**
 * Reply and forward prefixes as mail clients of many languages write them: Re, Aw (German), Sv
 * (Nordic), Vs, Odp (Polish), Antw (Dutch), Res (Portuguese), R/Rif (Italian), Ynt (Turkish), Отв
 * and Ответ (Russian), 回复/回覆/答复 (Chinese), 返信 (Japanese), 답장 (Korean), ΑΠ/Σχετ (Greek);
 * Fw/Fwd, Wg (German), Tr (French), Rv (Spanish), Enc (Portuguese), Doorst (Dutch), Пересл.
 * Outlook numbers repeated ones (`Re[2]:`); a list's tag (`[shop]`) may come before them.
 */
export const REPLY_WORDS = 're|aw|sv|vs|odp|antw|res|r|rif|ynt|отв|ответ|回复|回覆|答复|返信|답장|απ|σχετ|fw|fwd|wg|tr|rv|enc|doorst|пересл';
const PREFIX = new RegExp(String.raw`^\s*(?:\[[^\]]{1,40}\]\s*)?(?:${REPLY_WORDS})\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*`, 'iu');

export function threadSubject(subject: string): string {
  let s = subject;
  for (let i = 0; i < 10; i++) {
    const m = PREFIX.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `<a@b>` and `a@b` name one message. */
function bare(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

/**
 * The Date header's time, undefined when it cannot be read: mailparser gives an unreadable one as
 * the time of parsing (lib/mail-parser.js: `if (isNaN(dateValue.getTime())) dateValue = new
 * Date()`), which would put the message last in a conversation, its password taken as the newest.
 * Read here as mailparser reads it (`new Date(value)`), from its own header line.
 */
function dateOf(mail: Pick<ParsedMail, 'date' | 'headerLines'>): number | undefined {
  if (!mail.date) return undefined;
  const line = mail.headerLines?.find((h) => h.key === 'date')?.line;
  if (line === undefined) return mail.date.getTime();
  const time = new Date(line.replace(/^[^:]*:/, '').replace(/\s+/g, ' ').trim()).getTime();
  return Number.isNaN(time) ? undefined : time;
}

/** `X-GM-THRID: 1583600000000000001`: Gmail's thread id, decimal digits only (anything else is no Gmail header). */
function gmThreadOf(mail: Pick<ParsedMail, 'headerLines'>): string | undefined {
  const line = mail.headerLines?.find((h) => h.key === 'x-gm-thrid')?.line;
  const id = line?.replace(/^[^:]*:/, '').trim();
  return id !== undefined && /^\d{1,20}$/.test(id) ? id : undefined;
}

export function mailThread(mail: Pick<ParsedMail, 'messageId' | 'inReplyTo' | 'references' | 'subject' | 'date' | 'headerLines'>): MailThread {
  const refs = typeof mail.references === 'string' ? mail.references.split(/\s+/) : (mail.references ?? []);
  const answers = [...(mail.inReplyTo ?? '').split(/\s+/), ...refs].map(bare).filter((id) => id !== '');
  const date = dateOf(mail);
  const gmThread = gmThreadOf(mail);
  return {
    ...(mail.messageId ? { id: bare(mail.messageId) } : {}),
    answers,
    subject: threadSubject(mail.subject ?? ''),
    ...(date !== undefined && !Number.isNaN(date) ? { date } : {}),
    ...(gmThread !== undefined ? { gmThread } : {}),
  };
}

/**
 * The messages read so far, by Message-ID and by subject, with the logins each delivered: which
 * of them a later message answers, found without comparing it with every one (an mbox may hold
 * thousands).
 */
export class ThreadIndex {
  private readonly byId = new Map<string, number>();
  private readonly bySubject = new Map<string, number[]>();
  private readonly byGmThread = new Map<string, number[]>();
  private readonly logins: Set<string>[] = [];

  /** A message read, with the logins (lower-cased) it delivered. */
  add(thread: MailThread | undefined, logins: Iterable<string>): void {
    const at = this.logins.length;
    this.logins.push(new Set(logins));
    if (!thread) return;
    if (thread.id !== undefined && !this.byId.has(thread.id)) this.byId.set(thread.id, at);
    if (thread.subject !== '' && this.logins[at]!.size > 0) this.bySubject.set(thread.subject, [...(this.bySubject.get(thread.subject) ?? []), at]);
    if (thread.gmThread !== undefined && this.logins[at]!.size > 0) this.byGmThread.set(thread.gmThread, [...(this.byGmThread.get(thread.gmThread) ?? []), at]);
  }

  /**
   * The logins of the earlier messages `later` answers: those its `In-Reply-To` / `References`
   * name; else, when it names none of them, the earlier messages of its Gmail conversation
   * (`X-GM-THRID`) that delivered accounts, whatever their subjects; else the one earlier message
   * with its subject that delivered accounts (a shop sending every order as "Your order" tells
   * none: two have it).
   * Undefined when which message it answers cannot be told, or it delivered nothing.
   */
  answered(later: MailThread | undefined): Set<string> | undefined {
    if (!later) return undefined;
    const named = later.answers.flatMap((id) => (this.byId.has(id) ? [this.byId.get(id)!] : []));
    const same = this.bySubject.get(later.subject) ?? [];
    const gmail = later.gmThread === undefined ? [] : (this.byGmThread.get(later.gmThread) ?? []);
    const messages = named.length > 0 ? named : gmail.length > 0 ? gmail : later.subject !== '' && same.length === 1 ? same : [];
    const logins = new Set(messages.flatMap((i) => [...this.logins[i]!]));
    // Answering only messages that delivered nothing (the buyer's question): which delivery is unsure.
    return logins.size > 0 ? logins : undefined;
  }
}
