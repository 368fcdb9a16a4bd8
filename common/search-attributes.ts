import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Custom search attributes of video workflows. The dev server registers them at start
// (devstack/temporal-server.ts); a real cluster needs them created once by an operator.
export const VOD_STAGE = defineSearchAttributeKey('VodStage', SearchAttributeType.KEYWORD);
export const VOD_STATUS = defineSearchAttributeKey('VodStatus', SearchAttributeType.KEYWORD);
export const VOD_LAST_EVENT = defineSearchAttributeKey('VodLastEvent', SearchAttributeType.KEYWORD);
export const VOD_REGION = defineSearchAttributeKey('VodRegion', SearchAttributeType.KEYWORD);
export const VOD_UPDATED_AT = defineSearchAttributeKey('VodUpdatedAt', SearchAttributeType.DATETIME);

export const VOD_SEARCH_ATTRIBUTES = [VOD_STAGE, VOD_STATUS, VOD_LAST_EVENT, VOD_REGION, VOD_UPDATED_AT];

// The names the Temporal CLI expects for `--search-attribute Name=Type`.
const CLI_TYPE_NAMES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

export function searchAttributeCliFlags(): string[] {
  return VOD_SEARCH_ATTRIBUTES.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${CLI_TYPE_NAMES[key.type]}`,
  ]);
}
