// How deep a page's elements nest, counted with htmlparser2's own tokenizer, so that a page that
// opens elements without end (`<table><tr><td>` repeated, 17,000 tables deep in 256 KB) is refused
// before it is parsed into a tree. htmlparser2 keeps its open elements in an array it `unshift`s
// onto, and domutils' `findAll` walks a tree with such a stack too: each step costs the depth, so
// such a page took minutes (2.2 s at 256 KB, 10 s at 512 KB, more than 90 s at 1 MB: stop 58 (D)).
// Browsers themselves stop nesting at 512 (Chromium's HTML parser, kMaximumHTMLParserDOMTreeDepth);
// real pages and mail templates nest a few dozen. Counting stops at the cap, so this pass costs the
// page's length times at most the cap.

/** Deeper than any page a browser builds (Chromium flattens past 512). */
export const MAX_HTML_DEPTH = 512;

/** The 1-based line, in `html`, of the tag that opened the element past MAX_HTML_DEPTH; undefined when none does. */
export async function tooDeepAt(html: string): Promise<number | undefined> {
  const { Parser } = await import('htmlparser2');
  let depth = 0;
  let at: number | undefined;
  const parser: InstanceType<typeof Parser> = new Parser({
    onopentag() {
      if (++depth > MAX_HTML_DEPTH && at === undefined) {
        at = parser.startIndex;
        parser.pause();
      }
    },
    onclosetag() {
      depth--;
    },
  });
  parser.write(html);
  if (at === undefined) return undefined;
  let line = 1;
  for (let i = html.indexOf('\n'); i !== -1 && i < at; i = html.indexOf('\n', i + 1)) line++;
  return line;
}
