/** One asynchronous request (`Prefer: respond-async`), executed at once. */
export interface AsyncJob {
  id: string;
  taskId: string;
  idempotencyKey?: string;
  createdMs: number;
  /** Status and Location of the executed request. */
  result: { status: number; location?: string; body?: string };
  /** Status polls still answered `pending` before the job reads completed. */
  pendingPolls: number;
  completed: boolean;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Async jobs and the idempotency keys they were submitted with. */
export class AsyncJobs {
  private readonly jobs = new Map<string, AsyncJob>();
  private readonly byKey = new Map<string, string>();
  private nextId = 1;

  /** The job an idempotency key was first used for. */
  findByKey(key: string): AsyncJob | undefined {
    const id = this.byKey.get(key.toLowerCase());
    return id ? this.jobs.get(id) : undefined;
  }

  /** A job whose request already ran; its status reads `pending` for the first `pendingPolls` polls. */
  create(result: AsyncJob['result'], createdMs: number, idempotencyKey?: string, pendingPolls = 0): AsyncJob {
    const id = String(this.nextId++);
    const job: AsyncJob = { id, taskId: id, createdMs, result, pendingPolls, completed: pendingPolls === 0, ...(idempotencyKey ? { idempotencyKey } : {}) };
    this.jobs.set(id, job);
    if (idempotencyKey) this.byKey.set(idempotencyKey.toLowerCase(), id);
    return job;
  }

  /** One status poll: true once the job reads completed. */
  poll(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    if (job.pendingPolls > 0) job.pendingPolls -= 1;
    else job.completed = true;
    return job.completed;
  }

  get(id: string): AsyncJob | undefined {
    return this.jobs.get(id);
  }

  reset(): void {
    this.jobs.clear();
    this.byKey.clear();
    this.nextId = 1;
  }
}
