// Facebook Messenger's conversation page from "Download Your Information" in its HTML format
// (`messages/inbox/NAME_ID/message_1.html`), known by the class names Facebook's page gives every
// message, as the page's readers find them (the code corpus holds several; e.g. the scrapers naming
// `pam _3-95 _2pi0 _2lej uiBoxWhite noborder` a message, `_3-96 _2pio _2lek _2lel` its sender,
// `_3-96 _2let` its text, `_3-94 _2lem` its date). Read as any page, its every message gave
// accounts: the buyer's own copies and questions too. It is not read yet as a chat (the JSON
// download is: messenger-json.ts), so it is refused, saying which download to import instead.

/** A message's sender and text, as Facebook's page marks them. */
const SENDER = /<div class="_3-96 _2pio _2lek _2lel">/;
const TEXT = /<div class="_3-96 _2let">/;

export function isMessengerPage(text: string): boolean {
  return SENDER.test(text) && TEXT.test(text);
}

export const MESSENGER_PAGE = `is Facebook Messenger's conversation page from "Download Your Information" (HTML): read as a page, the buyer's own messages would give accounts as the seller's do, and this page is not read as a chat yet; nothing of it is imported; download your information again in the JSON format and import the conversation's message_1.json (read message by message, the seller's side told from the buyer's)`;
