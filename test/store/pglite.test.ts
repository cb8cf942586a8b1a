import { openStore } from '../../src/store/openStore';
import { describeStoreContract } from './storeContract';

describeStoreContract('PGlite (memory://)', () => openStore('memory://', '/nonexistent-unused'));
