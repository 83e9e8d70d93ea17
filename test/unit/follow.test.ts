import { describe, expect, it } from 'vitest';
import type { FollowLimits, FollowState } from '../../scripts-src/core/follow';
import { absoluteUrl, decideFollow } from '../../scripts-src/core/follow';
import { uuidV4 } from '../../scripts-src/core/uuid';

const BASE = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest';
const LIST = `${BASE}/record/v1/customer?limit=2`;
const JOB = `${BASE}/async/v1/job/7`;
const LIMITS: FollowLimits = { maxPages: 3, maxPolls: 4, maxMs: 60_000, firstDelayMs: 500, maxDelayMs: 1500 };

function page(offset: number, count: number, total: number, next = offset + count < total) {
  const links = [{ rel: 'self', href: `${BASE}/record/v1/customer?limit=2&offset=${offset}` }];
  if (next) links.push({ rel: 'next', href: `${BASE}/record/v1/customer?limit=2&offset=${offset + 2}` });
  return { links, count, hasMore: offset + count < total, items: Array.from({ length: count }, (_, i) => ({ id: String(offset + i) })), offset, totalResults: total };
}
const input = (over: Partial<Parameters<typeof decideFollow>[0]>) => ({ requestId: 'item-1', requestUrl: LIST, state: undefined, walk: false, code: 200, headers: {}, json: undefined, nowMs: 1000, limits: LIMITS, ...over });

describe('decideFollow: pages', () => {
  it('walks the next links while hasMore, judging each page, and totals the rows', () => {
    const first = decideFollow(input({ walk: true, json: page(0, 2, 5) }));
    expect(first).toMatchObject({ action: 'next', judge: true, state: { kind: 'page', url: `${BASE}/record/v1/customer?limit=2&offset=2`, steps: 1, rows: 2 } });
    const state = (first as { state: FollowState }).state;
    const second = decideFollow(input({ walk: true, state, json: page(2, 2, 5), nowMs: 2000 }));
    expect(second).toMatchObject({ action: 'next', state: { steps: 2, rows: 4, url: expect.stringContaining('offset=4') } });
    const last = decideFollow(input({ walk: true, state: (second as { state: FollowState }).state, json: page(4, 1, 5) }));
    expect(last).toEqual({ action: 'final', summary: { name: 'walked all 3 pages: 5 rows (totalResults 5)', ok: true } });
  });

  it('fails the total when rows and totalResults disagree', () => {
    const state: FollowState = { id: 'item-1', kind: 'page', url: LIST, startedMs: 0, steps: 1, rows: 2 };
    const last = decideFollow(input({ walk: true, state, json: { ...page(2, 1, 3), totalResults: 9 } }));
    expect(last).toMatchObject({ action: 'final', summary: { ok: false, detail: '3 rows were read but totalResults is 9' } });
  });

  it('a single page is a walk of one; without walk nothing is followed', () => {
    expect(decideFollow(input({ walk: true, json: page(0, 2, 2) }))).toMatchObject({ action: 'final', summary: { name: 'walked all 1 page: 2 rows (totalResults 2)' } });
    expect(decideFollow(input({ json: page(0, 2, 5) }))).toEqual({ action: 'none' });
  });

  it('stops at the page bound and at the time bound', () => {
    const at = (steps: number, startedMs: number) => ({ id: 'item-1', kind: 'page' as const, url: LIST, startedMs, steps, rows: steps * 2 });
    expect(decideFollow(input({ walk: true, state: at(2, 0), json: page(4, 2, 100) }))).toMatchObject({ action: 'fail', detail: expect.stringContaining('stopped after 3 pages') });
    expect(decideFollow(input({ walk: true, state: at(1, 0), json: page(2, 2, 100), nowMs: 61_000 }))).toMatchObject({ action: 'fail', detail: expect.stringContaining('stopped after 61 s') });
  });

  it('says what to do when hasMore stays true without a next link (NetSuite\'s 100,000-result cap)', () => {
    expect(decideFollow(input({ walk: true, json: page(0, 2, 200_000, false) }))).toMatchObject({ action: 'fail', detail: expect.stringContaining('100,000 results; narrow the query') });
  });

  it('a state of another item is ignored (stale)', () => {
    const stale: FollowState = { id: 'other', kind: 'job', url: JOB, method: 'GET', startedMs: 0, steps: 0, rows: 0 };
    expect(decideFollow(input({ state: stale, json: page(0, 2, 2) }))).toEqual({ action: 'none' });
  });
});

describe('decideFollow: asynchronous jobs', () => {
  const job = (completed: boolean, progress: string) => ({ links: [{ rel: 'self', href: JOB }], completed, id: '7', progress, task: { links: [{ rel: 'self', href: `${JOB}/task` }] } });
  const start = () => (decideFollow(input({ code: 202, headers: { location: '/services/rest/async/v1/job/7' } })) as { state: FollowState }).state;

  it('a 202 with a job Location starts a GET of the job (a relative Location resolved at the request origin)', () => {
    expect(decideFollow(input({ code: 202, headers: { location: '/services/rest/async/v1/job/7' } }))).toMatchObject({
      action: 'next',
      judge: false,
      delayMs: 0,
      state: { kind: 'job', url: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/async/v1/job/7', method: 'GET' },
    });
  });

  it('polls a pending job with growing, capped waits, then reads the task and the result', () => {
    let state = start();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const d = decideFollow(input({ state, json: job(false, 'pending') })) as { state: FollowState; delayMs: number };
      delays.push(d.delayMs);
      state = d.state;
    }
    expect(delays).toEqual([500, 1000, 1500]);
    const done = decideFollow(input({ state, json: job(true, 'succeeded') })) as { state: FollowState };
    expect(done.state).toMatchObject({ kind: 'tasks', url: `${JOB}/task` });
    const tasks = decideFollow(input({ state: done.state, json: { items: [{ links: [{ rel: 'self', href: `${JOB}/task/7` }], id: '7' }] } })) as { state: FollowState };
    expect(tasks.state).toMatchObject({ kind: 'result', url: `${JOB}/task/7/result` });
    expect(decideFollow(input({ state: tasks.state, code: 204 }))).toEqual({ action: 'final' });
  });

  it('gives up after maxPolls or maxMs, saying the write is not sent again', () => {
    const state: FollowState = { ...start(), steps: 3 };
    expect(decideFollow(input({ state, json: job(false, 'pending') }))).toMatchObject({ action: 'fail', detail: expect.stringContaining('after 4 polls') });
    expect(decideFollow(input({ state: { ...state, steps: 0, startedMs: 0 }, json: job(false, 'pending'), nowMs: 70_000 }))).toMatchObject({ action: 'fail', detail: expect.stringContaining('not sent again') });
  });

  it('a repeated idempotency key (400 IDEMPOTENCY_ERROR with Location) follows the earlier job', () => {
    const body = { status: 400, 'o:errorDetails': [{ detail: 'already submitted', 'o:errorCode': 'IDEMPOTENCY_ERROR' }] };
    expect(decideFollow(input({ code: 400, headers: { location: JOB }, json: body }))).toMatchObject({ action: 'next', state: { kind: 'job', url: JOB }, note: expect.stringContaining('not executed twice') });
  });

  it('an error while following fails with the URL and status', () => {
    expect(decideFollow(input({ state: start(), code: 404, json: {} }))).toMatchObject({ action: 'fail', detail: expect.stringContaining('answered 404') });
  });

  it('absoluteUrl keeps absolute URLs', () => {
    expect(absoluteUrl(JOB, 'http://127.0.0.1:1/x')).toBe(JOB);
  });
});

describe('uuidV4', () => {
  it('is a version 4, variant 10 UUID built from the random source', () => {
    let n = 0;
    const counter = (max: number) => n++ % max;
    expect(uuidV4(counter)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const seen = new Set(Array.from({ length: 200 }, () => uuidV4((max) => Math.floor(Math.random() * max))));
    expect(seen.size).toBe(200);
  });
});
