// A `[...]` value of an `append` option (RocketMap's username, password, auth-service) as
// ConfigArgParse turns it into one argument per element, in a config.ini or a POGOMAP_* variable.
// bw2/ConfigArgParse `configargparse.py`: 0.10.0 (RocketMap's pin) splits `[a, b]` on `,`, each
// element stripped, quotes kept; from 1.3 (config files, commit 3f2a18a) and 1.4 (variables,
// 162cc7e) the value is first tried with `json.loads`, and only when that fails split as before.
// `["a", "b"]` is a valid JSON list, which only the newer versions accept as the two texts `a`
// and `b` (0.10.0 would log in with the quotes on), so such a value is read as they read it.
// A JSON list holding a number, `true` or `null` turns into Python's `str()` of each: that text is
// not recoverable from JSON.parse (`1.0` and `1` parse alike), so such a list is split as 0.10.0 does.

/** The elements of a `[...]` value: a JSON list of texts as such, else split on `,` and stripped. */
export function listElements(value: string): string[] {
  try {
    const list: unknown = JSON.parse(value);
    if (Array.isArray(list) && list.every((e) => typeof e === 'string')) return list as string[];
  } catch {
    // not JSON: the legacy reading below, as every version falls back to
  }
  return value.slice(1, -1).split(',').map((e) => e.trim());
}
