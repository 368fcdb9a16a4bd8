import { z } from 'zod';
import { vodTimeSchema } from '../event-time';
import { booleanField, idField, numberField, textField } from '../field-types';
import { errorFields, eventHeader, extendField, statusField } from './common-fields';

// The media properties of one output stream, shared by StreamTranscodeComplete and the
// StreamInfos elements of TranscodeComplete. Documented as required (IsAudio, StartTime, FinishTime)
// but absent on some failures, so optional here.
const streamProperties = {
  JobId: z.string().optional(),
  Definition: z.string().optional(),
  Format: z.string().optional(),
  Bitrate: textField.optional(),
  Duration: numberField.optional(),
  Fps: textField.optional(),
  Width: numberField.optional(),
  Height: numberField.optional(),
  Size: numberField.optional(),
  Codec: z.string().optional(),
  Encrypt: booleanField.optional(),
  EncryptType: z.string().optional(),
  IsAudio: booleanField.optional(),
  WatermarkId: z.string().optional(),
  StartTime: vodTimeSchema.optional(),
  FinishTime: vodTimeSchema.optional(),
  FileUrl: z.string().optional(),
  ...errorFields,
};

export const streamInfoSchema = z.looseObject({ Status: statusField, ...streamProperties });

export const streamTranscodeCompleteSchema = z.looseObject({
  ...eventHeader('StreamTranscodeComplete'),
  VideoId: idField,
  Status: statusField,
  ...streamProperties,
  Extend: extendField,
});

// Status is 'success' when at least one stream succeeded: inspect StreamInfos[].Status.
export const transcodeCompleteSchema = z.looseObject({
  ...eventHeader('TranscodeComplete'),
  VideoId: idField,
  Status: statusField,
  StreamInfos: z.array(streamInfoSchema).optional(),
  Extend: extendField,
  ...errorFields,
});
