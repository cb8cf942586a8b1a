import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { loadConfig } from '../config/env';
import { runUserCommand, USER_USAGE, UserCommandError } from '../src/console/userCommand';
import { AgencyRouter } from '../src/parse/routing/agencyRouter';
import { reporterVaultOf } from '../src/privacy/reporterKey';
import { openStore } from '../src/store/openStore';

/** Reads all of a piped stdin, or asks on the terminal without echoing what is typed. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  process.stderr.write('Password: ');
  const silent = new Writable({ write: (_chunk, _enc, cb) => cb() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config.STORE_URL, config.DATA_DIR, reporterVaultOf(config));
  const agencies = AgencyRouter.load();
  try {
    await runUserCommand(process.argv.slice(2), store, {
      readPassword,
      out: (line) => process.stdout.write(`${line}\n`),
      agencyExists: (id) => agencies.get(id) !== undefined,
      now: () => new Date(),
    });
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  const usage = err instanceof UserCommandError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`user: ${err instanceof Error ? err.message : String(err)}\n${usage ? `${USER_USAGE}\n` : ''}`);
  process.exit(1);
});
