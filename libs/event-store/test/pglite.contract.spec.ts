import { openEventStore } from '#event-store';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract('pglite', () => openEventStore({ kind: 'pglite' }));
