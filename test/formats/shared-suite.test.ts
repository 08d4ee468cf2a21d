// One suite, every format: each fixture is recognised by its own reader and by no other, reads
// to the expected accounts with their lines, reads the same after a trip through Windows, and
// never repeats a password in a rejection.
import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS, readDump } from '../../src/formats/index.js';
import { toDumpInput } from '../../src/formats/decode.js';
import type { DumpResult } from '../../src/formats/types.js';
import { fixture, fixtureBytes, windowsVariant } from './helpers.js';

interface Case {
  file: string;
  /** The DumpFormat chosen for the file. */
  reader: string;
  /** DumpResult.format (readers that read parts through the registry name them too). */
  format: string;
  accounts: [line: number, username: string, password: string][];
  rejectedLines: number[];
  /** A binary store (a pickle, a SQLite file): no line endings or blanks to vary. */
  binary?: boolean;
  /**
   * Blanks at a line's end are part of the value to the tool (java.util.Properties keeps them, and
   * jabbink's bot logs in with them: jabbink-bot.test.ts): the variant below adds no blanks.
   */
  blanksKept?: boolean;
  /** Bytes in an 8-bit charset (Mac Roman): the variant below writes UTF-8, which would be another file. */
  notUtf8?: boolean;
}

/** PGPool's rows as the server keeps them (by username), numbered from 1. */
const PGPOOL_ROWS: [number, string, string][] = [
  [1, 'pgp_ash01', 'Pik4chu!Volt'],
  [2, 'pgp_brock02', 'Onix\'Rock\\"x;y,z'],
  [3, 'pgp_erika05', 'Tangela/*vine*/'],
  [4, 'pgp_fresh06', 'Fr3sh!new'],
  [5, 'pgp_surge04', 'Zap#Zap--1'],
  [6, 'pgp.misty03@gmail.com', 'Star mie\tTab'],
];

/** Go2Engle/PoGoMap-GUI's usernames.txt and usernames.csv hold the same accounts on the same lines. */
const POGOMAP_GUI_ACCOUNTS: [number, string, string][] = [
  [1, 'grotbeskmum', 'Yh8>Lp+2nQw7cXt'],
  [2, 'blafitstrung', 'aQ7#bXz9Kp(Lm2W'],
  [4, 'praskimflund', 'kP`3Ra9^mHq2ZtW'],
  [5, 'snokbrant', 'Wq5&hL2*Tz8rPx'],
];

const CASES: Case[] = [
  {
    file: 'monocle-accounts.csv',
    reader: 'monocle',
    format: 'monocle',
    accounts: [
      [2, 'ash_ketchum93', 'pik4chu!Volt'],
      [3, 'misty_cerulean', 't0g3p1'],
      [4, 'brock.pewter@gmail.com', 'Onix,Geodude'],
      [6, 'tracey_sketch', 'say "cheese" 2'],
    ],
    rejectedLines: [5],
  },
  {
    file: 'rocketmap-accounts.csv',
    reader: 'rocketmap',
    format: 'rocketmap',
    accounts: [
      [4, 'thunderfox01', 'password01'],
      [5, 'thunderfox02', 'p@ss:w0rd;x'],
      [6, 'thunderfox03@gmail.com', 'quoted,comma'],
      [8, 'thunderfox04', 'she said "hi"'],
      [9, 'thunderfox05', 'lvl25pass'],
      [11, 'thunderfox07', 'unquoted,with,commas'],
    ],
    rejectedLines: [10],
  },
  {
    file: 'plain-seller.txt',
    reader: 'plain',
    format: 'plain',
    accounts: [
      [1, 'pokeseller_a01', 'Xq7!mn2v'],
      [2, 'pokeseller_a02', 'Pa:ss:w0rd'],
      [3, 'pokeseller_a03', 'comma,in,pass'],
      [4, 'pokeseller_a04', 'Zz9#kk'],
      [5, 'pokeseller_a05', 'tR0ub4dor&3'],
      [7, 'pokeseller_a07', 'semi;colon pass'],
      [8, 'pokeseller_a08', 'lastline'],
    ],
    rejectedLines: [6],
  },
  {
    file: 'email-text-order.txt',
    reader: 'email-text',
    format: 'email-text',
    accounts: [
      [11, 'MistyFan2017', 'Star:mie 99'],
      [15, 'brocklover88', 'Onix!Rock'],
      [19, 'gymleader_erika', 'Tangela,Vine'],
      [22, 'surge_lt', 'zap zap zap'],
      [30, 'blaine_cinnabar', 'Ponyta=Fire'],
      [36, 'sabrina_psy', 'Kadabra#1'],
      [37, 'giovanni_boss', 'Persian;42'],
    ],
    rejectedLines: [26],
  },
  {
    file: 'seller-order.eml',
    reader: 'eml',
    format: 'eml+email-text+plain',
    // lines of the file: the quoted-printable body's, then the base64 attachment's (mail-lines.ts)
    accounts: [
      [29, 'dragonite_lance', 'Hyper=Beam 150%'],
      [33, 'jessie_rocket', 'Pr3pare4Trouble!'],
      [63, 'james_rocket', 'Make1tDouble!'],
      [63, 'meowth_rocket', 'Thats:right'],
    ],
    rejectedLines: [],
  },
  {
    file: 'html-only.eml',
    reader: 'eml',
    format: 'eml+email-text',
    accounts: [
      [17, 'oak_professor', 'Pokédex<151>'],
      [19, 'elm_professor', 'Eggs&Togepi'],
    ],
    rejectedLines: [],
  },
  {
    file: 'seller-order-page.html',
    reader: 'html',
    format: 'html+email-text',
    accounts: [
      [14, 'snorlax_abc1', 'Rest&Snöre9'],
      [15, 'lapras_surf22', 'Ice!Beam44'],
      [16, 'gengar_ghost7', 'Sh4dow€Ball'],
    ],
    rejectedLines: [],
  },
  {
    file: 'three-orders.mbox',
    reader: 'mbox',
    format: 'mbox+eml+email-text+plain',
    accounts: [
      // Lines of the mbox file; the base64 message's at the line holding each one's encoded start (mail-lines.ts).
      [16, 'mew_original', 'Psych1c!151'],
      [31, 'celebi_time01', 'T1me:Travel'],
      [31, 'jirachi_wish02', 'W1sh,Maker'],
      [31, 'deoxys_space03', 'Sp4ce Virus'],
      [48, 'lugia_silver', 'Aeroblast=Sea'],
    ],
    rejectedLines: [],
  },
  {
    // Telegram Desktop's chat export (tdesktop export_output_json.cpp): the seller's messages read as a
    // mail's bodies, the buyer's own `pre` block (one account nobody delivered, one other password) refused.
    file: 'telegram-result.json',
    reader: 'telegram-json',
    format: 'telegram-json+plain+email-text',
    accounts: [
      [64, 'tgacc01', 'Pika!chu1'],
      [135, 'tgacc02', 'Star!mie22'],
      [64, 'tgacc03', 'Onix#Rock3'],
    ],
    rejectedLines: [160, 160],
  },
  {
    // The same chat as Telegram Desktop's HTML export (export_output_html.cpp).
    file: 'telegram-messages.html',
    reader: 'telegram-html',
    format: 'telegram-html+plain+email-text',
    accounts: [
      [165, 'tgacc01', 'Pika!chu1'],
      [237, 'tgacc02', 'Star!mie22'],
      [165, 'tgacc03', 'Onix#Rock3'],
    ],
    rejectedLines: [269, 269],
  },
  {
    // A Discord direct chat exported by DiscordChatExporter as JSON (Tyrrrz/DiscordChatExporter JsonMessageWriter.cs):
    // the channel is named for the seller; the buyer's code block (one account nobody delivered, one other password) refused.
    file: 'discordchatexporter-dm.json',
    reader: 'discord-json',
    format: 'discord-json+plain+email-text',
    accounts: [
      [103, 'dcacc01', 'Pika!chu1'],
      [188, 'dcacc02', 'Star!mie22'],
      [103, 'dcacc03', 'Onix#Rock3'],
    ],
    rejectedLines: [218, 218],
  },
  {
    // The same chat exported by DiscordChatExporter as plain text (PlainTextMessageWriter.cs): `Guild: Direct
    // Messages`, `Channel: PokeStockz`; the buyer's code block refused, the seller's linked bonus-accounts.txt said unread.
    file: 'Direct Messages - PokeStockz [512345678901234567].txt',
    reader: 'discord-txt',
    format: 'discord-txt+plain+email-text',
    accounts: [
      [21, 'dcacc01', 'Pika!chu1'],
      [39, 'dcacc02', 'Star!mie22'],
      [23, 'dcacc03', 'Onix#Rock3'],
    ],
    rejectedLines: [45, 46, 50],
  },
  {
    // ... and as CSV (CsvMessageWriter.cs): its sides from the default file name (ExportRequest.GetDefaultOutputFileName).
    file: 'Direct Messages - PokeStockz [512345678901234567].csv',
    reader: 'discord-csv',
    format: 'discord-csv+plain+email-text',
    accounts: [
      [7, 'dcacc01', 'Pika!chu1'],
      [14, 'dcacc02', 'Star!mie22'],
      [9, 'dcacc03', 'Onix#Rock3'],
    ],
    rejectedLines: [17, 18, 20],
  },
  {
    // ... and as HTML (HtmlMessageWriter.cs, MessageGroupTemplate.cshtml, through WebMarkupMin's minifier): the preamble's
    // `Direct Messages` and `PokeStockz` give the sides; a reply's preview and the buyer's code block not the seller's.
    file: 'Direct Messages - PokeStockz [512345678901234567].html',
    reader: 'discord-html',
    format: 'discord-html+plain+email-text',
    accounts: [
      [7, 'dcacc01', 'Pika!chu1'],
      [18, 'dcacc02', 'Star!mie22'],
      [9, 'dcacc03', 'Onix#Rock3'],
    ],
    rejectedLines: [25, 26, 27],
  },
  {
    // A server channel's HTML export in the Light theme: Markdown given back from the page; italics and an emoji inside a word refused.
    file: 'PoGo Market - Shop - trading [512345678901234999].html',
    reader: 'discord-html',
    format: 'discord-html+email-text',
    accounts: [
      [9, 'mkacc01', 'Volt!Pika1'],
      [17, 'mkacc04', 'Onix*Rock4'],
      [18, 'mkacc05', 'Misty!Star5'],
      [18, 'mkacc06', 'Ted!Ursa6'],
    ],
    rejectedLines: [19, 10, 16],
  },
  {
    // WhatsApp's "Export chat" on Android, saved as `WhatsApp Chat with NAME.txt` (Pustur/whatsapp-chat-parser,
    // starkdmi/whats_json): the seller's run of messages one delivery, the buyer's lines and `<Media omitted>` refused.
    file: 'WhatsApp Chat with PokeStockz.txt',
    reader: 'whatsapp-txt',
    format: 'whatsapp-txt+plain+email-text',
    accounts: [
      [6, 'wacc01', 'Pika!chu1'],
      [11, 'wacc02', 'Star!mie22'],
      [8, 'wacc03', 'Onix#Rock3'],
    ],
    rejectedLines: [13, 14, 16],
  },
  {
    // Facebook Messenger's message_1.json ("Download Your Information"; generators/make-messenger-export.py): newest
    // first, each string's UTF-8 bytes as `\u00XX`; the title the seller, the buyer's lines and the carried file refused.
    file: 'messenger-inbox/pokestockz_kx3r9vq2wz/message_1.json',
    reader: 'messenger-json',
    format: 'messenger-json+plain+email-text',
    accounts: [
      [90, 'fbacc01', 'Pika!chu1'],
      [60, 'fbacc02', 'Star!mie22'],
      [84, 'fbacc03', 'Évoli!Eve3'],
    ],
    rejectedLines: [54, 54, 34],
  },
  {
    // Messenger's HTML download in its 2018-2021 markup (generators/make-split-chats.py; the class names as the code
    // corpus's readers match them): newest first read oldest first, the title the seller, the buyer's two lines refused.
    file: 'messenger-html-2018/pokestockz_kx3r9vq2wz/message_1.html',
    reader: 'messenger-html',
    format: 'messenger-html+plain+email-text',
    accounts: [
      [1, 'fbhtml01', 'Pika!chu1'],
      [1, 'fbhtml02', 'Star<mie22'],
      [1, 'fbhtml03', 'Évoli&Eve3'],
    ],
    rejectedLines: [1, 1],
  },
  {
    // A day of a Slack channel from the workspace's export (generators/make-slack-export.py; hfaran/slack-export-viewer
    // reader.py and formatter.py): Slack's `&lt;`/`&amp;` and `<mailto:...|...>` given back, a thread's correction.
    file: 'slack-export/trading/2017-11-14.json',
    reader: 'slack-json',
    format: 'slack-json+email-text+plain',
    accounts: [
      [16, 'slack01', 'Pika<chu1'],
      [74, 'slack02', 'Star&mie22'],
      [39, 'slack.trainer03@gmail.com', 'Onix#Rock3'],
    ],
    rejectedLines: [85],
  },
  {
    // Skype's "Export chat history" messages.json (generators/make-skype-export.py; suurjaak/Skyperious live.py, Terrance/SkPy
    // msg.py): newest first, an edit as its last copy, `&apos;` and `{code}` given back, the buyer's lines and the carried file refused.
    file: 'skype-export/messages.json',
    reader: 'skype-json',
    format: 'skype-json+plain+email-text',
    accounts: [
      [1, 'skacc01', 'Pika!chu1'],
      [1, 'skacc02', 'Star&mie22'],
      [1, 'skacc03', "O'nix_Rock3"],
      [1, 'skgrp01', 'Psy!duck25'],
    ],
    rejectedLines: [1, 1, 1],
  },
  {
    // LINE's chat history text (by hand after hellodigua/ChatLab's LINE parser and meyfa/line-chat-parser): the header
    // names the seller, a message of several lines in quotes, the buyer's lines and a `[File]` refused.
    file: 'line-chat/[LINE] Chat with PokeStockz.txt',
    reader: 'line-txt',
    format: 'line-txt+plain+email-text',
    accounts: [
      [9, 'lnacc01', 'Pika!chu1'],
      [14, 'lnacc02', 'Star!mie22'],
      [11, 'lnacc03', 'Onix#Rock3'],
    ],
    rejectedLines: [16, 17, 19],
  },
  {
    // Apple Mail's stored message: the byte-count line before it, Mail's plist after (terhechte/emlx src/lib.rs).
    file: 'mail-apple-mail.emlx',
    reader: 'emlx',
    format: 'emlx+email-text',
    // Byte-exact as a binary store is: its first line counts the message's bytes, so a copy whose
    // line ends changed says another count, and is refused (mail-stored-shapes.test.ts).
    binary: true,
    accounts: [
      [18, 'apple_01', 'Orchard!Pass31'],
      [19, 'apple_02', 'Orchard!Pass32'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pool-export.jsonl',
    reader: 'jsonl',
    format: 'jsonl',
    accounts: [
      [1, 'ash_ketchum93', 'pik4chu!Volt'],
      [2, 'thunderfox03@gmail.com', ' spaced "quoted", pass '],
      [3, 'misty_cerulean', 't0g3p1'],
    ],
    rejectedLines: [4],
  },
  {
    // A Telegram shop bot's store (json-serials.ts): two game products' stock and credentials, a Spotify product's refused.
    file: 'shopbot-products.json',
    reader: 'json',
    format: 'json',
    accounts: [
      [6, 'azalea_k31', 'Tg7!kq2Wz'],
      [7, 'cianwood_p07', 'Hm4#zp9Lx'],
      [18, 'olivine_q22@mail.example', 'Ow3$lk8Vn'],
    ],
    rejectedLines: [13],
  },
  {
    // A PTC checker's console with its colours and times (checker-tags.ts): its GOOD, BANNED, INVALID and ERROR accounts, a proxy's error no account.
    file: 'ptc-checker-console.txt',
    reader: 'email-text',
    format: 'email-text',
    accounts: [
      [4, 'johto_v01', 'Vx7!kq2Wz'],
      [5, 'johto_v02', 'Vx8#zp9Lx'],
      [7, 'johto_v03', 'Vx9$lk8Vn'],
      [8, 'johto_v04', 'Vx1%ab2Cd'],
      [9, 'johto_v05', 'Vx2^cd3Ef'],
      [11, 'johto_v06', 'Vx3&ef4Gh'],
      [12, 'johto_v07', 'Vx4*gh5Ij'],
    ],
    rejectedLines: [],
  },
  {
    // An Italian seller's letter (foreign-labels.ts): `Utente:` / `Parola d'ordine:` blocks and a one-line record under the order's total.
    file: 'seller-italian-order.txt',
    reader: 'email-text',
    format: 'email-text',
    accounts: [
      [9, 'vulpix_it31', 'Fiamma!31x'],
      [13, 'growl_it32', 'Brace#32y'],
      [17, 'ponyta_it33', 'Zoccolo$33z'],
    ],
    rejectedLines: [],
  },
  {
    // Excel for Mac's "CSV (Macintosh)": Mac Roman, CR line ends, no charset named (legacy-charset.ts decides it from its letters).
    file: 'sheet-mac-roman.csv',
    reader: 'plain',
    format: 'plain',
    notUtf8: true,
    accounts: [
      [2, 'lapras_mr1', 'Wäsche!mr1'],
      [3, 'snorlax_mr2', 'Schläfer#2'],
      [4, 'eevee_mr3', 'Crème$mr3'],
      [5, 'jolteon_mr4', 'plain!Pw4'],
    ],
    rejectedLines: [],
  },
  {
    file: 'generated-accounts.json',
    reader: 'json',
    format: 'json',
    accounts: [
      [5, 'kalos_serena', 'Fenn3kin:"Fire"'],
      [11, 'kalos_calem', 'Froak1e, Water'],
      [13, 'kalos.tierno@gmail.com', 'Dance {and} [spin]'],
    ],
    rejectedLines: [12],
  },
  {
    file: 'accounts-blind.csv',
    reader: 'verdict',
    format: 'verdict+rocketmap',
    accounts: [
      [1, 'numbra_blind01', 'Bl1nd:one'],
      [2, 'numbra_blind02', 'Bl1nd,two'],
      [3, 'numbra.blind03@gmail.com', 'Bl1nd three'],
    ],
    rejectedLines: [],
  },
  {
    file: 'not_banned_L30.txt',
    reader: 'verdict',
    format: 'verdict+plain',
    accounts: [
      [1, 'checker_ok01', '0kPass!1'],
      [2, 'checker_ok02', '0k:Pass;2'],
    ],
    rejectedLines: [],
  },
  {
    file: 'kinancity-result.log',
    reader: 'kinancity',
    format: 'kinancity',
    accounts: [
      [2, 'kinan0001', 'Kc!pass01'],
      [3, 'kinan0002', 'Kc;pass;02'],
      [5, 'kinan0004', 'Kc!pass04'],
    ],
    rejectedLines: [],
  },
  {
    file: 'kinancity-result.csv',
    reader: 'kinancity',
    format: 'kinancity',
    accounts: [
      [2, 'kinold001', 'Old!pass01'],
      [7, 'kinan0101', 'Kc!pass01'],
      [8, 'kinan0102', 'Kc;pass;02'],
      [10, 'kinan0104', 'Kc!pass04'],
      [15, 'kinan0106', 'Kc pass 06'],
    ],
    rejectedLines: [],
  },
  {
    file: 'kinancity-console.log',
    reader: 'kinancity-console',
    format: 'kinancity-console',
    accounts: [
      [13, 'kcon0001', 'Kc!con01'],
      [14, 'kcon0002', 'Kc,con;02'],
      [15, 'kcon0004', 'Kc con 04'],
    ],
    rejectedLines: [],
  },
  {
    file: 'kinancity-resend-console.txt',
    reader: 'kinancity-console',
    format: 'kinancity-console',
    accounts: [
      [4, 'kinanre903', 'Qq3#rr4s'],
      [5, 'kinanre904', 'Zz5;aa6b'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pikaptcha-console.txt',
    reader: 'creator-console',
    format: 'creator-console',
    accounts: [
      [13, 'blafitstrung', 'aQ7#bXz9Kp(Lm2W'],
      [36, 'praskimflund', 'Zx)4rTq8Yw!uBn3v'],
      [61, 'smevtrankgolp', '-u8Qm<Tz3Wr$pLk'],
    ],
    rejectedLines: [],
  },
  {
    // Go2Engle/PoGoMap-GUI's rewrite of Pikaptcha's file: a password cut at its comma (lines 6-7) refused.
    file: 'pogomap-gui-usernames.txt',
    reader: 'pikaptcha',
    format: 'pikaptcha',
    accounts: POGOMAP_GUI_ACCOUNTS,
    rejectedLines: [6, 7, 8],
  },
  {
    file: 'pogomap-gui-usernames.csv',
    reader: 'rocketmap',
    format: 'rocketmap',
    accounts: POGOMAP_GUI_ACCOUNTS,
    rejectedLines: [3, 6, 7, 8],
  },
  {
    file: 'pikaptcha-usernames.txt',
    reader: 'pikaptcha',
    format: 'pikaptcha',
    accounts: [
      [2, 'blafitstrung', 'aQ7#bXz9Kp(Lm2W'],
      [3, 'drimosnek', 'Zx)4rTq8Yw!uBn3v'],
      [4, 'praskimflund', 'kP`3Ra9^mHq2ZtW'],
      [6, 'grotbeskmum', 'Yh8>Lp+2nQw7cXt'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pikaptcha-pkgo.txt',
    reader: 'pikaptcha',
    format: 'pikaptcha',
    accounts: [
      [2, 'blafitstrung', 'aQ7#bXz9Kp(Lm2W'],
      [2, 'drimosnek', 'Zx)4rTq8Yw!uBn3v'],
      [2, 'praskimflund', 'kP`3Ra9^mHq2ZtW'],
      [3, 'grotbeskmum', 'Yh8>Lp+2nQw7cXt'],
      [3, 'smevtrankgolp', '-u8Qm<Tz3Wr$pLk'],
    ],
    rejectedLines: [],
  },
  {
    file: 'blossom-config.json',
    reader: 'blossom-config',
    format: 'blossom-config',
    accounts: [[49, 'vileplume_b7', 'Petal/Dance"9\\\u00f3']],
    rejectedLines: [],
  },
  {
    file: 'blossom-config-google.json',
    reader: 'blossom-config',
    format: 'blossom-config',
    accounts: [[12, 'gloom.bot@gmail.com', 'abcd efgh ijkl mnop']],
    rejectedLines: [],
  },
  {
    file: 'blossom-config-2016-08.json',
    reader: 'blossom-config',
    format: 'blossom-config',
    accounts: [[4, 'oddish_r2', 'Acid/Rain"3\\']],
    rejectedLines: [],
  },
  {
    file: 'catchem-batch.txt',
    reader: 'catchem-batch',
    format: 'catchem-batch',
    accounts: [
      [1, 'weepinbell_c3', 'Vine:Whip5'],
      [2, 'bellsprout_q1', 'Razor,Leaf 8'],
      [3, 'victreebel.bot@gmail.com', 'Acid!Spray77'],
      [4, 'oddish_k4', 'Stun#Spore2'],
      [5, 'gloom_t7', 'Sleep Powder'],
    ],
    rejectedLines: [],
  },
  {
    file: 'jabbink-bot-config.properties',
    reader: 'jabbink-bot',
    format: 'jabbink-bot',
    blanksKept: true,
    accounts: [[2, 'bulbasaur_k9', 'Razor\\Leaf:9#!']],
    rejectedLines: [],
  },
  {
    file: 'jabbink-bot-base64.properties',
    reader: 'jabbink-bot',
    format: 'jabbink-bot',
    blanksKept: true,
    accounts: [[2, 'gloom.trainer@gmail.com', 'Sleep P\u00f3wder=3']],
    rejectedLines: [],
  },
  {
    file: 'jabbink-bot-settings.json',
    reader: 'jabbink-bot',
    format: 'jabbink-bot',
    accounts: [[10, 'starmie_m1', 'Water:Gun,7"x\\']],
    rejectedLines: [],
  },
  {
    file: 'pokemongo-bot-auth.json',
    reader: 'pokemongo-bot',
    format: 'pokemongo-bot',
    accounts: [[3, 'ash.ketchum.bot7@gmail.com', 'Pall3t#Town!']],
    rejectedLines: [],
  },
  {
    file: 'poketrainer-config.json',
    reader: 'bot-accounts',
    format: 'bot-accounts',
    accounts: [
      [5, 'trainer.ash.k@gmail.com', 'G00gle pass:ash'],
      [91, 'misty_w0rld', 'St4rmie,"Psy"'],
      [216, 'brock_r0ck', 'Onix#R0ck5'],
    ],
    rejectedLines: [],
  },
  {
    file: 'openpogobot-config.yml',
    reader: 'openpogobot',
    format: 'openpogobot',
    accounts: [[24, 'openbot_gary7', 'Eevee#Evolve: 3']],
    rejectedLines: [],
  },
  {
    file: 'pogonode-config-actual.yaml',
    reader: 'yaml-login',
    format: 'yaml-login',
    accounts: [[2, 'MistyCerulean', 'Star: mie #2016']],
    rejectedLines: [],
  },
  {
    file: 'pogom-config.json',
    reader: 'json',
    format: 'json',
    accounts: [
      [1, 'pogomscan01', 'Sc4n!north'],
      [1, 'pogomscan02', 'Sc4n south 2'],
      [1, 'pogom.scan3@gmail.com', 'Gm4il,pass#3'],
    ],
    rejectedLines: [],
  },
  {
    file: 'necrobot-auth.json',
    reader: 'necrobot',
    format: 'necrobot',
    accounts: [[6, 'necrowalker17', 'Gr4ss!Knot']],
    rejectedLines: [],
  },
  {
    file: 'necrobot2-auth.json',
    reader: 'necrobot',
    format: 'necrobot',
    accounts: [
      [4, 'necrofarm001', 'Fm!0017xq'],
      [49, 'necrofarm002', 'Fm:0028,zr'],
      [58, 'farmer.necro3@gmail.com', 'Leaf Blade 93'],
    ],
    rejectedLines: [],
  },
  {
    // Stop 55 G2: RocketMap's accounts.csv in a ConfigMap's data (mounted for --accountcsv), read as an archive's member; a Secret's db-users.csv never.
    file: 'k8s-accounts-configmap.yaml',
    reader: 'kubernetes-data-file',
    format: 'kubernetes-data-file+rocketmap',
    accounts: [
      [9, 'k8s_acct01', 'Wq2!eR4t'],
      [10, 'k8s_acct02', 'Ui6!oP8a'],
      [11, 'k8s.acct03@gmail.com', 'Gm9!kL2j'],
    ],
    rejectedLines: [43],
  },
  {
    // Stop 55 G2: an Ansible group_vars file's rocketmap_workers[].accounts[]; a vault value refused by its line, mysql_accounts never read.
    file: 'ansible-rocketmap-group-vars.yml',
    reader: 'settings-accounts',
    format: 'settings-accounts',
    accounts: [
      [12, 'ansi_pt01', 'Tr4!nerA'],
      [13, 'ansi_pt02', "Tr4!ner'B"],
      [18, 'ansi.g03@gmail.com', 'G00g!eC'],
    ],
    rejectedLines: [21],
  },
  {
    file: 'necrobot-2016-app.config',
    reader: 'dotnet-app-config',
    format: 'dotnet-app-config',
    accounts: [[24, 'squirtle_co77', 'Hydro<Pump> & "Surf":7']],
    rejectedLines: [],
  },
  {
    file: 'haxtonbot-app.config',
    reader: 'dotnet-app-config',
    format: 'dotnet-app-config',
    accounts: [[17, 'brock_pewter31', 'Geo&dude "31"']],
    rejectedLines: [],
  },
  {
    // PokemonGo-Map's July 2016 config/config.ini (stop 53): [Authentication] only, the inline `;` comment cut as ConfigParser cuts it, a fork's [MySQL] login never.
    file: 'pokemongo-map-config-2016-07.ini',
    reader: 'pokemongo-map-ini',
    format: 'pokemongo-map-ini',
    accounts: [[6, 'kantoscan07', 'Pidg3y!Fly']],
    rejectedLines: [],
  },
  {
    file: 'pokewatch-configuration.json',
    reader: 'pokewatch-config',
    format: 'pokewatch-config',
    accounts: [
      [2, 'dragonite_hunter7', 'Hyper:Beam,77'],
      [4, 'pokewatch.bellingham@gmail.com', 'Tw33t "Rare" Mons'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pokewatch-accounts.json',
    reader: 'pokewatch-config',
    format: 'pokewatch-config',
    accounts: [
      [4, 'snorlax_duarte1', 'Rest&Snore:1'],
      [12, 'lapras.duarte@gmail.com', 'Ice Beam, Surf'],
      [16, 'eevee_duarte3', 'Vapor!Jolt3'],
    ],
    rejectedLines: [18, 22],
  },
  {
    file: 'projectmew-config.json',
    reader: 'projectmew-config',
    format: 'projectmew-config',
    accounts: [[3, 'mew_phoenix16', 'Psych1c "Mew":151']],
    rejectedLines: [],
  },
  {
    file: 'pokenurse-account.json',
    reader: 'pokenurse-account',
    format: 'pokenurse-account',
    accounts: [[1, 'nurse.joy.88@gmail.com', 'Chansey:Egg,88']],
    rejectedLines: [],
  },
  {
    file: 'pokemonbotmanager-ptcaccounts.txt',
    reader: 'botmanager-ptc-accounts',
    format: 'botmanager-ptc-accounts',
    accounts: [
      [1, 'ash_mgr01', 'Pika-Chu1!'],
      [2, 'misty_mgr02', 'Star:mie,2'],
      [4, 'gary_mgr04', 'Eevee 4 Ever'],
    ],
    rejectedLines: [3],
    // Blanks after `True` make it, to the tool's `acc[3] == "True"`, not verified: the variant adds none.
    blanksKept: true,
  },
  {
    file: 'pokemonbotmanager-accountlist.xml',
    reader: 'datacontract-accounts',
    format: 'datacontract-accounts',
    accounts: [
      [8, 'ash_mgr01', 'Pika-Chu1!'],
      [15, 'misty_mgr02', 'Star<mie>&2'],
      [22, 'brock_mgr03', 'Onix "Rock" 3'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pokeroadie-settings.xml',
    reader: 'xmlserializer-accounts',
    format: 'xmlserializer-accounts',
    accounts: [[4, 'roadie_ptc01', 'Road&ie<1>"x"']],
    rejectedLines: [],
  },
  {
    file: 'gottacatchemall-config.xml',
    reader: 'xmldocument-config',
    format: 'xmldocument-config',
    accounts: [[2, 'gcea_ptc01', 'Gotta&Catch<1 "x"']],
    rejectedLines: [],
  },
  {
    file: 'pokemaster-profile.json',
    reader: 'pokemaster-profile',
    format: 'pokemaster-profile',
    accounts: [[5, 'ash_pm01', 'Pika!chu1']],
    rejectedLines: [],
  },
  {
    file: 'pokego-slave-settings.json',
    reader: 'pokego-slave-settings',
    format: 'pokego-slave-settings',
    accounts: [[2, 'professor.elm.89@gmail.com', 'Cyndaquil Ember:89']],
    rejectedLines: [],
  },
  {
    file: 'pallettown-pokealert.txt',
    reader: 'pokealert',
    format: 'pokealert',
    accounts: [
      [1, 'blumfrangtesk', 'Sl4mbr@ndtr'],
      [2, 'chedvostplung', 'gR0v#tesk'],
      [3, 'palletuser7', 'my own pass 7'],
      [4, 'snuptrebflask', 'Fl4sk(pimp'],
    ],
    rejectedLines: [],
  },
  {
    file: 'ptc-acc-gen-accounts.csv',
    reader: 'ptc-acc-gen',
    format: 'ptc-acc-gen',
    accounts: [
      [1, 'kantogen1', 'k2x9qa418&(<ABC'],
      [2, 'kantogen2', '0f3kz1907%-]ABC'],
      [3, 'misty_nick', 'a81mq0233*`>ABC'],
    ],
    rejectedLines: [],
  },
  {
    file: 'ptc-acc-gen-edited-format.csv',
    reader: 'ptc-acc-gen',
    format: 'ptc-acc-gen',
    accounts: [
      [1, 'kantoscan100', 'Sc4nP4ss'],
      [2, 'kantoscan101', 'Sc4nP4ss'],
      [3, 'kantonick41', 'Sc4nP4ss'],
      [4, 'kantoscan118', 'Sc4nP4ss'],
      [6, 'kantoscan208', 'kantoscan'],
      [6, 'kantoscan210', 'kantoscan'],
      [6, 'kantoscan211', 'kantoscan'],
    ],
    rejectedLines: [],
  },
  {
    file: 'rocketmap-config.ini',
    reader: 'rocketmap-config',
    format: 'rocketmap-config',
    accounts: [
      [11, 'rmconf_a01', 'Sp4ce Bar!'],
      [11, 'rmconf.b02@gmail.com', 'G00gle=pw'],
      [11, 'rmconf_c03', 'tr@il1ng'],
    ],
    rejectedLines: [],
  },
  {
    file: 'rocketmap-start.bat',
    reader: 'rocketmap-command',
    format: 'rocketmap-command',
    accounts: [
      [4, 'chansey_h1', 'Soft!Boiled1'],
      [5, 'kanga.h2@gmail.com', 'Comet Punch2'],
    ],
    rejectedLines: [],
  },
  {
    file: 'monocle-accounts.pickle',
    reader: 'monocle-pickle',
    format: 'monocle-pickle',
    binary: true,
    // a binary store has no lines: the place of each account in it
    accounts: [
      [1, 'mon_ash01', 'Pik4chu!Volt'],
      [2, 'mon_misty02', 'Star\\mie\'s "9"'],
      [3, 'mon.brock03@gmail.com', 'Onix,Geodude'],
      [4, 'mon_fresh04', 'Pokédex★151'],
      [5, 'mon_erika05', 'correct horse battery staple and a long tail of words 42'],
    ],
    rejectedLines: [],
  },
  {
    file: 'necrobot2-accounts.db',
    reader: 'sqlite',
    format: 'necrobot-db',
    binary: true,
    // a SQLite table has no lines: the place of each row in it
    accounts: [
      [1, 'necro2_ash01', 'Necr0:pw,1'],
      [2, 'necro2_misty02', 'Necr0 pw "2"'],
      [3, 'necro2.brock03@gmail.com', 'Onix Rock 3'],
      [4, 'necro2_fail04', 'wrong pass 4'],
      [5, 'necro2_warn05', 'Warn 5!'],
    ],
    rejectedLines: [],
  },
  {
    file: 'monocle-accounts.sqlite',
    reader: 'sqlite',
    format: 'monocle-db',
    binary: true,
    accounts: [
      [1, 'mdb_ash01', 'Pik4chu!Volt'],
      [2, 'mdb.misty02@gmail.com', 'Star mie "2"'],
      [3, 'mdb_brock03', 'Onix,Geodude'],
      [4, 'mdb_erika04', 'Tangela|4'],
      [5, 'mdb_surge05', 'Zap Zap 5'],
      [6, 'mdb_fresh06', 'Fr3sh!new'],
    ],
    rejectedLines: [],
  },
  {
    file: 'monocle-print_accounts.txt',
    reader: 'monocle-print',
    format: 'monocle-print',
    accounts: [
      [1, 'mon.brock03@gmail.com', 'Onix,Geodude'],
      [17, 'mon_ash01', 'Pik4chu!Volt'],
      [33, 'mon_erika05', 'correct horse battery staple and a long tail of words 42'],
      [50, 'mon_fresh04', 'Pokédex★151'],
      [59, 'mon_misty02', 'Star\\mie\'s "9"'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pgpool-account.sql',
    reader: 'pgpool-dump',
    format: 'pgpool-dump',
    accounts: PGPOOL_ROWS.map(([line, u, p]) => [line + 75, u, p]),
    rejectedLines: [],
  },
  {
    file: 'pgpool-accounts.tsv',
    reader: 'pgpool-tsv',
    format: 'pgpool-tsv',
    accounts: PGPOOL_ROWS.map(([line, u, p]) => [line + 1, u, p]),
    rejectedLines: [],
  },
  {
    file: 'pgpool-accounts-table.txt',
    reader: 'pgpool-table',
    format: 'pgpool-table',
    accounts: PGPOOL_ROWS.map(([line, u, p]) => [line + 3, u, p]),
    rejectedLines: [],
  },
  {
    // `mysql --xml` of PGPool's table, made by the real MariaDB tools (test/fixtures/generators/make-pgpool-xml.sh):
    // an account is at its <row> line; the rows without a password and with a line feed in it are rejected there.
    file: 'pgpool-xml/v2-batch.xml',
    reader: 'mysql-xml',
    format: 'mysql-xml',
    accounts: [
      [5, 'pgv_ash01', 'Pik4chu!Volt'],
      [39, 'pgv_brock02', "On'ix\\n\\Ro\tck"],
      [73, 'pgv_fresh05', 'Fr3sh!new'],
      [107, 'pgv_lt07', 'Lt\u{1F525}Surge雷'],
      [175, 'pgv_surge04', 'Zap#Zap--1'],
      [209, 'pgv_xml08', 'a<b>&c"d\'e'],
      [278, 'pgv.misty03@gmail.com', 'Stärmïe ßé'],
    ],
    rejectedLines: [141, 243],
  },
  {
    file: 'gopatrol-config.js',
    reader: 'js-config',
    format: 'js-config',
    accounts: [
      [10, 'patrol.taipei01@gmail.com', 'Tp1 "xinyi" 101'],
      [11, 'patroltpe02', "Tp2,da'an#"],
      [12, 'patroltpe03', 'Tp3\\beitou'],
    ],
    rejectedLines: [],
  },
  {
    file: 'monocle-config.py',
    reader: 'python-accounts',
    format: 'python-accounts',
    accounts: [
      [35, 'slc_ash01', 'Pik4chu!Volt'],
      [36, 'slc.misty02@gmail.com', "Star'mie#9"],
      [38, 'slc_brock04', 'Onix,Geodude (rock)'],
      [39, 'slc_erika05', 'Gloom\\Vile"plume]5'],
      [40, 'slc_sabrina06', 'Kadabra Alakazam6'],
    ],
    rejectedLines: [],
  },
  {
    file: 'monocle-config-defaults.py',
    reader: 'python-accounts',
    format: 'python-accounts',
    accounts: [
      [35, 'slc_gary07', 'Sh4red!Pass'],
      [36, 'slc_gary08', 'Sh4red!Pass'],
      [37, 'slc_blaine09', 'Own!pass09'],
      [38, 'slc.koga10@gmail.com', 'Own!pass10'],
    ],
    rejectedLines: [],
  },
  {
    file: 'monocle-config-devices.py',
    reader: 'python-accounts',
    format: 'python-accounts',
    accounts: [
      [33, 'slc_ash01', 'Pik4chu!Volt'],
      [34, 'slc.misty02@gmail.com', 'Star#mie9'],
      [35, 'slc_brock04', 'Onix,Geodude'],
      [36, 'slc_surge05', 'Rai(chu)5'],
    ],
    rejectedLines: [],
  },
  {
    file: 'ptc-account-creator-tuples.txt',
    reader: 'python-accounts',
    format: 'python-accounts',
    accounts: [
      [1, 'gNSWPHprVqsU', 'eQCtDRzzXhqo'],
      [2, 'uwZqxZOOHjkJ', 'QQrkaPehMvbf'],
      [3, 'rnyzLCMgPRhL', 'LOOxlgVFGRmr'],
      [4, 'CNnFZsGqghfr', 'rhbkVAhRHLfB'],
    ],
    rejectedLines: [],
  },
  {
    file: 'monocle-export-banned.csv',
    reader: 'monocle',
    format: 'monocle',
    accounts: [
      [2, 'mon.brock03@gmail.com', 'Onix,Geodude'],
      [3, 'mon_fresh04', 'Pokédex★151'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pallettown-console.txt',
    reader: 'pallettown-console',
    format: 'pallettown-console',
    accounts: [
      [18, 'palletash102', 'P4llet!Town'],
      [33, 'palletash103', 'P4llet!Town'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pallettown.log',
    reader: 'pallettown-console',
    format: 'pallettown-console',
    accounts: [
      [20, 'palletash202', 'P4llet!Town'],
      [34, 'palletash203', 'My own: pass 3'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pogobotfarm-console.log',
    reader: 'variable-echo-console',
    format: 'variable-echo-console',
    accounts: [
      [41, 'farmwalk01', 'Fw1#genf'],
      [47, 'farmwalk02', 'Fw2!newyork'],
      [53, 'farmwalk03', 'Fw3%bern'],
    ],
    rejectedLines: [],
  },
  {
    file: 'ptc-account-maker-console.txt',
    reader: 'creator-success',
    format: 'creator-success',
    accounts: [
      [22, 'coarseash1', 'C0arse!Pw'],
      [48, 'coarseash2', 'C0arse!Pw'],
      [63, 'coarsemisty1', 'Star:mie 02'],
      [74, 'coarsemisty2', 'Star:mie 02'],
    ],
    rejectedLines: [],
  },
  {
    file: 'ptc-registration-console.txt',
    reader: 'creator-success',
    format: 'creator-success',
    accounts: [
      [2, 'REGASH01', 'Reg!pass01'],
      [15, 'REGMISTY04', 'Reg pass - 04'],
    ],
    rejectedLines: [],
  },
  {
    file: 'anonymous-scripter-console.txt',
    reader: 'anonymous-scripter-console',
    format: 'anonymous-scripter-console',
    accounts: [
      [2, 'anonptc042', 'Pik4 - chu!:1'],
      [29, 'anonptc508', 'Pik4 - chu!:1'],
      [68, 'anonptc903', 'Pik4 - chu!:1'],
    ],
    rejectedLines: [],
  },
  {
    file: 'auto-ptc-credentials.csv',
    reader: 'plain',
    format: 'plain',
    accounts: [
      [1, 'ashpre48213', 'Auto"Ptc\\1:x'],
      [2, 'ashpre90175', 'Auto"Ptc\\1:x'],
      [3, 'mistyp31752', 'Auto"Ptc\\1:x'],
    ],
    rejectedLines: [],
  },
  {
    file: 'auto-ptc-accounts.txt',
    reader: 'json',
    format: 'json',
    accounts: [
      [3, 'ashpre48213', 'Auto"Ptc\\1:x'],
      [8, 'ashpre90175', 'Auto"Ptc\\1:x'],
      [13, 'mistyp31752', 'Auto"Ptc\\1:x'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pgpool-request.json',
    reader: 'json',
    format: 'json',
    accounts: [
      [2, 'pga_ash01', 'Pik4"chu\\Volt'],
      [12, 'pga.misty03@gmail.com', 'St\u00e4r mie02'],
      [22, 'pga_fresh06', 'Fr3sh!new'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pikaptcha-mono.txt',
    reader: 'pikaptcha',
    format: 'pikaptcha',
    accounts: [
      [2, 'pikamono01', 'aQ7#bXz9Kp(Lm2W'],
      [3, 'pikamono02', 'Zx)4rT:q8,Yw!uBn3v'],
      [6, 'pikamono03', 'kP`3Ra9^mHq2ZtW'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pgpool-accounts-noheader.tsv',
    reader: 'pgpool-tsv',
    format: 'pgpool-tsv',
    accounts: PGPOOL_ROWS,
    rejectedLines: [],
  },
  {
    file: 'pgpool-account-outfile.txt',
    reader: 'pgpool-tsv',
    format: 'pgpool-tsv',
    accounts: PGPOOL_ROWS,
    rejectedLines: [],
  },
  {
    file: 'ptc-acc-gen-fork-accounts.csv',
    reader: 'ptc-acc-gen',
    format: 'ptc-acc-gen',
    accounts: [
      [1, 'habakuk1', 'k2x9qa418&(<ABC'],
      [2, 'habakuk2', '0f3kz1907%-]ABC'],
      [3, 'habakuk3', 'a81mq0233*`>ABC'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pikapy-console.txt',
    reader: 'creator-console',
    format: 'creator-console',
    accounts: [
      [2, 'pikapy4kq9x2mw', 'Qx7!mK2pLw9z'],
      [9, 'pikapy8hz3n1rt', 'Vb3#nR8sTq1y'],
    ],
    rejectedLines: [],
  },
  {
    file: 'pokespotter.env',
    reader: 'login-variables',
    format: 'login-variables',
    accounts: [[2, 'spotter.trainer.17@gmail.com', 'Sp0tter!Times']],
    rejectedLines: [],
  },
  {
    file: 'pogoserver-cfg.js',
    reader: 'login-variables',
    format: 'login-variables',
    accounts: [[58, 'pogoserver.assets@gmail.com', 'Ass3ts:Dl,2016']],
    rejectedLines: [],
  },
];

function summary(result: DumpResult) {
  return {
    format: result.format,
    accounts: result.accounts.map((a) => [a.line, a.username, a.password]),
    rejectedLines: result.rejected.map((r) => r.line),
  };
}

/**
 * The reader detection chooses for each fixture, asked once a file: detection is a function of the
 * file's name and bytes alone, and "claims no other fixture" asks about every other fixture for
 * each case, the square of the cases (81 at stop 59: ~6,500 rankings, most of this file's 16 s in
 * stop 58's CI; 81 now, each checked against every reader's claim as before).
 */
const detected = new Map<string, string | undefined>();
function detectedFor(file: string): string | undefined {
  if (!detected.has(file)) detected.set(file, detectFormat(fixture(file))?.name);
  return detected.get(file);
}

describe.each(CASES)('$file', (c) => {
  it(`is claimed by ${c.reader}`, () => {
    expect(detectFormat(fixture(c.file))?.name).toBe(c.reader);
  });

  it(`${c.reader} claims no other fixture`, () => {
    for (const other of CASES) {
      if (other.reader === c.reader) continue;
      expect(detectedFor(other.file), other.file).not.toBe(c.reader);
    }
  });

  it('reads the expected accounts, in file order, with their lines', async () => {
    expect(summary(await readDump(fixture(c.file)))).toEqual({ format: c.format, accounts: c.accounts, rejectedLines: c.rejectedLines });
  });

  it.skipIf(c.binary || c.notUtf8)('reads the same with BOM, CRLF, trailing blanks and no final newline', async () => {
    const original = await readDump(fixture(c.file));
    const variant = await readDump(toDumpInput(c.file, windowsVariant(fixtureBytes(c.file), c.blanksKept)));
    expect(variant).toEqual(original);
  });

  it('never puts a password in a rejection reason', async () => {
    const result = await readDump(fixture(c.file));
    // Every token of the fixture that is not a plain word could be a password: none may show up.
    // A login the file gives is no secret: a reason may name the account it is about (quoted-copies.ts does).
    const logins = new Set(c.accounts.map((a) => a[1]));
    const secrets = new Set([...c.accounts.map((a) => a[2]), ...fixture(c.file).text.split(/[\s:,;=|]+/).filter((t) => t.length >= 6 && /\d/.test(t) && !logins.has(t))]);
    for (const r of result.rejected) for (const s of secrets) expect(r.reason).not.toContain(s);
  });
});

it('every registered format detection chooses has a fixture in the suite', () => {
  // A reader only `--format` chooses (DumpFormat.wayThrough) claims no fixture: login-map's are json.test.ts's and not-accounts.test.ts's.
  const covered = new Set(CASES.map((c) => c.reader));
  expect(FORMATS.filter((f) => !f.wayThrough).map((f) => f.name).filter((n) => !covered.has(n))).toEqual([]);
});
