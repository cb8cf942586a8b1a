/** What one process runs; `npm start` runs everything, operators split it to scale out. */
export interface Roles {
  api: boolean;
  inbound: boolean;
  /** Channel names whose outbound queues this process works; 'all' for every enabled channel. */
  outbound: string[] | 'all';
  maintenance: boolean;
}

export const ALL_ROLES: Roles = { api: true, inbound: true, outbound: 'all', maintenance: true };

export const USAGE = `usage: node dist/src/main.js [command]
  (none) | all                     HTTP, channels, every worker and maintenance in one process
  api                              HTTP intake, channel receivers, integration API
  worker inbound                   parse → decide → ticket → queue the reply
  worker outbound [channel …]      send replies (all enabled channels when none named)
  worker maintenance               recovery of lost jobs, service-level auto-close
  migrate                          apply store migrations and exit`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = 'UsageError';
  }
}

export type Command = { kind: 'run'; roles: Roles } | { kind: 'migrate' };

export function parseCommand(args: string[]): Command {
  const [first, second, ...rest] = args;
  if (first === undefined || first === 'all') return { kind: 'run', roles: ALL_ROLES };
  if (first === 'migrate') return { kind: 'migrate' };
  const none: Roles = { api: false, inbound: false, outbound: [], maintenance: false };
  if (first === 'api') return { kind: 'run', roles: { ...none, api: true } };
  if (first === 'worker') {
    if (second === 'inbound') return { kind: 'run', roles: { ...none, inbound: true } };
    if (second === 'outbound') return { kind: 'run', roles: { ...none, outbound: rest.length > 0 ? rest : 'all' } };
    if (second === 'maintenance') return { kind: 'run', roles: { ...none, maintenance: true } };
    throw new UsageError(`unknown worker kind: ${second ?? '(none)'}`);
  }
  throw new UsageError(`unknown command: ${first}`);
}
