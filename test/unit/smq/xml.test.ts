import { SmqFault } from '../../../emulators/smq/errors';
import {
  decodeEntities,
  documentXml,
  escapeXml,
  parseRequestXml,
  readList,
  readText,
} from '../../../emulators/smq/protocol/xml';

function faultCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SmqFault) return error.code;
    throw error;
  }
  throw new Error('expected an SmqFault');
}

describe('SMQ XML', () => {
  it('builds documents with declaration, namespace and escaped text', () => {
    expect(documentXml('Message', [['MessageBody', 'a<b>&"c\'']])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Message xmlns="http://mns.aliyuncs.com/doc/v1/">' +
        '<MessageBody>a&lt;b&gt;&amp;&quot;c&apos;</MessageBody></Message>',
    );
    expect(escapeXml('plain')).toBe('plain');
  });

  it('reads fields with entities and character references decoded, whitespace kept', () => {
    const node = parseRequestXml(
      '<?xml version="1.0"?><Message xmlns="http://mns.aliyuncs.com/doc/v1/"><MessageBody> a &lt;b&gt; &amp;amp; &#233;&#x4E2D; </MessageBody></Message>',
      'Message',
    );
    expect(readText(node, 'MessageBody')).toBe(' a <b> &amp; é中 ');
    expect(readText(node, 'Priority')).toBeUndefined();
  });

  it('reads repeated elements as a list, also a single one', () => {
    const node = parseRequestXml(
      '<ReceiptHandles><ReceiptHandle>x</ReceiptHandle></ReceiptHandles>',
      'ReceiptHandles',
    );
    expect(readList(node, 'ReceiptHandle')).toEqual(['x']);
  });

  it('refuses malformed XML, DOCTYPE and unknown entities as MalformedXML', () => {
    expect(faultCode(() => parseRequestXml('<Message><MessageBody>a</Message>', 'Message'))).toBe(
      'MalformedXML',
    );
    expect(
      faultCode(() =>
        parseRequestXml(
          '<!DOCTYPE m [<!ENTITY x "boom">]><Message><MessageBody>&x;</MessageBody></Message>',
          'Message',
        ),
      ),
    ).toBe('MalformedXML');
    expect(faultCode(() => decodeEntities('&nbsp;'))).toBe('MalformedXML');
  });

  it('refuses a wrong root element as InvalidArgument', () => {
    expect(faultCode(() => parseRequestXml('<Queue></Queue>', 'Message'))).toBe('InvalidArgument');
  });

  it('element names like __proto__ neither pollute prototypes nor get through', () => {
    const code = faultCode(() =>
      parseRequestXml('<Message><__proto__><polluted>yes</polluted></__proto__></Message>', 'Message'),
    );
    expect(code).toBe('MalformedXML');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(
      faultCode(() => parseRequestXml('<Message><constructor>x</constructor></Message>', 'Message')),
    ).toBe('MalformedXML');
    const node = parseRequestXml('<Message><MessageBody>x</MessageBody></Message>', 'Message');
    expect(readText(node, 'toString')).toBeUndefined();
  });
});
