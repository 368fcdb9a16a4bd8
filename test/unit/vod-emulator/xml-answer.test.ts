import { xmlDocument } from '../../../emulators/vod/protocol/xml-answer';

describe('xmlDocument (Format=XML answers)', () => {
  test('fields become elements under the root; nested objects nest; text is escaped', () => {
    expect(
      xmlDocument('GetVideoInfoResponse', { RequestId: 'r-1', Video: { Title: 'a <b> & c', Size: 12 } }),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><GetVideoInfoResponse><RequestId>r-1</RequestId>' +
        '<Video><Title>a &lt;b&gt; &amp; c</Title><Size>12</Size></Video></GetVideoInfoResponse>',
    );
  });

  test('a list repeats its element once per item, wrapped or plain; absent values are left out', () => {
    const xml = xmlDocument('R', {
      NonExistVideoIds: ['a', 'b'],
      VideoList: { Video: [{ VideoId: 'v1' }, { VideoId: 'v2', CoverURL: undefined }] },
      Empty: [],
      Missing: undefined,
      Flag: false,
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><R><NonExistVideoIds>a</NonExistVideoIds>' +
        '<NonExistVideoIds>b</NonExistVideoIds><VideoList><Video><VideoId>v1</VideoId></Video>' +
        '<Video><VideoId>v2</VideoId></Video></VideoList><Flag>false</Flag></R>',
    );
  });
});
