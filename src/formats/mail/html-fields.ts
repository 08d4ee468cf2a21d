// A shop's order page shows what it delivered in form fields to copy: `<input type="text"
// readonly value="user:pass">` one per item, or a Username field and a Password field side by
// side. A field's text is its `value` attribute, which HTML-to-text converters (mailparser's
// among them) leave out as they leave out every attribute: the page read as text held no account.
// Here each visible field becomes its value as text, where the browser shows it, before the page
// is read. Hidden fields (a form's token, an order id), buttons and boxes are not text anyone
// sees, and stay out. htmlparser2 parses the HTML, loaded on first use (as html-tables.ts does).

import { cellLabel } from './email-labels.js';
import { escapeHtml } from './html-tables.js';

/** Fields whose value the page shows as text (no `type` is a text field: the HTML standard's default). */
const SHOWN = new Set(['text', 'password', 'email', 'search', 'url', 'tel']);

/** Cheap look before parsing: most pages and mails have no field at all. */
export function hasFields(html: string): boolean {
  return /<input\b/i.test(html);
}

type Html = typeof import('htmlparser2');
type Element = import('domhandler').Element;

/**
 * The label a field has on the page: a `<label for=...>` naming its id, the `<label>` around it,
 * or a `<label>` right before it (blank text between). The element to write in its place goes
 * with it: the label itself when the field is inside it.
 */
function labelOf({ DomUtils }: Html, field: Element, byId: Map<string, Element>): Element | undefined {
  const id = field.attribs.id;
  if (id && byId.has(id)) return byId.get(id);
  for (let up = field.parent; up && up.type === 'tag'; up = up.parent) if ((up as Element).name === 'label') return up as Element;
  let prev = field.prev;
  while (prev && prev.type === 'text' && DomUtils.textContent(prev).trim() === '') prev = prev.prev;
  return prev && DomUtils.isTag(prev) && prev.name === 'label' && !prev.attribs.for ? prev : undefined;
}

/**
 * The HTML with each shown field's value in its place, as a line of its own (a field is a box of
 * its own on the page); a labelled field as `Label: value` (`Username: ash`), its label taken
 * out, which is how the e-mail reader knows an account's lines.
 */
export async function withFieldValuesAsText(html: string): Promise<string> {
  const parser = await import('htmlparser2');
  const { DomUtils } = parser;
  const doc = parser.parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const byId = new Map<string, Element>();
  for (const label of DomUtils.findAll((e) => e.name === 'label' && e.attribs.for !== undefined, doc.children)) byId.set(label.attribs.for!, label);
  const replacements: { start: number; end: number; text: string }[] = [];
  const taken = new Set<Element>();
  for (const field of DomUtils.findAll((e) => e.name === 'input', doc.children)) {
    const type = (field.attribs.type ?? 'text').trim().toLowerCase();
    const value = field.attribs.value?.trim();
    if (!SHOWN.has(type) || !value || field.startIndex === null || field.endIndex === null) continue;
    const label = labelOf(parser, field, byId);
    // Only a label the e-mail reader knows (`Username`, `Passwort`, `Level`) goes with the value;
    // another (`Item 1`, `Serial`) stays where it is, a line of its own.
    const text = label && !taken.has(label) ? DomUtils.textContent(label).replace(/\s+/g, ' ').trim().replace(/\s*:$/, '') : '';
    const name = text && cellLabel(text) ? text : '';
    const line = `<div>${name ? `${escapeHtml(name)}: ` : ''}${escapeHtml(value)}</div>`;
    if (label && name && label.startIndex !== null && label.endIndex !== null) {
      taken.add(label);
      const inside = field.startIndex > label.startIndex && field.endIndex < label.endIndex;
      if (inside) {
        replacements.push({ start: label.startIndex, end: label.endIndex + 1, text: line });
        continue;
      }
      replacements.push({ start: label.startIndex, end: label.endIndex + 1, text: '' });
    }
    replacements.push({ start: field.startIndex, end: field.endIndex + 1, text: line });
  }
  let out = html;
  for (const { start, end, text } of replacements.sort((a, b) => b.start - a.start)) out = `${out.slice(0, start)}${text}${out.slice(end)}`;
  return out;
}
