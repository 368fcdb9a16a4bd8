import { z } from 'zod';
import { vodTimeSchema } from '../event-time';
import { idField, jsonObjectOrTextField, parseJsonObject, type JsonObject } from '../field-types';
import { errorFields, eventHeader, extendField, statusField } from './common-fields';

// Status vocabulary here is Success / Failed.
export const updateMediaStorageClassCompleteSchema = z.looseObject({
  ...eventHeader('UpdateMediaStorageClassComplete'),
  MediaId: idField,
  Status: statusField,
  Scope: z.string().optional(),
  StorageClass: z.string().optional(),
  TriggerBy: z.string().optional(),
  ...errorFields,
});

// Status vocabulary here is Success / Failed.
export const restoreMediaCompleteSchema = z.looseObject({
  ...eventHeader('RestoreMediaComplete'),
  MediaId: idField,
  Status: statusField,
  RestoreExpiration: vodTimeSchema.optional(),
  ...errorFields,
});

// MediaId is the produced media.
export const produceMediaCompleteSchema = z.looseObject({
  ...eventHeader('ProduceMediaComplete'),
  MediaId: idField,
  Status: statusField,
  ProjectId: z.string().optional(),
  ...errorFields,
});

// MediaType tells what kind of media MediaId is; JobIds only for stream deletions.
export const deleteMediaCompleteSchema = z.looseObject({
  ...eventHeader('DeleteMediaComplete'),
  MediaId: idField,
  Status: statusField,
  MediaType: z.string().optional(),
  DeleteType: z.string().optional(),
  JobIds: z.string().optional(),
  ...errorFields,
});

// MediaContent maps each changed field to a JSON string {OldValue, NewValue}; the map itself may
// also arrive JSON-encoded. Each value is normalised like any JSON-in-a-string field.
const mediaContentField = jsonObjectOrTextField.transform((content): Record<string, unknown> | string => {
  if (typeof content === 'string') return content;
  const changes: JsonObject = {};
  for (const [key, value] of Object.entries(content)) {
    changes[key] = typeof value === 'string' ? (parseJsonObject(value) ?? value) : value;
  }
  return changes;
});

export const mediaBaseChangeCompleteSchema = z.looseObject({
  ...eventHeader('MediaBaseChangeComplete'),
  MediaId: idField,
  Status: statusField,
  MediaType: z.string().optional(),
  OperateMode: z.string().optional(),
  MediaContent: mediaContentField.optional(),
  ...errorFields,
});

export const submitMediaRefreshCompleteSchema = z.looseObject({
  ...eventHeader('SubmitMediaRefreshComplete'),
  MediaId: idField,
  Status: statusField,
  MediaRefreshJobId: z.string().optional(),
  TaskType: z.string().optional(),
  SuccessPlayUrls: z.string().optional(),
  TaskIds: z.string().optional(),
  FilterPolicy: jsonObjectOrTextField.optional(),
  Extend: extendField,
  ...errorFields,
});
