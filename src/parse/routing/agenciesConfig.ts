import { z } from 'zod';
import agenciesFile from '../../../config/agencies.json';

/** A unit reference in a route: a national or extra agency id, "regency:<template>" or "province:<template>". */
const unitRef = z.string().regex(/^((regency|province):[a-z]+|[a-z0-9-]+)$/, 'an agency id, regency:<template> or province:<template>');

const template = z.object({
  id: z.string().includes('{code}'),
  name: z.string().includes('{name}'),
  categories: z.array(z.string()).optional(),
});

const route = z.object({
  agency: unitRef,
  /** Where it goes when only the province is known. */
  provinceFallback: unitRef.optional(),
  /** Where it goes when no region is known; otherwise unroutable. */
  withoutRegion: unitRef.optional(),
  keywords: z.array(z.object({ words: z.array(z.string().min(1)).min(1), agency: unitRef })).default([]),
});

const agenciesConfigSchema = z.object({
  national: z.array(z.object({ id: z.string(), name: z.string(), categories: z.array(z.string()).optional() })),
  regional: z.object({ province: z.record(z.string(), template), regency: z.record(z.string(), template) }),
  overrides: z.array(z.object({ region: z.string(), template: unitRef, agency: z.string() })).default([]),
  extra: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        level: z.enum(['national', 'province', 'regency']),
        regionCode: z.string().optional(),
        categories: z.array(z.string()).optional(),
      }),
    )
    .default([]),
  routes: z.record(z.string(), route),
});

export type AgenciesConfig = z.infer<typeof agenciesConfigSchema>;
export type RouteConfig = z.infer<typeof route>;

/** config/agencies.json, validated: a malformed table stops the process at start, naming the field. */
export function loadAgenciesConfig(raw: unknown = agenciesFile): AgenciesConfig {
  const parsed = agenciesConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`config/agencies.json: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
