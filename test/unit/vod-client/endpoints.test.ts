import { normaliseEndpoint, vodEndpointForRegion } from '../../../clients/vod';
import { VOD_REGION_HOSTS } from '../../../common/regions';

describe('vodEndpointForRegion', () => {
  it.each([
    ['cn-shanghai', 'https://vod.cn-shanghai.aliyuncs.com'],
    ['ap-southeast-1', 'https://vod.ap-southeast-1.aliyuncs.com'],
    ['eu-central-1', 'https://vod.eu-central-1.aliyuncs.com'],
    ['cn-hangzhou', 'https://vod.cn-shanghai.aliyuncs.com'],
  ])('maps %s to %s', (region, endpoint) => {
    expect(vodEndpointForRegion(region)).toBe(endpoint);
  });

  it('knows every documented region', () => {
    expect(Object.keys(VOD_REGION_HOSTS)).toEqual(
      expect.arrayContaining([
        'cn-shanghai',
        'cn-beijing',
        'cn-shenzhen',
        'cn-hongkong',
        'ap-southeast-1',
        'ap-southeast-5',
        'ap-northeast-1',
        'eu-central-1',
        'us-west-1',
        'me-central-1',
      ]),
    );
  });

  it('gives the VPC endpoint on request', () => {
    expect(vodEndpointForRegion('cn-beijing', { vpc: true })).toBe('https://vod-vpc.cn-beijing.aliyuncs.com');
  });

  it('follows the documented pattern for a well-formed region it does not list', () => {
    expect(vodEndpointForRegion('ap-southeast-7')).toBe('https://vod.ap-southeast-7.aliyuncs.com');
  });

  it.each(['', 'Shanghai', 'cn_shanghai', 'cn-shanghai.evil.com', 'cn-shanghai/'])('refuses %j', (region) => {
    expect(() => vodEndpointForRegion(region)).toThrow(/region/);
  });
});

describe('normaliseEndpoint', () => {
  it('keeps an emulator origin and drops a trailing slash', () => {
    expect(normaliseEndpoint('http://127.0.0.1:40123/')).toBe('http://127.0.0.1:40123');
    expect(normaliseEndpoint('https://vod.cn-shanghai.aliyuncs.com')).toBe(
      'https://vod.cn-shanghai.aliyuncs.com',
    );
  });

  it.each(['127.0.0.1:8080', 'ftp://host', 'http://h/?a=1', 'http://user:pw@host', 'not a url'])(
    'refuses %j',
    (endpoint) => {
      expect(() => normaliseEndpoint(endpoint)).toThrow(/endpoint/);
    },
  );
});
