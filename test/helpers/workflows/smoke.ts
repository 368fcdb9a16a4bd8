import {
  condition,
  defineQuery,
  defineSignal,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { VOD_STAGE } from '../../../common/search-attributes';

// Harness smoke test only: proves signal-with-start, queries and search attributes end to end.
export const smokeNoteSignal = defineSignal<[string]>('smokeNote');
export const smokeNotesQuery = defineQuery<string[]>('smokeNotes');

export async function smokeWorkflow(): Promise<string[]> {
  const notes: string[] = [];
  setHandler(smokeNotesQuery, () => notes);
  setHandler(smokeNoteSignal, (note) => {
    notes.push(note);
    upsertSearchAttributes([{ key: VOD_STAGE, value: note }]);
  });
  await condition(() => notes.includes('done'));
  return notes;
}
