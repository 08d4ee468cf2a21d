// A url-encoded `/account/add` whose `accounts` field was never URL-encoded. GoManager's "Export to
// PGPool" (Furtif/Account-Manager and its forks, `PokemonGoGUI/GoManager/Manager.Player.cs`
// `ExportToPGPool`) posts `level=N&condition=good&accounts=ptc,USER,PASSWORD` as a plain string with
// the form's Content-Type, and `curl -d 'accounts=ptc,u,p'` does the same. A form reader (Flask's
// for PGPool, URLSearchParams here) then reads a `+` in the password as a blank, `%41` as `A`, and
// ends the field at a `&`: PGPool stored another password than the account's, without a word.
//
// A raw `,` or `:` in the value tells such a field: every encoder a form comes from (a browser,
// `curl --data-urlencode`, Python's urlencode) writes them `%2C` and `%3A`. In such a value a `+`
// or a `%XX` may be the password's own (GoManager never encodes) or the writer's escape (a curl
// user who wrote `%26` for a `&`), and after a `&` nothing tells where the password ended: the
// line is refused, naming its username (never a character of its password), and nothing is added.
// A `%` not followed by two hex digits, or a `=`, reads the same either way and passes.

/** Python's str.splitlines() separators, as add-accounts.ts splits the field's text. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** The form's fields PGPool read besides `accounts`: what may follow it in a body. */
const FIELDS = new Set(['level', 'condition']);

/** The username of a raw line, as add-accounts.ts reads the line's shapes, or undefined when unsure. */
function username(line: string): string | undefined {
  const fields = line.split(',');
  if (fields.length === 3 && /^\s*(?:ptc|google)\s*$/i.test(fields[0]!)) return fields[1]!.trim();
  if (fields.length === 2) return fields[0]!.trim();
  if (fields.length === 1 && line.split(':').length === 2) return line.split(':')[0]!.trim();
  return undefined;
}

function named(line: string, n: number): string {
  const name = username(line);
  return name ? `line ${n} (${JSON.stringify(name.slice(0, 64))})` : `line ${n}`;
}

/**
 * Why the raw url-encoded `body`'s `accounts` field cannot be read as its writer meant, or
 * undefined when it can (it was URL-encoded, or it holds nothing a form reader changes). The same
 * holds for a query string (`?accounts=` typed into a bookmark), where `?token=` may follow too:
 * `also` names such other fields.
 */
export function unencodedAccountsProblem(body: string, also: readonly string[] = []): string | undefined {
  const parts = body.split('&');
  const at = parts.findIndex((part) => part.startsWith('accounts='));
  if (at < 0) return undefined;
  const raw = parts[at]!.slice('accounts='.length);
  if (!/[,:]/.test(raw)) return undefined;
  const lines = raw.split(LINE_BREAK);
  const why = 'the accounts field came without URL encoding (its commas as they are: GoManager\'s "Export to PGPool", curl -d)';
  const how = 'send the lines URL-encoded (curl --data-urlencode accounts@FILE) or as JSON, or use accountpool import; nothing was added';
  const decoded = lines.findIndex((line) => /\+|%[0-9A-Fa-f]{2}/.test(line));
  if (decoded >= 0) return `${named(lines[decoded]!, decoded + 1)}: ${why}, and it holds a "+" or a "%" and two hex digits, which a form reads as a blank or another character, so its password cannot be known: ${how}`;
  const seen = new Set<string>();
  for (const part of parts.slice(at + 1)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? undefined : part.slice(0, eq);
    if (name !== undefined && (FIELDS.has(name) || also.includes(name)) && !seen.has(name)) {
      seen.add(name);
      continue;
    }
    const last = lines.length - 1;
    return `${named(lines[last]!, last + 1)}: ${why}, and a "&" follows it that starts no form field, which ends the field there: the password may go on past it, so it cannot be known: ${how}`;
  }
  return undefined;
}
