/**
 * The saved response examples: recorded from runs against the simulator, deterministic, committed
 * as generator/examples/fixtures.json, and on every request of the generated collections.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../generator/examples/examples';
import { recordExamples } from '../../generator/examples/recordExamples';

const ROOT = path.resolve(import.meta.dirname, '../..');

function requests(items: any[], parents: string[] = []): Array<{ path: string; item: any }> {
  return items.flatMap((item) => (Array.isArray(item.item) ? requests(item.item, [...parents, item.name]) : [{ path: [...parents, item.name].join('/'), item }]));
}

describe('saved response examples', () => {
  it('a fresh recording against the simulator equals the committed one (deterministic, no drift)', async () => {
    expect(await recordExamples()).toEqual(loadExamples());
  }, 120_000);

  it.each(['netsuite-rest', 'netsuite-restlets'])('every request of %s carries its examples, with no token, secret or loopback URL', (slug) => {
    const collection = JSON.parse(readFileSync(path.join(ROOT, 'collections', `${slug}.postman_collection.json`), 'utf8'));
    for (const { path: p, item } of requests(collection.item)) {
      expect(item.response?.length ?? 0, p).toBeGreaterThan(0);
      for (const example of item.response) {
        expect(example.originalRequest.url.raw, p).toBe(item.request.url.raw);
        const text = JSON.stringify(example);
        expect(text, p).not.toMatch(/127\.0\.0\.1|eyJ[A-Za-z0-9_-]{10,}\.|BEGIN [A-Z ]*PRIVATE KEY/);
      }
    }
    const mint = requests(collection.item).find((r) => r.path === 'Auth/Mint M2M token')!.item;
    const refused = mint.response.find((example: { name: string }) => /INVALID_LOGIN/.test(example.name));
    expect(refused.code).toBe(401);
    expect(JSON.parse(refused.body).error).toBe('invalid_client');
    expect(mint.request.description.content).toMatch(/### Saved examples\n\n- \*\*401 INVALID_LOGIN \(certificate_id not mapped\)\*\*: the collection's test says — .*certificate_id/);
  });
});
