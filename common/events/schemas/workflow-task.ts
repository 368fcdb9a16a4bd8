import { z } from 'zod';
import { vodTimeSchema } from '../event-time';
import { idField, jsonObjectOrTextField } from '../field-types';
import { eventHeader, statusField } from './common-fields';

// Status vocabulary here is Succeed / Failed.
export const workflowTaskCompleteSchema = z.looseObject({
  ...eventHeader('WorkflowTaskComplete'),
  VideoId: idField,
  Status: statusField,
  WorkflowId: z.string().optional(),
  TaskId: z.string().optional(),
  ActivityResults: jsonObjectOrTextField.optional(),
  TaskInput: jsonObjectOrTextField.optional(),
  CreateTime: vodTimeSchema.optional(),
  ModifiedTime: vodTimeSchema.optional(),
  FinishTime: vodTimeSchema.optional(),
  UserId: z.string().optional(),
});
