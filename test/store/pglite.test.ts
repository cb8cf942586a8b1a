import { PgliteClient } from '../../src/store/sql/pgliteClient';
import { SqlStore } from '../../src/store/sql/sqlStore';
import { sqlRawRows } from './rawRows';
import { describeStoreContract } from './storeContract';

describeStoreContract('PGlite (memory://)', async (vault) => {
  const client = await PgliteClient.open('memory://');
  const store = new SqlStore(client, 'pglite', vault);
  await store.init();
  return { store, rawRow: sqlRawRows(client) };
});
