import { type RecordKind, RecordStore, type StoredRecord } from './recordStore.ts';
import { RECORD_TYPES } from './recordTypes.ts';

const DAY = 86_400_000;
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const stampOf = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Item lines with NetSuite's computed `amount`. */
export function itemLines(lines: Array<{ item: string; quantity: number; rate: number }>): { items: Array<Record<string, unknown>> } {
  return {
    items: lines.map((line, index) => ({
      line: index + 1,
      item: { id: line.item },
      quantity: line.quantity,
      rate: line.rate,
      amount: Math.round(line.quantity * line.rate * 100) / 100,
    })),
  };
}

function seeded(count: number, createdMs: number, make: (n: number, date: string) => Record<string, unknown>): StoredRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const ms = createdMs - (count - index) * DAY;
    return { id: String(n), ...make(n, dateOf(ms)), dateCreated: stampOf(ms), lastModifiedDate: stampOf(ms) };
  });
}

const transaction = (prefix: string): RecordKind['defaults'] => (id) => ({ tranId: `${prefix}${id}` });

/** Seeds and defaults of every simulated record type but the customer (see recordStore.ts). */
const KINDS: Record<string, RecordKind> = {
  contact: {
    seed: (ms) =>
      seeded(5, ms, (n) => ({ entityId: `Contact ${n}`, firstName: `Contact`, lastName: `Number ${n}`, email: `contact${n}@example.com`, company: { id: String(n) }, subsidiary: { id: '1' } })),
    defaults: () => ({ subsidiary: { id: '1' } }),
  },
  salesorder: {
    seed: (ms) =>
      seeded(3, ms, (n, date) => ({
        tranId: `SO${n}`,
        entity: { id: String(n) },
        tranDate: date,
        orderStatus: { id: 'B' },
        subsidiary: { id: '1' },
        item: itemLines([{ item: '10', quantity: n, rate: 25 }]),
        total: n * 25,
      })),
    defaults: (id) => ({ tranId: `SO${id}`, orderStatus: { id: 'B' }, subsidiary: { id: '1' } }),
  },
  invoice: {
    seed: (ms) =>
      seeded(2, ms, (n, date) => ({ tranId: `INV${n}`, entity: { id: String(n) }, tranDate: date, item: itemLines([{ item: '10', quantity: 1, rate: 100 }]), total: 100 })),
    defaults: transaction('INV'),
  },
  itemfulfillment: {
    seed: (ms) =>
      seeded(1, ms, (n, date) => ({
        tranId: `IF${n}`,
        entity: { id: '1' },
        createdFrom: { id: '1' },
        tranDate: date,
        shipStatus: { id: '_shipped' },
        item: { items: itemLines([{ item: '10', quantity: 1, rate: 25 }]).items.map((line) => ({ ...line, itemReceive: true })) },
      })),
    defaults: transaction('IF'),
  },
  customrecord_nsp_project: {
    seed: (ms) =>
      seeded(3, ms, (n, date) => ({
        name: `Project ${n}`,
        isInactive: false,
        custrecord_nsp_project_customer: { id: String(n) },
        custrecord_nsp_project_budget: n * 1000,
        custrecord_nsp_project_start: date,
        custrecord_nsp_project_billable: n % 2 === 1,
      })),
    defaults: () => ({ isInactive: false }),
  },
};

/** One store per simulated record type; the customer store is the one passed in (`state.records`). */
export function createRecordStores(customers: RecordStore, now: () => number): Map<string, RecordStore> {
  const stores = new Map<string, RecordStore>();
  for (const type of RECORD_TYPES) {
    if (type.name === 'customer') stores.set(type.name, customers);
    else stores.set(type.name, new RecordStore(KINDS[type.name] ?? { seed: () => [], defaults: () => ({}) }, now));
  }
  return stores;
}
