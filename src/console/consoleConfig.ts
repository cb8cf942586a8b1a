import { z } from 'zod';
import { ConfigError } from '../../config/env';

const ConsoleEnv = z.object({
  /** Minutes without a request after which an operator must log in again. */
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Hours after login after which a session ends however busy it is kept. */
  CONSOLE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  /** Login attempts allowed per minute from one address (any email). */
  CONSOLE_LOGIN_PER_MINUTE_IP: z.coerce.number().int().positive().default(20),
  /** Login attempts allowed per minute for one email from one address. */
  CONSOLE_LOGIN_PER_MINUTE_EMAIL: z.coerce.number().int().positive().default(5),
  /** Attempts on one email per minute from all addresses together before each further one waits a second. */
  CONSOLE_LOGIN_SLOW_AFTER_PER_MINUTE: z.coerce.number().int().positive().default(10),
});

export type ConsoleConfig = z.infer<typeof ConsoleEnv>;

/** The console's own variables, read from the raw environment like a channel reads its own. */
export function consoleConfig(env: Readonly<Record<string, string>>): ConsoleConfig {
  const parsed = ConsoleEnv.safeParse({
    CONSOLE_SESSION_IDLE_MINUTES: env.CONSOLE_SESSION_IDLE_MINUTES,
    CONSOLE_SESSION_MAX_HOURS: env.CONSOLE_SESSION_MAX_HOURS,
    CONSOLE_LOGIN_PER_MINUTE_IP: env.CONSOLE_LOGIN_PER_MINUTE_IP,
    CONSOLE_LOGIN_PER_MINUTE_EMAIL: env.CONSOLE_LOGIN_PER_MINUTE_EMAIL,
    CONSOLE_LOGIN_SLOW_AFTER_PER_MINUTE: env.CONSOLE_LOGIN_SLOW_AFTER_PER_MINUTE,
  });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}
