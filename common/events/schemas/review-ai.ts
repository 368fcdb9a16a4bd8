import { z } from 'zod';
import { vodTimeSchema } from '../event-time';
import { idField, jsonObjectOrTextField, numberField, textField } from '../field-types';
import { errorFields, eventHeader, extendField, statusField } from './common-fields';

// Manual review: Status is the operation's; the verdict is AuditStatus (Normal / Blocked).
export const createAuditCompleteSchema = z.looseObject({
  ...eventHeader('CreateAuditComplete'),
  MediaId: idField,
  Status: statusField,
  SubType: z.string().optional(),
  AuditStatus: z.string().optional(),
  CreationTime: vodTimeSchema.optional(),
  Auditor: z.string().optional(),
  Reason: z.string().optional(),
});

// The three AI completion events share this envelope; Code/Message carry the error details and
// Data the result (documented as a JSON string; the audit sample shows an object — both accepted).
const aiJobFields = {
  MediaId: idField,
  JobId: idField,
  Status: statusField,
  Code: textField.optional(),
  Message: textField.optional(),
  Data: jsonObjectOrTextField.optional(),
  Extend: extendField,
};

export const aiMediaAuditCompleteSchema = z.looseObject({
  ...eventHeader('AIMediaAuditComplete'),
  ...aiJobFields,
});

export const aiMediaDnaCompleteSchema = z.looseObject({
  ...eventHeader('AIMediaDNAComplete'),
  ...aiJobFields,
  CompleteTime: vodTimeSchema.optional(),
});

export const aiVideoTagCompleteSchema = z.looseObject({
  ...eventHeader('AIVideoTagComplete'),
  ...aiJobFields,
});

// Samples send the numbers as strings.
export const videoAnalysisCompleteSchema = z.looseObject({
  ...eventHeader('VideoAnalysisComplete'),
  VideoId: idField,
  Status: statusField,
  Width: numberField.optional(),
  Height: numberField.optional(),
  Duration: numberField.optional(),
  Bitrate: textField.optional(),
  Fps: textField.optional(),
  Size: numberField.optional(),
  ...errorFields,
});
