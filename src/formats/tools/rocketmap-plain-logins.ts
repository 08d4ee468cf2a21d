// A compose service running RocketMap's image (its own `image:`, or through its `extends:` chain)
// whose login is set in plain `USERNAME`/`PASSWORD` variables: RocketMap never reads them. Its
// `pogom/utils.py` get_args builds ConfigArgParse with `auto_env_var_prefix='POGOMAP_'`, so the
// variables of `-u`, `-p` and `-a` are `POGOMAP_USERNAME`, `POGOMAP_PASSWORD` and
// `POGOMAP_AUTH_SERVICE` (rocketmap-command.ts reads those). No reader of RocketMap claims such a
// file, and a reader of any text would guess at its `USERNAME:` lines (stop 56 B: the e-mail
// reader imported one through an `extends:` base, or named itself as the way through). Refused as
// RocketMap's, naming the variables it does read.
import { containerSpans, spanNames } from './container-spans.js';
import { extendsLinks } from './compose-extends.js';
import { linkRunsImage } from './extends-variables.js';
import type { Beside } from '../beside.js';
import { appendAll } from '../long-arrays.js';

/** An `image:` line naming a RocketMap image (`rocketmap/rocketmap`, a fork's `me/rocketmap:tag`). */
export const ROCKETMAP_IMAGE = /^\s*["']?image["']?\s*:\s*["']?[\w.:/-]*rocketmap[\w.-]*(?::[\w.-]+)?["']?\s*(?:#.*)?$/i;
const PLAIN = /^\s*(?:-\s*)?["']?(?:USERNAME|PASSWORD)["']?\s*[:=]/;
const POGOMAP = /POGOMAP_|(?:^|\s)(?:-u|--username)(?:\s|=)/;

/** The lines of plain `USERNAME`/`PASSWORD` variables of services running RocketMap's image that give RocketMap no login of its own. */
export function rocketmapPlainLogins(lines: string[], name: string, beside: Beside | undefined): number[] {
  const spans = containerSpans(lines);
  const links = extendsLinks(lines);
  const out: number[] = [];
  for (const span of spans) {
    const body = lines.slice(span.from - 1, span.to);
    const plain = body.flatMap((l, i) => (PLAIN.test(l) ? [span.from + i] : []));
    if (plain.length === 0 || body.some((l) => POGOMAP.test(l))) continue;
    const link = links.find((l) => l.span.from === span.from);
    if (spanNames(lines, span, ROCKETMAP_IMAGE, spans) || (link && linkRunsImage(lines, name, beside, link, ROCKETMAP_IMAGE))) appendAll(out, plain);
  }
  return out;
}

export const ROCKETMAP_PLAIN_REASON =
  "a login in plain USERNAME/PASSWORD variables for a service running RocketMap's image, which never reads them: RocketMap takes its accounts from POGOMAP_USERNAME, POGOMAP_PASSWORD and POGOMAP_AUTH_SERVICE (or -u/-p/-a in its command), so this service logged in with none of these; rename them there and import again";
