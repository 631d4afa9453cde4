import { openEventStore } from '../src/index.js';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract('pglite', () => openEventStore({ kind: 'pglite' }));
