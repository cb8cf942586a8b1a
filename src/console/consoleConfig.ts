import { z } from 'zod';
import { ConfigError } from '../../config/env';

const ConsoleEnv = z.object({
  /** Minutes without a request after which an operator must log in again. */
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Failed-or-not login attempts allowed per minute from one address, and for one email. */
  CONSOLE_LOGIN_PER_MINUTE_IP: z.coerce.number().int().positive().default(20),
  CONSOLE_LOGIN_PER_MINUTE_EMAIL: z.coerce.number().int().positive().default(5),
});

export type ConsoleConfig = z.infer<typeof ConsoleEnv>;

/** The console's own variables, read from the raw environment like a channel reads its own. */
export function consoleConfig(env: Readonly<Record<string, string>>): ConsoleConfig {
  const parsed = ConsoleEnv.safeParse({
    CONSOLE_SESSION_IDLE_MINUTES: env.CONSOLE_SESSION_IDLE_MINUTES,
    CONSOLE_LOGIN_PER_MINUTE_IP: env.CONSOLE_LOGIN_PER_MINUTE_IP,
    CONSOLE_LOGIN_PER_MINUTE_EMAIL: env.CONSOLE_LOGIN_PER_MINUTE_EMAIL,
  });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}
