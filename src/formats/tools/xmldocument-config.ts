// A bot's settings kept by .NET's XmlDocument rather than a serializer: Spegeli/PokemoGoBot-
// GottaCatchEmAll (2016, on FeroxRev's Pokemon-Go-Rocket-API) `PokemonGo.RocketAPI.Console/Settings.cs`
// loads `config.xml` with `XmlDocument.Load`, takes `SelectSingleNode("root")`, and reads each
// setting as its element's `InnerText` (`PtcUsername`, `PtcPassword`, `DefaultLatitude`, ...,
// `ItemRecycleList` and the Pokémon lists as lines of text); a missing file is written from its
// `DefaultSettings.xml` resource (`<root>` without a declaration, two blanks a level, the login
// elements holding only a line break and an indent: `<PtcUsername>\n  </PtcUsername>`), and a
// setting the file lacks is appended from it and the document saved again (`XmlDocument.Save`).
// The operator types the login between the tags. Its provider is PTC (`AuthType =>
// PtcUsername == "" ? Google : Ptc`; a Google login is a refresh token elsewhere, no account here).
// So: a document whose root is `<root>` holding a `PtcUsername` element, read as xml-records.ts
// reads a serializer's record; the login's text exactly as `InnerText` gives it; the template's
// blanks are no login (no account, said); nothing of its other settings kept.
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';
import { readXmlRecords } from './xml-records.js';

const NAME = 'xmldocument-config';

/** `<root>` first (after a BOM, a declaration, comments), and a `<PtcUsername>` element in it. */
const ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<root>/;

function isConfig(text: string): boolean {
  return ROOT.test(text.slice(0, 4096)) && /<PtcUsername[\s>/]/.test(text) && /<\/root>\s*$/.test(text);
}

export const xmldocumentConfig: DumpFormat = {
  name: NAME,
  detect: (input: DumpInput) => (isConfig(input.text) ? 0.98 : 0),
  parse(input: DumpInput): DumpResult {
    if (!isConfig(input.text)) throw new DumpError('is not an XmlDocument config (`<root>` holding `<PtcUsername>`)', input.name, 1);
    const { accounts, rejected } = readXmlRecords(input.text, { keepFields: false, emptyIsNone: true, attributes: false, blankIsEmpty: true });
    if (accounts.length === 0 && rejected.length === 0) {
      throw new DumpError('no accounts found: a bot\'s config.xml (XmlDocument `<root>`) whose PtcUsername and PtcPassword are empty, as its DefaultSettings.xml leaves them (the bot then logs in with Google)', input.name);
    }
    // PtcUsername is a PTC login, whatever else the file says (Settings.cs: AuthType is Ptc when it is set).
    return { format: NAME, accounts: accounts.map((a) => ({ ...a, provider: 'ptc' as const })), rejected };
  },
};
