// A C# tool's object saved by .NET's XmlSerializer: disdain13/PokeRoadie (2016, on FeroxRev's
// Pokemon-Go-Rocket-API) `PokeRoadie/PokeRoadieSettings.cs` `Save` writes `Configs/Settings.xml` with
// `new XmlSerializer(typeof(PokeRoadieSettings)).Serialize(stream, this)`: `<?xml version="1.0"?>`,
// the root `<PokeRoadieSettings>` carrying XmlSerializer's two namespaces (`xmlns:xsi` for
// XMLSchema-instance, `xmlns:xsd` for XMLSchema), one element per public property in declaration
// order (`AuthType` `Ptc` or `Google`, `Username`, `Password`, `GoogleRefreshToken`, ... `UseProxyUsername`,
// `UseProxyPassword`, ...), two blanks a level, CRLF, `&` `<` `>` escaped, an empty string `<X />`,
// a null one left out. Its README has the operator set `AuthType`, `Username` and `Password` there.
// Any XmlSerializer document is read so (a `List<Account>` is `<ArrayOfAccount>` with one element
// per account; members marked `[XmlAttribute]` are attributes, `<Account Username="..." Password="..." />`):
// its records as xml-records.ts reads them, never their other members (a bot's
// settings: a proxy's login, a refresh token); a record with an empty login and password (PokeRoadie
// set up for Google's device login) holds no account.
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';
import { LOGIN_ATTRIBUTE, LOGIN_ELEMENT, readXmlRecords } from './xml-records.js';

const NAME = 'xmlserializer-accounts';

/** The root's start tag, with the two namespaces XmlSerializer declares on every root it writes. */
const ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?<[A-Za-z_][\w.-]*\b([^>]*)>/;
const XSI = /\bxmlns:xsi\s*=\s*"http:\/\/www\.w3\.org\/2001\/XMLSchema-instance"/;
const XSD = /\bxmlns:xsd\s*=\s*"http:\/\/www\.w3\.org\/2001\/XMLSchema"/;

function isXmlSerializerDocument(text: string): boolean {
  const root = ROOT.exec(text.slice(0, 4096));
  return root !== null && XSI.test(root[1]!) && XSD.test(root[1]!);
}

export function detectXmlserializerAccounts(input: DumpInput): number {
  return isXmlSerializerDocument(input.text) && (LOGIN_ELEMENT.test(input.text) || LOGIN_ATTRIBUTE.test(input.text)) ? 0.98 : 0;
}

export function parseXmlserializerAccounts(input: DumpInput): DumpResult {
  if (!isXmlSerializerDocument(input.text)) throw new DumpError('is not an XmlSerializer document', input.name, 1);
  const { accounts, rejected } = readXmlRecords(input.text, { keepFields: false, emptyIsNone: true, attributes: true });
  if (accounts.length === 0 && rejected.length === 0) {
    throw new DumpError('no accounts found: an XmlSerializer document (a .NET program\'s saved object) with no record holding a Username and a Password, or with both empty (a program set up to log in another way)', input.name);
  }
  return { format: NAME, accounts, rejected };
}

export const xmlserializerAccounts: DumpFormat = { name: NAME, detect: detectXmlserializerAccounts, parse: parseXmlserializerAccounts };
