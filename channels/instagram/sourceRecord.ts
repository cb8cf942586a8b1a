import { z } from 'zod';

/**
 * What the channel keeps in an inbox record's `raw`: only what a reply needs to find its way back
 * (which kind of update, and the comment, media or conversation it belongs to). The text and the
 * sender are stored in their own fields; Meta's full payload is not kept.
 */
export const InstagramSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('comment'), commentId: z.string(), mediaId: z.string().nullable(), parentId: z.string().nullable() }),
  z.object({ kind: z.literal('mention'), commentId: z.string().nullable(), mediaId: z.string() }),
  z.object({ kind: z.literal('dm'), mid: z.string() }),
]);
export type InstagramSource = z.infer<typeof InstagramSource>;

export function readSource(raw: unknown): InstagramSource | null {
  const parsed = InstagramSource.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
