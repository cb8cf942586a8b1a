import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/openStore';
import { StoreUnavailableError } from '../../src/store/types';

describe('openStore', () => {
  test.each(['mysql://root@localhost/db', 'redis://localhost', 'data/pglite', 'https://x'])(
    'rejects %s naming STORE_URL',
    async (url) => {
      await expect(openStore(url, os.tmpdir())).rejects.toThrow(/STORE_URL/);
    },
  );

  test('an unsupported URL does not leak its credentials into the error', async () => {
    await expect(openStore('mysql://root:s3cret@localhost/db', os.tmpdir())).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });

  test('unset: PGlite under dataDir/pglite, data survives a reopen, closed store is unavailable', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lapor-store-'));
    try {
      const first = await openStore(undefined, path.join(dataDir, 'nested'));
      expect(first.kind).toBe('pglite');
      expect((await stat(path.join(dataDir, 'nested', 'pglite'))).isDirectory()).toBe(true);
      const { record } = await first.inbox.insert({
        key: 'k1',
        channel: 'web',
        externalId: 'e1',
        sender: { id: 's1' },
        text: 'Halo 👋',
        attachments: [],
        flags: [],
        fields: null,
        receivedAt: new Date('2025-01-01T00:00:00Z'),
        raw: { a: 1 },
        fingerprint: 'f1',
        trackingId: 'LPR-1',
      });
      await first.close();
      await expect(first.ping()).rejects.toBeInstanceOf(StoreUnavailableError);

      // Reopening runs init() again: migrations already applied are skipped.
      const second = await openStore('', path.join(dataDir, 'nested'));
      expect(await second.inbox.get('k1')).toEqual(record);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
