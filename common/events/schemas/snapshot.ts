import { z } from 'zod';
import { idField, jsonObjectOrTextField, numberField } from '../field-types';
import { errorFields, eventHeader, extendField, statusField } from './common-fields';

// One set of snapshot images; URLs come from the patterns with {SnapshotCount} replaced by the
// 1-based index padded to 5 digits.
export const snapshotInfoSchema = z.looseObject({
  Status: statusField.optional(),
  SnapshotType: z.string().optional(),
  SnapshotCount: numberField.optional(),
  SnapshotFormat: z.string().optional(),
  SnapshotRegular: z.string().optional(),
  JobId: z.string().optional(),
});

// Failure events carry no CoverUrl and no SnapshotInfos.
export const snapshotCompleteSchema = z.looseObject({
  ...eventHeader('SnapshotComplete'),
  VideoId: idField,
  Status: statusField,
  SubType: z.string().optional(),
  CoverUrl: z.string().optional(),
  SnapshotInfos: z.array(snapshotInfoSchema).optional(),
  Extend: extendField,
  ...errorFields,
});

// DynamicImageJobInfo is a JSON string in VOD's samples.
export const dynamicImageCompleteSchema = z.looseObject({
  ...eventHeader('DynamicImageComplete'),
  VideoId: idField,
  Status: statusField,
  JobId: idField,
  DynamicImageJobInfo: jsonObjectOrTextField.optional(),
  Extend: extendField,
  ...errorFields,
});
