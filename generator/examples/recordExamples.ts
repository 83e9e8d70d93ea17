/**
 * Records the saved response examples the generator puts on every request: each collection is run
 * with Newman against the embedded simulator (m2m, then authcode for the authorization-code
 * requests), plus one refused mint for "Auth / Mint M2M token". What varies from run to run is
 * replaced, so a recording is deterministic: the simulator's loopback URL becomes the NetSuite host
 * it stands for, the environment's values become `{{variable}}`, tokens and JWTs become fixed
 * placeholders, dates and UUIDs fixed values. Only Content-Type and Location headers are kept.
 *
 * `node --import tsx generator/examples/recordExamples.ts` rewrites generator/examples/fixtures.json
 * (run `npm run build` and `generate` first, then `generate` again to inject the result);
 * test/generator/examples.test.ts checks that a fresh recording equals the committed one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewmanRunOptions } from 'newman';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { EXAMPLES_FILE, type ExampleFixtures, type SavedExample } from './examples.ts';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Captured {
  path: string;
  code: number;
  status: string;
  headers: Array<{ key: string; value: string }>;
  body: string;
  failures: string[];
}

type Newman = { run(options: NewmanRunOptions, cb: (err: Error | null) => void): NodeJS.EventEmitter };

function itemPath(item: { name: string; parent?: () => unknown }): string {
  const names: string[] = [];
  let node = item as { name?: string; parent?: () => unknown } | undefined;
  while (node && typeof node.parent === 'function') {
    if (node.name) names.unshift(node.name);
    node = node.parent() as typeof node;
  }
  return names.slice(1).join('/');
}

function run(collection: object, environment: object): Promise<Captured[]> {
  const newman = require('newman') as Newman;
  const captured: Captured[] = [];
  const byRef = new Map<string, Captured>();
  return new Promise((resolve, reject) => {
    const emitter = newman.run({ collection, environment, reporters: [] } as NewmanRunOptions, (err) => (err ? reject(err) : resolve(captured)));
    const items = new Map<string, { id: string; path: string }>();
    emitter.on('beforeItem', (_err: unknown, args: any) => {
      items.set(args.cursor.ref, { id: args.item.id, path: itemPath(args.item) });
    });
    emitter.on('request', (_err: unknown, args: any) => {
      const own = items.get(args.cursor.ref);
      // Requests the scripts send (pm.sendRequest) carry an item of their own: only the item's request counts.
      if (!own || !args.response || args.item?.id !== own.id) return;
      const entry: Captured = {
        path: own.path,
        code: args.response.code,
        status: args.response.status,
        headers: args.response.headers.all().map((h: { key: string; value: string }) => ({ key: h.key, value: h.value })),
        body: args.response.stream ? args.response.stream.toString() : '',
        failures: [],
      };
      const previous = byRef.get(args.cursor.ref);
      if (previous) Object.assign(previous, entry);
      else {
        byRef.set(args.cursor.ref, entry);
        captured.push(entry);
      }
    });
    emitter.on('assertion', (err: { message: string } | null, args: any) => {
      const entry = byRef.get(args.cursor.ref);
      if (entry && err) entry.failures.push(`${args.assertion}: ${err.message}`);
    });
  });
}

/** Turns one captured answer into a deterministic saved example. */
function normalize(sim: RunningSimulator, name: string, captured: Captured): SavedExample {
  const origin = new URL(sim.baseUrl).origin;
  const replacements: Array<[string, string]> = [];
  for (const variable of sim.environment.values) {
    const value = String(variable.value ?? '');
    if (value.length >= 6 && !/_base_url$|^account_id$|^auth_method$|^scope$|^jwt_algorithm$/.test(variable.key)) replacements.push([value, `{{${variable.key}}}`]);
  }
  replacements.sort((a, b) => b[0].length - a[0].length);
  const clean = (text: string): string => {
    let out = text;
    for (const [value, placeholder] of replacements) out = out.split(value).join(placeholder);
    out = out.replace(new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([a-z0-9-]+)(/app/site/hosting/restlet\\.nl)`, 'g'), 'https://$1.restlets.api.netsuite.com$2');
    out = out.replace(new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([a-z0-9-]+)(/app/)`, 'g'), 'https://$1.app.netsuite.com$2');
    out = out.replace(new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([a-z0-9-]+)`, 'g'), 'https://$1.suitetalk.api.netsuite.com');
    out = out.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '<JWT>');
    out = out.replace(/("(?:access_token|refresh_token)"\s*:\s*")[^"]*"/g, '$1<redacted>"');
    out = out.replace(/([?&]code=)[^&"\s]+/g, '$1<code>').replace(/([?&]state=)[^&"\s]+/g, '$1<state>');
    // Ids the simulator makes at random (uploaded certificates) and {{$timestamp}} values.
    out = out.replace(/(^|[^A-Za-z0-9_{}-])[A-Za-z0-9_-]{40,}(?=$|[^A-Za-z0-9_-])/g, '$1<generated id>');
    out = out.replace(/\b1[5-9]\d{8}\b/g, '1767225600');
    out = out.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '00000000-0000-4000-8000-000000000000');
    out = out.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '2026-01-01T00:00:00Z');
    out = out.replace(/\b(20\d{2}-\d{2}-\d{2})\b/g, '2026-01-01');
    return out;
  };
  let body = clean(captured.body);
  try {
    body = JSON.stringify(JSON.parse(body), null, 2);
  } catch (_error) {
    // not JSON: kept as text
  }
  const headers = captured.headers.filter((h) => /^(content-type|location)$/i.test(h.key)).map((h) => ({ key: h.key, value: clean(h.value) }));
  return { name, code: captured.code, status: captured.status, header: headers, body };
}

function collectionJson(slug: string): object {
  return JSON.parse(readFileSync(path.join(ROOT, 'collections', `${slug}.postman_collection.json`), 'utf8'));
}

function environmentFor(sim: RunningSimulator, method: string, overrides: Record<string, string> = {}) {
  const env = structuredClone(sim.environment);
  const set = { auth_method: method, ...overrides };
  for (const [key, value] of Object.entries(set)) env.values.find((v) => v.key === key)!.value = value;
  return env;
}

/** Runs the generated collections against a fresh simulator and returns every request's examples. */
export async function recordExamples(): Promise<ExampleFixtures> {
  const fixtures: ExampleFixtures = {};
  const add = (slug: string, p: string, example: SavedExample) => {
    const key = `${slug}/${p}`;
    const list = (fixtures[key] ??= []);
    if (!list.some((e) => e.name === example.name)) list.push(example);
  };
  for (const slug of ['netsuite-rest', 'netsuite-restlets']) {
    for (const method of ['m2m', 'authcode']) {
      const sim = await startSimulator();
      try {
        for (const captured of await run(collectionJson(slug), environmentFor(sim, method))) {
          if (captured.failures.length > 0) throw new Error(`${slug}/${captured.path} failed while recording: ${captured.failures.join('; ')}`);
          add(slug, captured.path, normalize(sim, `${captured.code} ${captured.status}`, captured));
        }
        if (method === 'm2m') {
          // The refusal a wrong certificate id meets, with the diagnosis the test script gives.
          const mintOnly = collectionJson(slug) as { item: Array<{ name: string; item: Array<{ name: string }> }> };
          mintOnly.item = mintOnly.item.filter((f) => f.name === 'Auth').map((f) => ({ ...f, item: f.item.filter((i) => i.name === 'Mint M2M token') }));
          const [refused] = await run(mintOnly, environmentFor(sim, 'm2m', { certificate_id: 'certificate-not-mapped' }));
          if (!refused || refused.failures.length === 0) throw new Error('the refused mint was not refused');
          const example = normalize(sim, `${refused.code} INVALID_LOGIN (certificate_id not mapped)`, refused);
          example.diagnosis = refused.failures.map((f) => f.replace(/^[^:]*: /, '')).join('\n');
          add(slug, refused.path, example);
        }
      } finally {
        await sim.stop();
      }
    }
  }
  const sorted: ExampleFixtures = {};
  for (const key of Object.keys(fixtures).sort()) sorted[key] = fixtures[key]!;
  return sorted;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fixtures = await recordExamples();
  writeFileSync(EXAMPLES_FILE, `${JSON.stringify(fixtures, null, 2)}\n`);
  console.log(`${Object.keys(fixtures).length} requests, ${Object.values(fixtures).flat().length} examples → ${path.relative(ROOT, EXAMPLES_FILE)}`);
}
