/** A customer record as the REST record API shows it (camelCase fields). */
export interface CustomerRecord {
  id: string;
  [field: string]: unknown;
}

/** Read access to the store, for tests. */
export interface RecordReader {
  list(): CustomerRecord[];
  get(id: string): CustomerRecord | undefined;
  count(): number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Deterministic seed customers. */
export function seedCustomers(count: number, createdMs: number): CustomerRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const date = new Date(createdMs - (count - index) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
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

/** The in-memory customers. Ids are increasing integers, as NetSuite internal ids. */
export class RecordStore implements RecordReader {
  private records = new Map<string, CustomerRecord>();
  private nextId = 1;

  constructor(
    private readonly seedCount: number,
    private readonly now: () => number,
  ) {
    this.reset();
  }

  reset(): void {
    this.records = new Map(seedCustomers(this.seedCount, this.now()).map((record) => [record.id, record]));
    this.nextId = this.seedCount + 1;
  }

  list(): CustomerRecord[] {
    return [...this.records.values()].sort((a, b) => Number(a.id) - Number(b.id)).map((record) => structuredClone(record));
  }

  get(id: string): CustomerRecord | undefined {
    const record = this.records.get(id);
    return record ? structuredClone(record) : undefined;
  }

  count(): number {
    return this.records.size;
  }

  /** The record whose `externalId` is `externalId` (NetSuite matches it exactly). */
  findByExternalId(externalId: string): CustomerRecord | undefined {
    for (const record of this.records.values()) if (record.externalId === externalId) return structuredClone(record);
    return undefined;
  }

  create(fields: Record<string, unknown>): string {
    const id = String(this.nextId++);
    const stamp = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const { id: _ignored, ...rest } = fields;
    this.records.set(id, {
      isPerson: false,
      isInactive: false,
      subsidiary: { id: '1' },
      entityId: `CUST${id}`,
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
    Object.assign(record, structuredClone(rest), { lastModifiedDate: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    return true;
  }

  delete(id: string): boolean {
    return this.records.delete(id);
  }
}
