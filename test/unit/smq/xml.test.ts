import { smqFaultCode } from '../../helpers/smq-fault-code';
import {
  decodeEntities,
  documentXml,
  escapeXml,
  parseRequestXml,
  readList,
  readText,
} from '../../../emulators/smq/protocol/xml';

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
    expect(smqFaultCode(() => parseRequestXml('<Message><MessageBody>a</Message>', 'Message'))).toBe(
      'MalformedXML',
    );
    expect(
      smqFaultCode(() =>
        parseRequestXml(
          '<!DOCTYPE m [<!ENTITY x "boom">]><Message><MessageBody>&x;</MessageBody></Message>',
          'Message',
        ),
      ),
    ).toBe('MalformedXML');
    expect(smqFaultCode(() => decodeEntities('&nbsp;'))).toBe('MalformedXML');
    // Names every JavaScript object has are not XML entities.
    for (const inherited of ['&constructor;', '&toString;', '&valueOf;'])
      expect(smqFaultCode(() => decodeEntities(inherited))).toBe('MalformedXML');
  });

  it('refuses a wrong root element as InvalidArgument', () => {
    expect(smqFaultCode(() => parseRequestXml('<Queue></Queue>', 'Message'))).toBe('InvalidArgument');
  });

  it('element names like __proto__ neither pollute prototypes nor get through', () => {
    const code = smqFaultCode(() =>
      parseRequestXml('<Message><__proto__><polluted>yes</polluted></__proto__></Message>', 'Message'),
    );
    expect(code).toBe('MalformedXML');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(
      smqFaultCode(() => parseRequestXml('<Message><constructor>x</constructor></Message>', 'Message')),
    ).toBe('MalformedXML');
    const node = parseRequestXml('<Message><MessageBody>x</MessageBody></Message>', 'Message');
    expect(readText(node, 'toString')).toBeUndefined();
  });
});
