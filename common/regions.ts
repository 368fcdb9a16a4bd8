// VOD's service regions and their public API hosts. Calls cannot cross regions: each region has its
// own callback configuration, videos and jobs. A region VOD opens later is accepted once it is named
// in VODFLOW_EXTRA_REGIONS (its endpoint then follows VOD's vod.<region>.aliyuncs.com pattern).
export const VOD_REGION_HOSTS: Readonly<Record<string, string>> = Object.freeze({
  'cn-shanghai': 'vod.cn-shanghai.aliyuncs.com',
  'cn-beijing': 'vod.cn-beijing.aliyuncs.com',
  'cn-shenzhen': 'vod.cn-shenzhen.aliyuncs.com',
  'cn-hongkong': 'vod.cn-hongkong.aliyuncs.com',
  'ap-southeast-1': 'vod.ap-southeast-1.aliyuncs.com',
  'ap-southeast-5': 'vod.ap-southeast-5.aliyuncs.com',
  'ap-northeast-1': 'vod.ap-northeast-1.aliyuncs.com',
  'eu-central-1': 'vod.eu-central-1.aliyuncs.com',
  'us-west-1': 'vod.us-west-1.aliyuncs.com',
  'me-central-1': 'vod.me-central-1.aliyuncs.com',
  // Listed in 2021 only; current availability unconfirmed.
  'ap-south-1': 'vod.ap-south-1.aliyuncs.com',
  // The SDKs send cn-hangzhou to Shanghai.
  'cn-hangzhou': 'vod.cn-shanghai.aliyuncs.com',
});

export const REGION_ID_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** Why `region` is not one vodflow accepts, or undefined when it is. */
export function regionProblem(region: string, extraRegions: readonly string[] = []): string | undefined {
  if (region in VOD_REGION_HOSTS || extraRegions.includes(region)) return undefined;
  const known = Object.keys(VOD_REGION_HOSTS).join(', ');
  return (
    `"${region}" is not a VOD region (known: ${known}; ` +
    'name a newly opened region in VODFLOW_EXTRA_REGIONS to use it)'
  );
}

/** The region ids of VODFLOW_EXTRA_REGIONS (comma-separated); throws RangeError on a malformed one. */
export function parseExtraRegions(text: string | undefined): string[] {
  const regions = (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = regions.find((region) => !REGION_ID_PATTERN.test(region));
  if (bad !== undefined) throw new RangeError(`"${bad}" is not a region id (like ap-southeast-9)`);
  return regions;
}
