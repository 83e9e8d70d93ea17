/**
 * Child process of the load test (test/reliability/load.test.ts): one Newman run of 4 iterations
 * × 500 API requests (m2m, tba, authcode, then m2m again on the cached token) against a simulator
 * the parent runs. Reads `{ environment, engine? }` as JSON on stdin (the environment holds the
 * simulator's secrets, so it never goes through argv or a file) and prints one JSON line: requests,
 * failures, the child's peak RSS (process.resourceUsage().maxRSS) and RSS sampled every second.
 *
 *   node --expose-gc --import tsx test/reliability/loadRun.ts < input.json
 */
import type { Engine } from '../helpers/engines';
import { loadNewman } from '../helpers/engines';
import type { ItemSpec } from '../helpers/sandboxCollection';
import { bundleLines, MINT_ITEM, sandboxCollection } from '../helpers/sandboxCollection';

export const PER_ITERATION = 500;
export const LOAD_ROWS = [
  { auth_method: 'm2m', mint: 'yes' },
  { auth_method: 'tba', mint: 'no' },
  { auth_method: 'authcode', mint: 'no' },
  // m2m again: the Auth request is skipped, the token cached in iteration 1 (3600 s) is reused.
  { auth_method: 'm2m', mint: 'no' },
];

export interface LoadReport {
  engine: Engine;
  requests: number;
  apiRequests: number;
  tokenRequests: number;
  failures: string[];
  durationMs: number;
  maxRssMB: number;
  /** RSS (MB) every second, with the number of requests sent by then. */
  samples: Array<{ seconds: number; requests: number; rssMB: number }>;
  /** RSS (MB) when 25, 50, 75 and 100% of the API requests had been sent. */
  rssAtQuarters: number[];
  /** V8 heap in use (MB) after a full GC at the same points: what the run retains. */
  heapAfterGcAtQuarters: number[];
}

/** The mixed API requests of one iteration: REST list, REST get, RESTlet GET, RESTlet POST. */
export function loadCollection(): object {
  const restlet = '{{restlets_base_url}}/app/site/hosting/restlet.nl?script={{restlet_script}}&deploy={{restlet_deploy}}';
  const shapes: ItemSpec[] = [
    { name: 'List', method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5' },
    { name: 'Get', method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer/1' },
    { name: 'Echo GET', method: 'GET', url: `${restlet}&q=a b` },
    { name: 'Echo POST', method: 'POST', url: restlet, raw: '{"n":1}', headers: [['Content-Type', 'application/json']] },
  ];
  const items = Array.from({ length: PER_ITERATION }, (_, i) => ({ ...shapes[i % shapes.length]!, name: `${shapes[i % shapes.length]!.name} ${i}` }));
  const collection = sandboxCollection([MINT_ITEM, ...items]) as { item: Array<{ event: Array<{ listen: string; script: { exec: string[] } }> }> };
  // The Auth request runs only where the data row says so (the bundle is an IIFE: safe in a block).
  const mint = collection.item[0]!.event.find((e) => e.listen === 'prerequest')!;
  mint.script.exec = ["if (pm.iterationData.get('mint') === 'yes') {", ...bundleLines('mint-m2m'), '} else { pm.execution.skipRequest(); }'];
  return collection;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const input = JSON.parse(await readStdin()) as { environment: object; engine?: Engine };
  const engine = input.engine ?? 'newman';
  const newman = loadNewman(engine);
  const collection = loadCollection();
  const total = PER_ITERATION * LOAD_ROWS.length;
  const report: LoadReport = { engine, requests: 0, apiRequests: 0, tokenRequests: 0, failures: [], durationMs: 0, maxRssMB: 0, samples: [], rssAtQuarters: [], heapAfterGcAtQuarters: [] };
  const began = Date.now();
  const sample = (): void => {
    report.samples.push({ seconds: Math.round((Date.now() - began) / 1000), requests: report.apiRequests, rssMB: mb(process.memoryUsage.rss()) });
  };
  sample();
  const timer = setInterval(sample, 1000);
  await new Promise<void>((resolve, reject) => {
    const emitter = newman.run(
      { collection, environment: input.environment, iterationData: LOAD_ROWS, iterationCount: LOAD_ROWS.length, reporters: [] } as never,
      (err, summary) => {
        if (err) return reject(err);
        for (const failure of summary.run.failures) {
          report.failures.push(`${(failure.source as { name?: string } | undefined)?.name ?? 'run'}: ${failure.error.message}`);
        }
        resolve();
      },
    );
    emitter.on('request', (_err: unknown, args: { request?: { url: { toString(): string } } }) => {
      if (!args.request) return;
      report.requests += 1;
      if (/\/oauth2\/v1\/token$/.test(args.request.url.toString())) {
        report.tokenRequests += 1;
        return;
      }
      report.apiRequests += 1;
      if (report.apiRequests % (total / 4) === 0) {
        report.rssAtQuarters.push(mb(process.memoryUsage.rss()));
        (globalThis as { gc?: () => void }).gc?.();
        report.heapAfterGcAtQuarters.push(mb(process.memoryUsage().heapUsed));
      }
    });
  });
  clearInterval(timer);
  sample();
  report.durationMs = Date.now() - began;
  report.maxRssMB = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10; // maxRSS is in KiB
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`loadRun failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
