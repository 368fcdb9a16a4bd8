import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { smqEndpointForRegion } from '../../../clients/smq/endpoints';
import { failed, formatCheck } from '../../../preflight/check-result';
import { missingSearchAttributes } from '../../../preflight/temporal-checks';

describe('doctor lines', () => {
  it('marks each status and gives the fix of a failure only', () => {
    expect(formatCheck({ status: 'ok', name: 'namespace default' })).toBe('✓ namespace default');
    expect(formatCheck({ status: 'ok', name: 'queue q exists', detail: 'x', fix: 'never shown' })).toBe(
      '✓ queue q exists: x',
    );
    expect(
      formatCheck({ status: 'failed', name: 'queue q exists', detail: 'QueueNotExist', fix: 'run setup' }),
    ).toBe('✗ queue q exists: QueueNotExist — fix: run setup');
    expect(formatCheck({ status: 'skipped', name: 'callback', detail: 'VOD did not answer' })).toBe(
      '- callback: VOD did not answer',
    );
  });

  it('counts only failures as failed', () => {
    const checks = [
      { status: 'ok', name: 'a' },
      { status: 'skipped', name: 'b' },
      { status: 'failed', name: 'c' },
    ] as const;
    expect(failed(checks).map((check) => check.name)).toEqual(['c']);
  });
});

describe('search attributes a namespace lacks', () => {
  const keyword = encodeSearchAttributeIndexedValueType('KEYWORD');
  const datetime = encodeSearchAttributeIndexedValueType('DATETIME');

  it('names each missing one, and one registered with another type', () => {
    expect(missingSearchAttributes({})).toHaveLength(5);
    const all = {
      VodStage: keyword,
      VodStatus: keyword,
      VodLastEvent: keyword,
      VodRegion: keyword,
      VodUpdatedAt: datetime,
    };
    expect(missingSearchAttributes(all)).toEqual([]);
    expect(missingSearchAttributes({ ...all, VodRegion: datetime, VodStage: undefined })).toEqual([
      'VodStage(KEYWORD)',
      'VodRegion(KEYWORD)',
    ]);
  });
});

describe('SMQ endpoint of a region', () => {
  it('is the account public https endpoint', () => {
    expect(smqEndpointForRegion('1234567890', 'ap-southeast-1')).toBe(
      'https://1234567890.mns.ap-southeast-1.aliyuncs.com',
    );
    expect(() => smqEndpointForRegion('evil.example.com/', 'cn-shanghai')).toThrow('SMQ_ACCOUNT_ID');
  });
});
