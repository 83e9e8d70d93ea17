/** A record as the REST record API shows it (camelCase fields; sublists as `{ items: [...] }`). */
export interface StoredRecord {
  id: string;
  [field: string]: unknown;
}

/** The customer records (the record type SuiteQL and the built-in collections use). */
export type CustomerRecord = StoredRecord;

/** Read access to the store, for tests. */
export interface RecordReader {
  list(): StoredRecord[];
  get(id: string): StoredRecord | undefined;
  count(): number;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const stampOf = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Deterministic seed customers. */
export function seedCustomers(count: number, createdMs: number): CustomerRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const date = stampOf(createdMs - (count - index) * 86_400_000);
    return {
      id: String(n),
      entityId: `CUST${pad(n)}`,
      companyName: `Simulated Customer ${pad(n)}`,
      email: `customer${pad(n)}@example.com`,
      isPerson: false,
      isInactive: false,
      subsidiary: { id: '1' },
      dateCreated: date,
      lastModifiedDate: date,
    };
  });
}

/** How one record type is seeded and what a new record gets by default. */
export interface RecordKind {
  seed(createdMs: number): StoredRecord[];
  /** Fields a created record has unless the request sets them. */
  defaults(id: string): Record<string, unknown>;
}

export const customerKind = (seedCount: number): RecordKind => ({
  seed: (createdMs) => seedCustomers(seedCount, createdMs),
  defaults: (id) => ({ isPerson: false, isInactive: false, subsidiary: { id: '1' }, entityId: `CUST${id}` }),
});

/** The in-memory records of one type. Ids are increasing integers, as NetSuite internal ids. */
export class RecordStore implements RecordReader {
  private records = new Map<string, StoredRecord>();
  private nextId = 1;
  private readonly kind: RecordKind;

  constructor(seedCountOrKind: number | RecordKind, private readonly now: () => number) {
    this.kind = typeof seedCountOrKind === 'number' ? customerKind(seedCountOrKind) : seedCountOrKind;
    this.reset();
  }

  reset(): void {
    const seeded = this.kind.seed(this.now());
    this.records = new Map(seeded.map((record) => [record.id, record]));
    this.nextId = seeded.reduce((max, record) => Math.max(max, Number(record.id)), 0) + 1;
  }

  list(): StoredRecord[] {
    return [...this.records.values()].sort((a, b) => Number(a.id) - Number(b.id)).map((record) => structuredClone(record));
  }

  get(id: string): StoredRecord | undefined {
    const record = this.records.get(id);
    return record ? structuredClone(record) : undefined;
  }

  /** The id of the record with this external id. */
  findByExternalId(externalId: string): string | undefined {
    for (const record of this.records.values()) if (record.externalId === externalId) return record.id;
    return undefined;
  }

  count(): number {
    return this.records.size;
  }

  create(fields: Record<string, unknown>): string {
    const id = String(this.nextId++);
    const stamp = stampOf(this.now());
    const { id: _ignored, ...rest } = fields;
    this.records.set(id, {
      ...this.kind.defaults(id),
      ...structuredClone(rest),
      id,
      dateCreated: stamp,
      lastModifiedDate: stamp,
    });
    return id;
  }

  update(id: string, fields: Record<string, unknown>): boolean {
    const record = this.records.get(id);
    if (!record) return false;
    const { id: _ignored, ...rest } = fields;
    Object.assign(record, structuredClone(rest), { lastModifiedDate: stampOf(this.now()) });
    return true;
  }

  delete(id: string): boolean {
    return this.records.delete(id);
  }
}
