import mongoose from 'mongoose';
import type { MongoMemoryServer } from 'mongodb-memory-server-core';
import { ReporterVault } from '../../src/privacy/reporterVault';
import { MongoStore } from '../../src/store/mongo/mongoStore';
import { StoreUnavailableError } from '../../src/store/types';
import { findOnPath } from '../../src/system/findOnPath';
import { randomSuffix } from '../support/probe';
import { mongoRawDocs } from './rawRows';
import { describeStoreContract } from './storeContract';

// A real MongoDB only: MONGODB_URL, or a mongod binary on PATH started by MongoMemoryServer.
// None can be installed on the build machines, so otherwise the contract is skipped, visibly.
const envUrl = process.env.MONGODB_URL;
const mongod = envUrl ? null : findOnPath('mongod');

describe('MongoDB adapter without a server', () => {
  test('an unreachable server is StoreUnavailableError', async () => {
    const store = new MongoStore('mongodb://127.0.0.1:1/none', ReporterVault.ephemeral(), { serverSelectionTimeoutMS: 300 });
    await expect(store.init()).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });

  test('operations on a store that is not connected are StoreUnavailableError', async () => {
    const store = new MongoStore('mongodb://127.0.0.1:1/none', ReporterVault.ephemeral(), { serverSelectionTimeoutMS: 300 });
    await expect(store.inbox.get('x')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });
});

if (!envUrl && !mongod) {
  const reason = 'MONGODB_URL is not set and no mongod binary is on PATH';
  // eslint-disable-next-line no-console
  console.warn(`MongoDB contract tests skipped: ${reason}`);
  describe.skip(`Store contract: MongoDB (skipped: ${reason})`, () => {
    test('contract', () => undefined);
  });
} else {
  const dbName = `lapor_test_${randomSuffix()}`;
  let server: MongoMemoryServer | undefined;
  let url = envUrl ?? '';

  afterAll(async () => {
    await reader?.close();
    if (url) {
      const conn = await mongoose.createConnection(url, { dbName, serverSelectionTimeoutMS: 3000 }).asPromise();
      await conn.dropDatabase();
      await conn.close();
    }
    await server?.stop();
  });

  let reader: mongoose.Connection | undefined;

  describeStoreContract(`MongoDB (${envUrl ? 'MONGODB_URL' : mongod})`, async (vault) => {
    if (!envUrl) {
      // Loaded only here: the package is only needed when a mongod is available to start.
      const { MongoMemoryServer } = await import('mongodb-memory-server-core');
      server = await MongoMemoryServer.create({ binary: { systemBinary: mongod ?? undefined } });
      url = server.getUri();
    }
    const store = new MongoStore(url, vault, { dbName });
    await store.init();
    // A connection of its own, as anyone holding the database's credentials or a dump would read it.
    reader = await mongoose.createConnection(url, { dbName, serverSelectionTimeoutMS: 3000 }).asPromise();
    return { store, rawRow: mongoRawDocs(reader) };
  });
}
