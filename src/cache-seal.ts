// A seal over a cache file's text: its first line is the sha256 of the rest, written with it and
// checked before anything of it is believed. A cache under .cache/ names the source it was made
// from (a shard's sha1, the settings file's hash) so that a stale one is made again; but an edit
// of what it says with that name kept (a standings summary whose held accounts were relabelled
// available with the same total, the checked settings given a lease of a second under the
// settings file's own key) was believed: `status` counted accounts as free that others hold, and
// `allocate` handed accounts out for a second. Sealed, such an edit reads as no cache, and the
// cache is made again from its source.
//
// Keyed with this host's key (seal-key.ts, outside every pool): one who read this source could
// otherwise seal a forged cache again (held accounts relabelled available were shown free), and a
// cache that came with a pool copied from elsewhere would pass for ours. Keyed, a cache is believed
// only where this user on this host wrote it; anyone who may read the key (this user) could still
// forge one, as they could edit the shards themselves (docs/guarantees.md, "Derived files").
import { createHmac } from 'node:crypto';
import { sealKey, sealsLast } from './seal-key.js';

export { sealsLast };

/** Names the scheme, so that a cache of another program (or none) never passes for a sealed one. */
const DOMAIN = 'accountpool cache seal 1\n';

function sealOf(body: string): string {
  return createHmac('sha256', sealKey()).update(DOMAIN).update(body).digest('hex');
}

/** `body` with its seal as a first line. */
export function sealText(body: string): string {
  return `${sealOf(body)}\n${body}`;
}

/** The body of sealed `text`, or undefined where the seal is missing or does not match it. */
export function unsealText(text: string | undefined): string | undefined {
  const body = unverifiedBody(text);
  return body !== undefined && text!.slice(0, 64) === sealOf(body) ? body : undefined;
}

/**
 * The body of sealed `text` without checking its seal: only for a process that has no key of the
 * host's (seal-key.ts), which may let such a text stop it but never act on what it says
 * (clock-jump.ts: a jump seen on the keyed marker refuses the transaction, re-dates nothing).
 */
export function unverifiedBody(text: string | undefined): string | undefined {
  if (text === undefined || text.indexOf('\n') !== 64) return undefined;
  return text.slice(65);
}
