import { z } from 'zod';
import { vodTimeSchema } from '../event-time';
import { idField } from '../field-types';
import { errorFields, eventHeader, statusField } from './common-fields';

const liveStreamFields = {
  DomainName: z.string().optional(),
  AppName: z.string().optional(),
  StreamName: z.string().optional(),
};

export const addLiveRecordVideoCompleteSchema = z.looseObject({
  ...eventHeader('AddLiveRecordVideoComplete'),
  VideoId: idField,
  Status: statusField,
  ...liveStreamFields,
  RecordStartTime: vodTimeSchema.optional(),
  RecordEndTime: vodTimeSchema.optional(),
  ...errorFields,
});

// VideoId is the video being produced; its own upload/transcode events follow.
export const liveRecordVideoComposeStartSchema = z.looseObject({
  ...eventHeader('LiveRecordVideoComposeStart'),
  VideoId: idField,
  Status: statusField,
  ...liveStreamFields,
  ...errorFields,
});
