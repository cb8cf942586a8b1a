import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INTENTS } from './parser';
import { projectFile } from './projectFile';

const REGENCY_CODE = z.string().regex(/^\d{2}\.\d{2}$/);

/**
 * One labelled message of test/fixtures/messages.jsonl. Region labels are Kemendagri codes, set
 * where the text names a region. `regency` is a list when the text does not tell which of several
 * regencies it means: its only evidence is a bare name that a kota and a kabupaten share ("di
 * bogor"), with no kota/kab word, no district, desa or landmark of one of them. Any listed code is
 * right (see src/parse/README.md).
 */
export const LabelledMessage = z.object({
  text: z.string(),
  channel: z.string().optional(),
  intent: z.enum(INTENTS),
  /** Set for messages that report or ask about something (complaint, aspiration, information request). */
  category: z.string().optional(),
  province: z.string().regex(/^\d{2}$/).optional(),
  regency: z.union([REGENCY_CODE, z.array(REGENCY_CODE).min(2)]).optional(),
});
export type LabelledMessage = z.infer<typeof LabelledMessage>;

export const DATASET_FILE = ['test', 'fixtures', 'messages.jsonl'] as const;

export function loadDataset(file = projectFile(...DATASET_FILE)): LabelledMessage[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = LabelledMessage.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/**
 * The held-out fifth: chosen by a hash of the text, so it never changes when messages are added
 * elsewhere in the file and no one can pick which messages the model is judged on.
 */
export function isHeldOut(message: Pick<LabelledMessage, 'text'>): boolean {
  const digest = createHash('sha256').update(message.text).digest();
  return (digest[0] ?? 0) % 5 === 0;
}

export function splitDataset(messages: readonly LabelledMessage[]): { train: LabelledMessage[]; heldOut: LabelledMessage[] } {
  return { train: messages.filter((m) => !isHeldOut(m)), heldOut: messages.filter(isHeldOut) };
}

/** The regency codes a message's label accepts: one, several when the text names a shared name only, none when unlabelled. */
export function acceptedRegencies(message: Pick<LabelledMessage, 'regency'>): readonly string[] {
  const { regency } = message;
  return regency === undefined ? [] : typeof regency === 'string' ? [regency] : regency;
}
