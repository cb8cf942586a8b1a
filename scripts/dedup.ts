import { EphemeralDedup, parseDedupLines } from '../src/dedup/dedupRun';

/**
 * `npm run -s dedup`: JSON lines {"id","sender","channel","text","receivedAt"} in time order on
 * stdin → one line per input {"id","decision","ref","similarity","reasons"} on stdout, decided by
 * the real engine on a throwaway Redis and store. Input is validated whole before anything runs.
 */
async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const inputs = parseDedupLines(Buffer.concat(chunks).toString('utf8'));
  const dedup = await EphemeralDedup.start();
  try {
    for (const input of inputs) process.stdout.write(`${JSON.stringify(await dedup.process(input))}\n`);
  } finally {
    await dedup.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`dedup: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
