import { z } from 'zod';
import { idField, numberField } from '../field-types';
import { errorFields, eventHeader, extendField, statusField } from './common-fields';

// The 2021 documentation had no Status, so it is optional here; no failure event exists.
export const fileUploadCompleteSchema = z.looseObject({
  ...eventHeader('FileUploadComplete'),
  VideoId: idField,
  Status: statusField.optional(),
  Size: numberField.optional(),
  FileUrl: z.string().optional(),
  Extend: extendField,
});

// Note the upper-case `FileURL`.
export const imageUploadCompleteSchema = z.looseObject({
  ...eventHeader('ImageUploadComplete'),
  ImageId: idField,
  Status: statusField,
  Size: numberField.optional(),
  FileURL: z.string().optional(),
  AppId: z.string().optional(),
});

export const attachedMediaUploadCompleteSchema = z.looseObject({
  ...eventHeader('AttachedMediaUploadComplete'),
  AttachedMediaId: idField,
  Status: statusField,
  Size: numberField.optional(),
  FileURL: z.string().optional(),
});

// VOD documents a video and a stream variant of this EventType; the stream one has FileType 'Stream'.
// A failed video pull has no VideoId, only the upload JobId.
export const uploadByUrlCompleteSchema = z.looseObject({
  ...eventHeader('UploadByURLComplete'),
  JobId: idField,
  VideoId: idField.optional(),
  Status: statusField.optional(),
  FileType: z.string().optional(),
  SourceURL: z.string().optional(),
  StreamFileURL: z.string().optional(),
  Size: numberField.optional(),
  Extend: extendField,
  ...errorFields,
});
