// A JSON object's members pasted without its braces: an operator quoting the part of a bot's
// auth.json that matters in an issue thread (NecronomiconCoding/NecroBot#4810's answer: the
// `"AuthType": "ptc",` ... `"PtcPassword": "password",` lines alone, a `,` after the last; #1877:
// `"PtcPassword": "pass",` over `"PtcUsername": "user"`). No reader reads such a text, which is no
// JSON and no list: each line was "code or data". Wrapped in the braces it lost, it is the object
// the program reads, and the readers are asked again; only when that object parses.
import { toDumpInput } from './decode.js';
import type { DumpInput } from './types.js';

/** A member's start: a quoted key, `:`, a value. */
const MEMBER = /^\s*"[^"\n]+"\s*:\s*\S/;
/** Past this a paste is no fragment (an issue's quote is a few lines); JSON.parse is not asked. */
const MAX_FRAGMENT = 64 * 1024;

/**
 * The input as the object it was cut from (`{` before its first line, `}` after its last, a
 * trailing `,` dropped: the line numbers stay), when its first and last lines are members and the
 * whole parses as a JSON object; otherwise undefined.
 */
export function bracedMembers(input: DumpInput): DumpInput | undefined {
  const text = input.text;
  if (text.length > MAX_FRAGMENT) return undefined;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2 || !MEMBER.test(lines[0]!) || !MEMBER.test(lines.at(-1)!)) return undefined;
  const body = text.replace(/,(\s*)$/, '$1');
  const braced = `{${body}}`;
  try {
    const value: unknown = JSON.parse(braced);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  } catch {
    return undefined;
  }
  return toDumpInput(input.name, Buffer.from(braced, 'utf8'));
}
