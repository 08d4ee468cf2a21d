// A spreadsheet part's XML as events, through htmlparser2 in its XML mode (a dependency already,
// for mails' HTML): entities and character references decoded, CDATA read as text. Element and
// attribute names are given without their prefix (`x:row` and `row`, `table:table-cell` and
// `table-cell`): writers choose prefixes freely (.NET's Open XML SDK writes `x:`), the names are
// what ECMA-376 and ODF define.
type Html = typeof import('htmlparser2');

export interface XmlHandler {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parses `xml` (a part's bytes, UTF-8 as every part of both formats is written), calling `handler` in document order. */
export async function parseXml(xml: Buffer, handler: XmlHandler): Promise<void> {
  const { Parser } = (await import('htmlparser2')) as Html;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!handler.open) return;
        const own: Record<string, string> = {};
        // Namespace declarations are no attributes of the element (`xmlns:r` is not `r`, a cell's reference).
        for (const [k, v] of Object.entries(attributes)) if (k !== 'xmlns' && !k.startsWith('xmlns:')) own[local(k)] ??= v;
        handler.open(local(name), own);
      },
      ontext: handler.text ? (text) => handler.text!(text) : undefined,
      onclosetag: handler.close ? (name) => handler.close!(local(name)) : undefined,
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml.toString('utf8').replace(/^\uFEFF/, ''));
  parser.end();
}
