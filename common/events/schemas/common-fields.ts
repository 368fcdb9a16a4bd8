import { z } from 'zod';
import { vodTimeSchema } from '../event-time';
import { jsonObjectOrTextField, textField } from '../field-types';

// Fields every event carries. EventType is the discriminator; EventTime is normalised to ISO.
export function eventHeader<T extends string>(eventType: T) {
  return { EventType: z.literal(eventType), EventTime: vodTimeSchema };
}

// Status is kept exactly as VOD sent it; outcomeOf() interprets each event's vocabulary.
export const statusField = z.string();

export const errorFields = {
  ErrorCode: textField.optional(),
  ErrorMessage: textField.optional(),
};

/** Pass-through data from UserData.Extend: an object when it encodes one, else the raw string. */
export const extendField = jsonObjectOrTextField.optional();
