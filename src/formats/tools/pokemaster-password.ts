// PokeMaster's "encrypt password" option (Logxn/PokemonGo-Bot, 2016-2017: `PokemonGo.RocketAPI.Console/
// Encryption.cs`): the profile keeps the password as `Convert.ToBase64String` of .NET's
// TripleDESCryptoServiceProvider over its UTF-8 bytes, ECB mode, PKCS7 padding, under the key fixed
// in the program's source, `Ar1iPokemonGoBot` (16 bytes: .NET's two-key triple DES, K1 K2 K1, which
// OpenSSL names des-ede-ecb). The program decrypts it so at every start (`Program.cs`), so the
// password is what this gives back; a value it cannot give back (not base64, padding wrong, not
// UTF-8) the program itself reads as empty ("Password cannot be decrypted"), and it is refused.
import { createDecipheriv } from 'node:crypto';

const KEY = Buffer.from('Ar1iPokemonGoBot', 'ascii');
const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$|^[A-Za-z0-9+/]{2}==$|^[A-Za-z0-9+/]{3}=$/;

/** The password the program decrypts from `stored`, or undefined when it could not. */
export function pokemasterPassword(stored: string): string | undefined {
  if (!BASE64.test(stored)) return undefined;
  const bytes = Buffer.from(stored, 'base64');
  if (bytes.length === 0 || bytes.length % 8 !== 0) return undefined;
  try {
    const d = createDecipheriv('des-ede-ecb', KEY, null);
    const plain = Buffer.concat([d.update(bytes), d.final()]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}
