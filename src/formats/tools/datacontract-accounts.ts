// A C# tool's account list saved by .NET's DataContractSerializer: priaonehaha/PokemonBotManagerConsole
// (July 2016, on FeroxRev's Pokemon-Go-Rocket-API) `PokemonBotManager/Pokemon/AccountList.cs`
// `Serialize` writes `AccountList.xml` with `XmlWriter.Create(..., new XmlWriterSettings { Indent = true })`
// (UTF-8 with its BOM, CRLF, two blanks a level) of `[DataContract] AccountList { [DataMember] List<Account> Accounts }`,
// and `Account.cs` gives each `<Account>` its members in DataContract's order, alphabetical: `Email`,
// `LatestLocationId`, `Password`, `Username`, `Verified`; a null string is `<Email i:nil="true" />`.
// The bot logs in to PTC only (`BotSettings.cs`: `AuthType => AuthType.Ptc`).
// Read here for any such document (the root in a `http://schemas.datacontract.org/2004/07/` namespace),
// its records as xml-records.ts reads them; a record's other simple members go beside the account
// (the import keeps only the fields it may: account-fields.ts).
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';
import { LOGIN_ELEMENT, readXmlRecords } from './xml-records.js';

const NAME = 'datacontract-accounts';

const ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*)\b[^>]*\bxmlns(?::\w+)?\s*=\s*"http:\/\/schemas\.datacontract\.org\/2004\/07\/[^"]*"/;

export function detectDatacontractAccounts(input: DumpInput): number {
  const head = input.text.slice(0, 4096);
  if (!ROOT.test(head)) return 0;
  return LOGIN_ELEMENT.test(input.text) ? 0.98 : 0;
}

export function parseDatacontractAccounts(input: DumpInput): DumpResult {
  if (!ROOT.test(input.text.slice(0, 4096))) throw new DumpError('is not a DataContractSerializer document', input.name, 1);
  const { accounts, rejected } = readXmlRecords(input.text, { keepFields: true, emptyIsNone: false, attributes: false });
  if (accounts.length === 0 && rejected.length === 0) throw new DumpError('no accounts found: a DataContractSerializer document with no record holding a Username and a Password', input.name);
  return { format: NAME, accounts, rejected };
}

export const datacontractAccounts: DumpFormat = { name: NAME, detect: detectDatacontractAccounts, parse: parseDatacontractAccounts };
