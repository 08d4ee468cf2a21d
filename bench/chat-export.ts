// What reading a long chat export costs (issue 14 and 16): a made-up personal chat of N messages
// (default 100,000) as Telegram Desktop's `result.json` writes it (telegram-export.ts), a seller's
// delivery of two accounts every 50 messages, the rest one-line prose from both sides; read in
// process by readDump as `import` reads it. Prints the accounts found, wall and CPU seconds, and
// the peak RSS (the process's own: the made-up file is built first, so it counts too).
// Usage: node --import tsx bench/chat-export.ts [messages] [telegram-json|discord-json|discord-txt|discord-html|whatsapp-txt|messenger-json|messenger-html|slack-json|skype-json|line-txt]
// (the same chat as DiscordChatExporter's plain text, as WhatsApp's Android export `WhatsApp Chat with PokeStockz.txt`,
// as Facebook's `message_1.json`, newest first with its `\u00XX` escapes, as its `message_1.html` (2022 markup), as one day file of a Slack channel,
// as Skype's `messages.json`, newest first in rich text on one line, and as LINE's `[LINE] Chat with PokeStockz.txt`)
import { readDump, toDumpInput } from '../src/formats/index.js';

const count = Number(process.argv[2] ?? 100_000);
const kind = process.argv[3] ?? 'telegram-json';
const PROSE = ['ok thanks', 'paid, order 4410', 'sure, 12 USD. paid?', 'how long for the next batch?', 'tomorrow evening', 'cool', 'any level 35s left?'];

function message(i: number): { from: 0 | 1; text: string | [string, { type: 'pre'; text: string }] } {
  if (i % 50 === 49) {
    const n = (i + 1) / 50;
    return { from: 1, text: ['Here are your accounts:', { type: 'pre', text: `tgacc${n}a:Pika!chu${n}\ntgacc${n}b:Star!mie${n}` }] };
  }
  return { from: (i % 2) as 0 | 1, text: PROSE[i % PROSE.length]! };
}

function telegramJson(): string {
  const parts: string[] = ['{\n "name": "PokeStockz",\n "type": "personal_chat",\n "id": 5012345678,\n "messages": ['];
  for (let i = 0; i < count; i++) {
    const m = message(i);
    const who = m.from ? '"from": "PokeStockz",\n   "from_id": "user5012345678"' : '"from": "Ash K",\n   "from_id": "user4400112233"';
    const date = new Date(Date.UTC(2017, 10, 14) + i * 60_000).toISOString().slice(0, 19);
    parts.push(`${i ? ',' : ''}\n  {\n   "id": ${i + 1},\n   "type": "message",\n   "date": "${date}",\n   ${who},\n   "text": ${JSON.stringify(m.text)}\n  }`);
  }
  parts.push('\n ]\n}\n');
  return parts.join('');
}

function discordJson(): string {
  const author = (from: 0 | 1) => (from ? '{ "id": "401234567890123456", "name": "PokeStockz", "discriminator": "0420", "nickname": "PokeStockz", "isBot": false }' : '{ "id": "309876543210987654", "name": "ashk", "discriminator": "1337", "nickname": "ashk", "isBot": false }');
  const parts: string[] = ['{\n  "guild": { "id": "0", "name": "Direct Messages", "iconUrl": "" },\n  "channel": { "id": "512345678901234567", "type": "DirectTextChat", "category": "Private", "name": "PokeStockz", "topic": null },\n  "messages": ['];
  for (let i = 0; i < count; i++) {
    const m = message(i);
    const content = typeof m.text === 'string' ? m.text : `${m.text[0]}\n\`\`\`\n${m.text[1].text}\n\`\`\``;
    const date = new Date(Date.UTC(2017, 10, 14) + i * 60_000).toISOString();
    parts.push(`${i ? ',' : ''}\n    {\n      "id": "${600000000000000000n + BigInt(i)}",\n      "type": "Default",\n      "timestamp": "${date}",\n      "timestampEdited": null,\n      "isPinned": false,\n      "content": ${JSON.stringify(content)},\n      "author": ${author(m.from)},\n      "attachments": [],\n      "embeds": [],\n      "reactions": [],\n      "mentions": []\n    }`);
  }
  parts.push(`\n  ],\n  "messageCount": ${count}\n}\n`);
  return parts.join('');
}

/** A message's lines as the text exports write them (the `pre` block's lines below its caption). */
const lines = (m: ReturnType<typeof message>) => (typeof m.text === 'string' ? m.text : `${m.text[0]}\n${m.text[1].text}`);

function discordTxt(): string {
  const rule = '='.repeat(62);
  const parts: string[] = [`${rule}\nGuild: Direct Messages\nChannel: PokeStockz\n${rule}\n\n`];
  for (let i = 0; i < count; i++) {
    const m = message(i);
    parts.push(`[11/14/2017 ${1 + (i % 12)}:${String(i % 60).padStart(2, '0')} PM] ${m.from ? 'PokeStockz#0420' : 'ashk#1337'}\n${lines(m)}\n\n\n`);
  }
  parts.push(`${rule}\nExported ${count.toLocaleString('en')} message(s)\n${rule}\n`);
  return parts.join('');
}

function whatsappTxt(): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = message(i);
    parts.push(`14/11/2017, ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} - ${m.from ? 'PokeStockz' : 'Ash K'}: ${lines(m)}\n`);
  }
  return parts.join('');
}

/** DiscordChatExporter's HTML (discord-html.ts): a group a message, minified as its HtmlMessageWriter writes it, the code block as HtmlMarkdownVisitor does. */
function discordHtml(): string {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const parts: string[] = ['<!doctype html><html lang=en><head><title>Direct Messages - PokeStockz</title></head><body><div class=preamble><div class=preamble__entries-container><div class=preamble__entry>Direct Messages</div><div class=preamble__entry>PokeStockz</div></div></div>\n<div class="chatlog">\n'];
  for (let i = 0; i < count; i++) {
    const m = message(i);
    const id = 600000000000000000n + BigInt(i);
    const author = m.from ? '<span class=chatlog__author title=PokeStockz#0420 data-user-id=401234567890123456>PokeStockz</span>' : '<span class=chatlog__author title=ashk#1337 data-user-id=309876543210987654>ashk</span>';
    const content = typeof m.text === 'string' ? esc(m.text) : `${esc(m.text[0])}\n<code class="chatlog__markdown-pre chatlog__markdown-pre--multiline nohighlight">${esc(m.text[1].text)}</code>`;
    parts.push(`<div class=chatlog__message-group><div id=chatlog__message-container-${id} class=chatlog__message-container data-message-id=${id}><div class=chatlog__message><div class=chatlog__message-aside><img class=chatlog__avatar src=https://cdn.discordapp.com/embed/avatars/0.png alt=Avatar loading=lazy></div><div class=chatlog__message-primary><div class=chatlog__header>${author}<span class=chatlog__timestamp title="Tuesday, November 14, 2017 7:00 PM"><a href=#chatlog__message-container-${id}>11/14/2017 7:00 PM</a></span></div><div class="chatlog__content chatlog__markdown"><span class=chatlog__markdown-preserve>${content}</span></div></div></div></div></div>\n`);
  }
  parts.push(`</div>\n<div class=postamble><div class=postamble__entry>Exported ${count.toLocaleString('en')} message(s)</div></div></body></html>\n`);
  return parts.join('');
}

/** Facebook's message_1.json (messenger-json.ts): newest first, every string's UTF-8 bytes as `\u00XX` (a `👍` on the prose lines). */
function messengerJson(): string {
  const fb = (t: string) => JSON.stringify(Buffer.from(t, 'utf8').toString('latin1')).replace(/[\u0080-\u00ff]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  const parts: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const m = message(i);
    const content = typeof m.text === 'string' ? `${m.text} 👍` : lines(m);
    parts.push(`    {\n      "sender_name": ${fb(m.from ? 'Poké Stockz' : 'Ash K')},\n      "timestamp_ms": ${1510686000000 + i * 60_000},\n      "content": ${fb(content)},\n      "type": "Generic"\n    }`);
  }
  return `{\n  "participants": [\n    {\n      "name": ${fb('Poké Stockz')}\n    },\n    {\n      "name": "Ash K"\n    }\n  ],\n  "messages": [\n${parts.join(',\n')}\n  ],\n  "title": ${fb('Poké Stockz')},\n  "is_still_participant": true,\n  "thread_type": "Regular",\n  "thread_path": "inbox/pokestockz_kx3r9vq2wz"\n}\n`;
}

/** Facebook's message_1.html in its 2022 markup (messenger-html.ts): newest first, one message a line, each line of text its own `<div>`. */
function messengerHtml(): string {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parts: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const m = message(i);
    const text = (typeof m.text === 'string' ? `${m.text} 👍` : lines(m)).split('\n').map((l) => `<div>${esc(l)}</div>`).join('');
    parts.push(`<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_3-95 _2pim _a6-h _a6-i">${m.from ? 'Poké Stockz' : 'Ash K'}</h2><div class="_3-95 _a6-p"><div><div></div>${text}<div></div><div></div></div></div><div class="_3-94 _a6-o">Nov 14, 2017 7:${String(i % 60).padStart(2, '0')}:00 pm</div></div>`);
  }
  return `<html><head><meta charset="utf-8" /><title>Poké Stockz</title></head><body class="_5vb_ _2yq _a7o5"><div class="_a706" role="main">\n${parts.join('\n')}\n</div></body></html>\n`;
}

/** One day file of a Slack channel (slack-json.ts): the code block typed inline, as Slack keeps it. */
function slackJson(): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = message(i);
    const text = typeof m.text === 'string' ? m.text : `${m.text[0]}\n\`\`\`${m.text[1].text}\`\`\``;
    const who = m.from ? '"user": "U7Q2SELL1",\n        "user_profile": {\n            "real_name": "Poke Stockz",\n            "name": "pokestockz"\n        }' : '"user": "U7Q2BUYR2",\n        "user_profile": {\n            "real_name": "Ash K",\n            "name": "ash"\n        }';
    parts.push(`    {\n        "type": "message",\n        "text": ${JSON.stringify(text)},\n        ${who},\n        "ts": "${1510686000 + i}.000${String(i % 1000).padStart(3, '0')}"\n    }`);
  }
  return `[\n${parts.join(',\n')}\n]\n`;
}

/** Skype's messages.json (skype-json.ts): one line, newest first, rich text (`{code}` as `<pre>`, `&apos;` in the prose). */
function skypeJson(): string {
  const rich = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
  const parts: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const m = message(i);
    const content = typeof m.text === 'string' ? rich(`${m.text}, that's it`) : `${rich(m.text[0])}\n<pre raw_pre="{code}" raw_post="{code}">${rich(m.text[1].text)}</pre>`;
    const at = 1510686000000 + i * 60_000;
    parts.push(JSON.stringify({ id: String(at), displayName: null, originalarrivaltime: new Date(at).toISOString(), messagetype: 'RichText', version: at, content, conversationid: '8:live:pokestockz', from: m.from ? '8:live:pokestockz' : '8:live:ash_k', properties: null, amsreferences: null }));
  }
  return `{"userId":"8:live:ash_k","exportDate":"2017-11-20T10:12","conversations":[{"id":"8:live:pokestockz","displayName":"PokeStockz","version":1510686000000,"properties":null,"threadProperties":null,"MessageList":[${parts.join(',')}]}]}`;
}

/** LINE's chat history text (line-txt.ts): a delivery's lines in double quotes. */
function lineTxt(): string {
  const parts: string[] = ['[LINE] Chat history with PokeStockz\nSaved on: 2017/11/20 10:12\n\n2017/11/14(Tue)\n'];
  for (let i = 0; i < count; i++) {
    const m = message(i);
    const text = typeof m.text === 'string' ? m.text : `"${lines(m)}"`;
    parts.push(`${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}\t${m.from ? 'PokeStockz' : 'Ash K'}\t${text}\n`);
  }
  return parts.join('');
}

const NAMES: Record<string, string> = { 'discord-html': 'Direct Messages - PokeStockz [512345678901234567].html', 'discord-json': 'chat.json', 'discord-txt': 'Direct Messages - PokeStockz [512345678901234567].txt', 'whatsapp-txt': 'WhatsApp Chat with PokeStockz.txt', 'messenger-json': 'message_1.json', 'messenger-html': 'message_1.html', 'slack-json': '2017-11-14.json', 'skype-json': 'messages.json', 'line-txt': '[LINE] Chat with PokeStockz.txt' };
const text = kind === 'skype-json' ? skypeJson() : kind === 'line-txt' ? lineTxt() : kind === 'messenger-json' ? messengerJson() : kind === 'messenger-html' ? messengerHtml() : kind === 'slack-json' ? slackJson() : kind === 'discord-html' ? discordHtml() : kind === 'discord-json' ? discordJson() : kind === 'discord-txt' ? discordTxt() : kind === 'whatsapp-txt' ? whatsappTxt() : telegramJson();
const bytes = Buffer.from(text);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await readDump(toDumpInput(NAMES[kind] ?? 'result.json', bytes, 10_000_000));
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  `${kind}: ${count.toLocaleString('en')} messages, ${(bytes.length / 1e6).toFixed(1)} MB: ${result.format}, ${result.accounts.length} accounts, ${result.rejected.length} refused; ` +
    `${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
