import { parseOccurredAt, type Dated } from '@fristvakt/domain';

/* Writing register XML by lines: attributes escaped, elements of a `Sak` indented as the files show them. */

export type Writer = (line: string) => void;

/** A `Sak` child element: self-closed without a body. */
export function element(w: Writer, name: string, attributes: Record<string, string>, body: string[]): void {
  if (body.length === 0) return w(`    <${name} ${attrs(attributes)}/>`);
  w(`    <${name} ${attrs(attributes)}>`);
  body.forEach(w);
  w(`    </${name}>`);
}

/** The Oslo date of an event (what the register records). */
export function dateOf(dated: Pick<Dated, 'occurredAt'>): string {
  const parsed = parseOccurredAt(dated.occurredAt);
  if (!parsed.ok) throw new Error(`stored occurredAt ${dated.occurredAt} does not parse: ${parsed.reason}`);
  return parsed.date;
}

export function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${escapeXml(v!)}"`)
    .join(' ');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
