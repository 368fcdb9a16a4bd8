import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SmqFault } from '../errors';
import { SMQ_XML_NAMESPACE } from '../limits';

// Parsing is kept safe: no DOCTYPE (so no entity expansion), the parser's entity processing off
// (we decode the five XML entities and character references ourselves), and the parser refuses
// element names such as __proto__. Callers read fields only through readText/readList.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, jpath) => jpath === 'Messages.Message' || jpath === 'ReceiptHandles.ReceiptHandle',
});

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Parses a request body and returns the children of the expected root element. */
export function parseRequestXml(text: string, root: string): XmlNode {
  if (/<!DOCTYPE/i.test(text)) throw new SmqFault('MalformedXML', 'DOCTYPE declarations are not accepted.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new SmqFault('MalformedXML', `The body is not well-formed XML: ${valid.err.msg}`);
  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error) {
    throw new SmqFault('MalformedXML', `The body could not be parsed: ${(error as Error).message}`);
  }
  if (!isNode(document) || !Object.hasOwn(document, root))
    throw new SmqFault('InvalidArgument', `The root element must be ${root}.`);
  const content = document[root];
  if (content === '' || (typeof content === 'string' && content.trim() === '')) return {};
  if (!isNode(content)) throw new SmqFault('InvalidArgument', `${root} must hold elements.`);
  return content;
}

export function readText(node: XmlNode, name: string): string | undefined {
  if (!Object.hasOwn(node, name)) return undefined;
  const value = node[name];
  if (typeof value !== 'string') throw new SmqFault('InvalidArgument', `${name} must be text.`);
  return decodeEntities(value);
}

export function readList(node: XmlNode, name: string): XmlValue[] {
  if (!Object.hasOwn(node, name)) return [];
  const value = node[name];
  return Array.isArray(value) ? value : [value];
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A Map, so that names every object inherits (`constructor`, `toString`) are not entities.
const NAMED_ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return codePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return codePoint(Number.parseInt(name.slice(1), 10));
    const value = NAMED_ENTITIES.get(name);
    if (value === undefined) throw new SmqFault('MalformedXML', `Unknown entity ${whole}.`);
    return value;
  });
}

function codePoint(value: number): string {
  if (!Number.isFinite(value) || value > 0x10ffff)
    throw new SmqFault('MalformedXML', 'Bad character reference.');
  return String.fromCodePoint(value);
}

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

export type XmlFields = [name: string, value: string | number][];

function fieldsXml(fields: XmlFields): string {
  return fields.map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`).join('');
}

/** A response document: declaration, namespaced root, escaped text fields. */
export function documentXml(root: string, fields: XmlFields, namespace = SMQ_XML_NAMESPACE): string {
  return `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${namespace}">${fieldsXml(fields)}</${root}>`;
}

/** A response document whose root holds repeated child elements, each with its own fields. */
export function listDocumentXml(
  root: string,
  child: string,
  items: XmlFields[],
  tail: XmlFields = [],
): string {
  const children = items.map((fields) => `<${child}>${fieldsXml(fields)}</${child}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${SMQ_XML_NAMESPACE}">${children}${fieldsXml(tail)}</${root}>`;
}
