// Mail as mail programs store it rather than send it, and office files a seller sends accounts
// in (issue 14). Each imported exact, or refused naming what it is; never an invented account.
// - Apple Mail `.emlx`: a byte-count line, the message, an XML plist (terhechte/emlx src/lib.rs,
//   qqilihq/partial-emlx-converter's readme); fixture mail-apple-mail.emlx. Its `.partial.emlx`: the
//   attachments cut out, each part's headers kept with `X-Apple-Content-Length` and no body (that
//   repository's test/__testdata/input/Messages/114892.partial.emlx); fixture 5532.partial.emlx.
// - mboxcl2 (mutt's `mbox_type`, Solaris mail): `Content-Length:` gives the body's bytes and a body
//   line starting "From " is written unescaped (qmail mbox(5)); fixture mail-mboxcl2.mbox.
// - An `.xlsx` (ECMA-376 Part 2 OPC package) and an Outlook `.msg` (MS-CFB header, MS-OXMSG
//   `__substg1.0_` streams): no parser of them is a dependency, so refused by name.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, fixtureBytes, input } from './helpers.js';

const rows = (r: { accounts: { line: number; username: string; password: string }[] }) => r.accounts.map((a) => [a.line, a.username, a.password]);

describe('Apple Mail .emlx', () => {
  it('reads the message between the byte-count line and the plist, at the file\'s lines', async () => {
    const r = await readDump(fixture('mail-apple-mail.emlx'));
    expect(r.format).toMatch(/^emlx\+/);
    expect(rows(r)).toEqual([[18, 'apple_01', 'Orchard!Pass31'], [19, 'apple_02', 'Orchard!Pass32']]);
    expect(r.rejected).toEqual([]);
  });

  it('a byte count that does not end where the plist begins is refused, nothing guessed', async () => {
    const bytes = fixtureBytes('mail-apple-mail.emlx');
    const cut = Buffer.concat([Buffer.from('9999      '), bytes.subarray(10)]);
    await expect(readDump(input('12345.emlx', cut))).rejects.toThrow(/\.emlx whose first line says the message is 9999 bytes, but the file holds/);
    const short = Buffer.concat([Buffer.from('400       '), bytes.subarray(10)]);
    await expect(readDump(input('12345.emlx', short))).rejects.toThrow(/no property list follows them/);
  });
});

describe('Apple Mail .partial.emlx', () => {
  const REFUSED = /^the attachment "accounts\.txt" \(480 bytes\) is not in this Apple Mail \.partial\.emlx: Mail keeps it apart \(Attachments\/5532\/<part>\/accounts\.txt/;

  it('the body\'s account read, the attachment Mail keeps apart refused by its line and name; the cut logo not named', async () => {
    const r = await readDump(fixture('5532.partial.emlx'));
    expect(rows(r)).toEqual([[24, 'apple_11', 'Orchard!Pass41']]);
    expect(r.rejected).toEqual([{ line: 40, reason: expect.stringMatching(REFUSED), part: true }]);
  });

  it('a body naming no account: the file refused, naming the attachment', async () => {
    const text = fixtureBytes('5532.partial.emlx').toString('latin1');
    const body = text.replace('apple_11:Orchard!Pass41', 'see the file, thanks   ');
    await expect(readDump(input('5532.partial.emlx', Buffer.from(body, 'latin1')))).rejects.toThrow(/no accounts found.*line 40: the attachment "accounts\.txt" \(480 bytes\) is not in this Apple Mail \.partial\.emlx/);
  });

  it('the same message with the attachment in it (as Mail writes a whole .emlx): read whole', async () => {
    const text = fixtureBytes('5532.partial.emlx').toString('latin1');
    const [head, plist] = [text.slice(text.indexOf('\n') + 1, text.indexOf('<?xml')), text.slice(text.indexOf('<?xml'))];
    const whole = head.replace('X-Apple-Content-Length: 480\n\n', 'X-Apple-Content-Length: 480\n\napple_12:Orchard!Pass42\n');
    const r = await readDump(input('5532.emlx', Buffer.from(`${String(Buffer.byteLength(whole, 'latin1')).padEnd(10)}\n${whole}${plist}`, 'latin1')));
    expect(rows(r).map((a) => a.slice(1))).toEqual([['apple_11', 'Orchard!Pass41'], ['apple_12', 'Orchard!Pass42']]);
    expect(r.rejected).toEqual([]);
  });
});

describe('mboxcl2', () => {
  it('a body line "From 12 December on" inside Content-Length bytes starts no message: its account kept', async () => {
    const r = await readDump(fixture('mail-mboxcl2.mbox'));
    expect(rows(r).map((a) => a.slice(1))).toEqual([['cl_01', 'Mutt!Pass11'], ['cl_02', 'Mutt!Pass12'], ['cl_03', 'Mutt!Pass13']]);
  });

  it('a Content-Length that ends nowhere near a message start is not believed', async () => {
    const text = fixtureBytes('mail-mboxcl2.mbox').toString().replace(/Content-Length: \d+/, 'Content-Length: 7');
    const r = await readDump(input('box.mbox', text));
    // Cut at the From lines as an mboxrd: the second order's account still read.
    expect(rows(r).map((a) => a[1])).toContain('cl_03');
  });
});

describe('office files', () => {
  it('an .xlsx attached to a mail is read as its sheets: the account only it holds is the mail\'s (sheets/spreadsheets.ts)', async () => {
    const r = await readDump(fixture('mail-xlsx-attachment.eml'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['sheet_01', 'Sheet!Pass21']]);
  });

  it('an attachment named .xlsx whose bytes are no workbook is refused at its line by name, never passed over', async () => {
    const text = fixtureBytes('mail-xlsx-attachment.eml').toString().replace(/(filename=accounts\.xlsx\n\n)[A-Za-z0-9+/=\n]+/, `$1${Buffer.from('PK\x03\x04 cut short').toString('base64')}\n\n`);
    const error = await readDump(input('order.eml', text)).then(() => '', (e: Error) => e.message);
    expect(error).toMatch(/line 14: attachment "accounts\.xlsx": accounts\.xlsx: an Excel workbook \(\.xlsx\), but its bytes are no workbook .*save it again as \.xlsx or CSV/);
    expect(error).toMatch(/no line of it reads as an account, and 1 attachment or message was refused whole \(below\)/);
  });

  it('a loose Outlook .msg is named, with the way through', async () => {
    await expect(async () => readDump(fixture('outlook-order.msg'))).rejects.toThrow(/is an Outlook message \(\.msg\), which accountpool does not read.*Text Only/);
  });
});
