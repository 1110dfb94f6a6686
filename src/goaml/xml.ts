import { XMLBuilder } from 'fast-xml-parser';
import { xmlSafe } from './text.js';

/** An XML element as plain data: child name → text, element, or repeated elements; key order is document order. */
export interface XmlElement {
  readonly [name: string]: XmlValue;
}
/** The content of one child: text, an element, or a repeated element (or repeated text). */
export type XmlValue = string | XmlElement | readonly XmlElement[] | readonly string[];

/** Builds an element from `[name, value]` pairs in schema order, leaving out absent values. */
export function element(children: ReadonlyArray<readonly [string, XmlValue | undefined]>): XmlElement {
  const out: Record<string, XmlValue> = {};
  for (const [name, value] of children) if (value !== undefined) out[name] = value;
  return out;
}

function clean(value: XmlValue): XmlValue {
  if (typeof value === 'string') return xmlSafe(value);
  if (Array.isArray(value)) return (value as ReadonlyArray<string | XmlElement>).map((v) => clean(v)) as XmlElement[];
  const out: Record<string, XmlValue> = {};
  for (const [k, v] of Object.entries(value as XmlElement)) out[k] = clean(v);
  return out;
}

/**
 * Serializes a root element to an XML document (UTF-8 declaration, two-space indentation).
 * Text is escaped by fast-xml-parser's XMLBuilder (`& < > " '`); characters XML 1.0 cannot carry
 * are replaced with U+FFFD first.
 */
export function toXml(rootName: string, root: XmlElement): string {
  const builder = new XMLBuilder({ format: true, indentBy: '  ', processEntities: true, suppressEmptyNode: false });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [rootName]: clean(root) }) as string}`;
}
