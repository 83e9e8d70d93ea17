/**
 * Following a request past its first answer, within one collection run: every page of a list or
 * SuiteQL query (`hasMore` and the `next` link), and an asynchronous request (`Prefer:
 * respond-async`, `202 Accepted` with the job in `Location`) through its job and task to the
 * result. Pure: the response and the clock in, a decision out; the pm adapter re-sends the same
 * item (pm.execution.setNextRequest) with the URL (and, for job steps, the method) the state says.
 */

export interface FollowState {
  /** The item (pm.info.requestId) being followed; a state for another item is stale. */
  id: string;
  /** What the next send of the item fetches. */
  kind: 'page' | 'job' | 'tasks' | 'result';
  url: string;
  /** `GET` for the job steps; absent for pages (a SuiteQL page is the same POST at the next offset). */
  method?: 'GET';
  startedMs: number;
  /** Pages fetched, or job polls sent, so far. */
  steps: number;
  /** Rows seen so far (pages). */
  rows: number;
}

export interface FollowLimits {
  /** Pages walked at most (NetSuite serves at most 1,000 pages of a result). */
  maxPages: number;
  /** Job status polls at most. */
  maxPolls: number;
  /** Wall time a walk or a job may take, ms (NetSuite ends requests after 15 minutes). */
  maxMs: number;
  /** First wait between job polls, ms; doubles per poll up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const FOLLOW_LIMITS: FollowLimits = { maxPages: 1000, maxPolls: 60, maxMs: 14 * 60 * 1000, firstDelayMs: 500, maxDelayMs: 10_000 };

export interface FollowInput {
  requestId: string;
  /** The URL just sent (resolves a relative `Location`). */
  requestUrl: string;
  /** The item's own state, if this send was a follow-up of it. */
  state: FollowState | undefined;
  /** The request is one whose pages are walked (EXPECTATIONS `walk`). */
  walk: boolean;
  code: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  json: unknown;
  nowMs: number;
  limits?: FollowLimits;
}

export type FollowDecision =
  /** Nothing to follow: judge the response as usual. */
  | { action: 'none' }
  /** Send the item again as `state` says, after `delayMs`; `judge`: this response is judged as usual too (a page). */
  | { action: 'next'; state: FollowState; delayMs: number; judge: boolean; note: string }
  /** The last response of the follow-up: judge it as usual; `summary` is one more check (pages). */
  | { action: 'final'; summary?: { name: string; ok: boolean; detail?: string } }
  /** Stop following: a failing check. */
  | { action: 'fail'; name: string; detail: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const JOB_PATH = /\/services\/rest\/async\/v1\/job\/[^/?#]+\/?$/;

/** `location` made absolute against the request URL's origin (NetSuite may send a path). */
export function absoluteUrl(location: string, requestUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(requestUrl);
  return (origin ? origin[0] : '') + (location.charAt(0) === '/' ? '' : '/') + location;
}

/** The `href` of the link with relation `rel` in a NetSuite `links` array. */
export function linkOf(json: unknown, rel: string): string | undefined {
  const links = isObject(json) && Array.isArray(json.links) ? json.links : [];
  for (const link of links) if (isObject(link) && link.rel === rel && typeof link.href === 'string') return link.href;
  return undefined;
}

function errorCode(json: unknown): string | undefined {
  const details = isObject(json) ? json['o:errorDetails'] : undefined;
  return Array.isArray(details) && isObject(details[0]) && typeof details[0]['o:errorCode'] === 'string' ? (details[0]['o:errorCode'] as string) : undefined;
}

function isPage(json: unknown): json is Json & { items: unknown[]; hasMore: boolean } {
  return isObject(json) && Array.isArray(json.items) && typeof json.hasMore === 'boolean';
}

function startJob(input: FollowInput, location: string, note: string): FollowDecision {
  const url = absoluteUrl(location, input.requestUrl);
  return { action: 'next', judge: false, delayMs: 0, note, state: { id: input.requestId, kind: 'job', url, method: 'GET', startedMs: input.nowMs, steps: 0, rows: 0 } };
}

function pageSummary(state: { steps: number; rows: number }, json: Json): { name: string; ok: boolean; detail?: string } {
  const total = json.totalResults;
  const ok = typeof total !== 'number' || total === state.rows;
  const name = `walked all ${state.steps} page${state.steps === 1 ? '' : 's'}: ${state.rows} rows${typeof total === 'number' ? ` (totalResults ${total})` : ''}`;
  return ok ? { name, ok } : { name, ok, detail: `${state.rows} rows were read but totalResults is ${String(total)}` };
}

function nextPage(input: FollowInput, state: FollowState, json: Json, limits: FollowLimits): FollowDecision {
  if (!json.hasMore) return { action: 'final', summary: pageSummary(state, json) };
  const next = linkOf(json, 'next');
  if (!next) return { action: 'fail', name: 'every page walked', detail: `hasMore is true but the page has no \`next\` link after ${state.rows} rows: NetSuite pages reach at most 1,000 pages and 100,000 results; narrow the query (e.g. WHERE id > the last id read) and run it again` };
  if (state.steps >= limits.maxPages) {
    return { action: 'fail', name: 'every page walked', detail: `stopped after ${state.steps} pages (${state.rows} rows), the most a walk reads; narrow the query (WHERE) or raise limit to 1000` };
  }
  if (input.nowMs - state.startedMs > limits.maxMs) {
    return { action: 'fail', name: 'every page walked', detail: `stopped after ${Math.round((input.nowMs - state.startedMs) / 1000)} s and ${state.steps} pages (${state.rows} rows); narrow the query` };
  }
  const total = typeof json.totalResults === 'number' ? ` of ${json.totalResults}` : '';
  return {
    action: 'next',
    judge: true,
    delayMs: 0,
    note: `page ${state.steps}: ${state.rows} rows${total} so far; fetching ${next} (a collection run walks every page; a single Send shows this page only)`,
    state: { ...state, kind: 'page', url: absoluteUrl(next, input.requestUrl) },
  };
}

/** What to do after this response. */
export function decideFollow(input: FollowInput): FollowDecision {
  const limits = input.limits || FOLLOW_LIMITS;
  const state = input.state && input.state.id === input.requestId ? input.state : undefined;
  const location = input.headers.location;
  if (!state) {
    if (input.code === 202 && location && JOB_PATH.test(location.replace(/[?#].*$/, ''))) {
      return startJob(input, location, `accepted as asynchronous job ${location}; following it (a single Send stops here: GET the Location URL to see the job)`);
    }
    if (input.code === 400 && location && errorCode(input.json) === 'IDEMPOTENCY_ERROR') {
      return startJob(input, location, `NetSuite already accepted a request with this idempotency key as job ${location} (not executed twice); following that job`);
    }
    if (input.walk && input.code === 200 && isPage(input.json)) {
      const first: FollowState = { id: input.requestId, kind: 'page', url: input.requestUrl, startedMs: input.nowMs, steps: 1, rows: input.json.items.length };
      return nextPage(input, first, input.json, limits);
    }
    return { action: 'none' };
  }
  if (state.kind === 'page') {
    if (input.code !== 200 || !isPage(input.json)) return { action: 'final' };
    const walked: FollowState = { ...state, steps: state.steps + 1, rows: state.rows + input.json.items.length };
    return nextPage(input, walked, input.json, limits);
  }
  // The result answers what the request would have answered synchronously: judge it as usual.
  if (state.kind === 'result') return { action: 'final' };
  if (input.code !== 200 || !isObject(input.json)) {
    return { action: 'fail', name: 'asynchronous job followed', detail: `${state.url} answered ${input.code}` };
  }
  const json = input.json;
  if (state.kind === 'job') {
    if (json.completed === true) {
      const task = isObject(json.task) ? linkOf(json.task, 'self') : undefined;
      const url = absoluteUrl(task || `${state.url.replace(/\/+$/, '')}/task`, input.requestUrl);
      return { action: 'next', judge: false, delayMs: 0, note: `job ${String(json.id)} ${String(json.progress)}; reading its task`, state: { ...state, kind: 'tasks', url } };
    }
    const polls = state.steps + 1;
    const elapsed = input.nowMs - state.startedMs;
    if (polls >= limits.maxPolls || elapsed > limits.maxMs) {
      return {
        action: 'fail',
        name: 'asynchronous job followed',
        detail: `job ${state.url} was still ${String(json.progress || 'pending')} after ${polls} polls and ${Math.round(elapsed / 1000)} s; look at it later with GET on that URL (the write is not sent again)`,
      };
    }
    const delayMs = Math.min(limits.maxDelayMs, limits.firstDelayMs * Math.pow(2, polls - 1));
    return { action: 'next', judge: false, delayMs, note: `job ${String(json.id)} is ${String(json.progress || 'pending')}; polling again in ${delayMs} ms`, state: { ...state, steps: polls } };
  }
  if (state.kind === 'tasks') {
    const items = Array.isArray(json.items) ? json.items : [];
    const task = linkOf(items[0], 'self');
    if (!task) return { action: 'fail', name: 'asynchronous job followed', detail: `the job's task list ${state.url} names no task` };
    const url = `${absoluteUrl(task, input.requestUrl).replace(/\/+$/, '')}/result`;
    return { action: 'next', judge: false, delayMs: 0, note: `fetching the job's result ${url}`, state: { ...state, kind: 'result', url } };
  }
  return { action: 'final' };
}
