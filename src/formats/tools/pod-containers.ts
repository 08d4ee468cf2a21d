// A Kubernetes pod's containers (`containers:` and `initContainers:` lists of a pod spec, in a
// Pod, Deployment, StatefulSet or Job manifest): each item is one container, with its own
// `command:` / `args:` and its own `env:` (the Kubernetes API's Container). RocketMap's image runs
// `python ./runserver.py` as its ENTRYPOINT, so `args:` are its options, and ConfigArgParse reads a
// POGOMAP_* variable of `env:` only for an option those leave out: the two pair per container,
// in whichever order the manifest writes them.

const LIST = /^(\s*)(?:-\s+)?(?:initContainers|containers)\s*:\s*$/;
const indentOf = (l: string) => l.length - l.trimStart().length;

/** Which container (its item's first line, 1-based) a line is in, or undefined outside every pod's containers. */
export function podContainerScopes(lines: readonly string[]): (line: number) => number | undefined {
  const spans: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const key = LIST.exec(lines[i]!);
    if (!key) continue;
    // YAML lets the items' dashes stand at the key's own indent, or deeper.
    let dash = -1;
    let start = -1;
    let k = i + 1;
    for (; k < lines.length; k++) {
      const l = lines[k]!;
      if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
      const own = indentOf(l);
      const item = /^\s*-(?:\s|$)/.test(l);
      if (dash < 0) {
        if (!item || own < key[1]!.length) break;
        dash = own;
      }
      if (own < dash || (own === dash && !item)) break;
      if (own === dash) {
        if (start >= 0) spans.push([start, k]);
        start = k + 1;
      }
    }
    if (start >= 0) spans.push([start, k]);
    i = k - 1;
  }
  return (line) => spans.find(([first, last]) => first <= line && line <= last)?.[0];
}
