// How much YAML a bot's config is read to. The yaml package parses about 250 KB a second here (a
// 4.7 MB `workers:` list took 17 s, a 3.6 MB config.yml with a login block 10 s of CPU and a
// minute of wall time on a busy machine): a bot's or scanner's config is a few KB, one of a
// thousand workers some 60 KB. A larger file is refused, naming its size, never parsed.
export const YAML_MAX = 256 * 1024;

/** The refusal's words for a YAML config over YAML_MAX. */
export function yamlTooBig(what: string, chars: number): string {
  return `${what} of ${Math.round(chars / 1024)} KB, larger than the ${YAML_MAX / 1024} KB a bot's config is read to`;
}

/**
 * The refusal's words for a YAML config nesting past what any config does (yaml-shape.ts's
 * `what`): refused unparsed, as the yaml package parses nesting by recursion.
 */
export function yamlTooDeep(what: string, shape: string): string {
  return `${what} that ${shape} (a config nests a few levels; the YAML parser reads nesting by recursion): nothing was imported`;
}
