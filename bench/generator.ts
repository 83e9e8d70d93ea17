/**
 * Benchmark 6: the generator. Cold = a fresh `node --import tsx` process that imports
 * generator/generate.ts and regenerates every collection, environment template and the changelog
 * into a temp directory (generate + writeGenerated); warm = the second such call in the same
 * process. collections/ is never written. Then the `start` command end to end: by default
 * `node bin/netsuite-postman.mjs start` (what `npm start` runs after its `npm run build`; the
 * benchmark runs right after `npm run build`, so the bundles are fresh and the build is not timed
 * twice), or with `withBuild` the whole `npm start`, build included (`npm run bench -- --npm-start`).
 * While the `start` command does not exist: `netsuite-postman generate --check` plus our own
 * simulator run of every generated collection with every auth method.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../test/helpers/engines.ts';
import { startSimulator } from '../simulator/startSimulator.ts';
import { readGenerated, ROOT } from './lib/collections.ts';
import { timedRun } from './lib/newmanRun.ts';
import { log, median } from './lib/stats.ts';

export interface GeneratorResult {
  coldProcessMs: number[];
  coldCallMs: number[];
  warmCallMs: number[];
  importMs: number[];
  files: number;
  startMode: 'npm start' | 'fallback';
  startNote: string;
  steps: Array<{ step: string; ms: number; outcome: string }>;
}

function timedSpawn(command: string, args: string[], timeoutMs: number): Promise<{ ms: number; code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      // Only the process group this benchmark started.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, code, stdout, stderr, timedOut });
    });
  });
}

export async function runGenerator(repeats: number, engine: Engine, withBuild = false): Promise<GeneratorResult> {
  const result: GeneratorResult = { coldProcessMs: [], coldCallMs: [], warmCallMs: [], importMs: [], files: 0, startMode: 'fallback', startNote: '', steps: [] };
  for (let i = 0; i < repeats; i++) {
    const run = await timedSpawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/lib/generateOnce.ts')], 120_000);
    if (run.code !== 0) throw new Error(`generator child failed (${run.code}): ${run.stderr.slice(0, 500)}`);
    const data = JSON.parse(run.stdout.trim().split('\n').pop()!) as { importMs: number; cold: { ms: number; files: number }; warm: { ms: number } };
    result.coldProcessMs.push(run.ms);
    result.coldCallMs.push(data.cold.ms);
    result.warmCallMs.push(data.warm.ms);
    result.importMs.push(data.importMs);
    result.files = data.cold.files;
    log(`  generator ${i + 1}/${repeats}: process ${run.ms.toFixed(0)} ms (import ${data.importMs.toFixed(0)} ms, cold call ${data.cold.ms.toFixed(0)} ms, warm call ${data.warm.ms.toFixed(0)} ms)`);
  }

  const help = spawnSync(process.execPath, [path.join(ROOT, 'bin/netsuite-postman.mjs'), '--help'], { cwd: ROOT, encoding: 'utf8' });
  const hasStart = /^\s+start\b/m.test(help.stdout ?? '');
  if (hasStart) {
    result.startMode = 'npm start';
    const out = mkdtempSync(path.join(os.tmpdir(), 'nsp-bench-start-'));
    const reports = path.join(out, 'reports');
    const [command, args, shown]: [string, string[], string] = withBuild
      ? ['npm', ['start', '--', '--out', out, '--reports-dir', reports], '`npm start -- --out <tmp> --reports-dir <tmp>/reports` (build, generate, run every collection with every auth method against the simulator)']
      : [process.execPath, [path.join(ROOT, 'bin/netsuite-postman.mjs'), 'start', '--out', out, '--reports-dir', reports], '`node bin/netsuite-postman.mjs start --out <tmp> --reports-dir <tmp>/reports` (generate, run every collection with every auth method against the simulator; the bundles `npm run bench` just built)'];
    log(`  ${withBuild ? 'npm start' : 'netsuite-postman start'} --out ${out} (spawned, timeout 300 s)`);
    try {
      const run = await timedSpawn(command, args, 300_000);
      const tail = (run.stderr.match(/RollupError[^\n]*\n[^\n]*/)?.[0] ?? `${run.stdout}\n${run.stderr}`.trim().split('\n').filter((l) => l.trim()).slice(-1)[0] ?? '')
        .replace(/\u001b\[[0-9;]*m/g, '')
        .replace(/\s+/g, ' ')
        .slice(0, 200);
      result.steps.push({
        step: shown,
        ms: run.ms,
        outcome: run.timedOut ? 'timed out after 300 s (killed)' : `exit ${run.code}${run.code ? `: ${tail}` : ''}`,
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    result.startNote = withBuild
      ? 'spawned `npm start` (its build included) and timed it from spawn to exit; generated into a temp directory with `--out` so collections/ is not rewritten.'
      : 'spawned the `start` command (`node bin/netsuite-postman.mjs start`, what `npm start` runs after `npm run build`) and timed it from spawn to exit; generated into a temp directory with `--out` so collections/ is not rewritten. `npm start` adds `npm run build` in front of it (Rollup of every bundle; not timed here, as `npm run bench` has just run it — `npm run bench -- --npm-start` times the whole `npm start`).';
  } else {
    result.startMode = 'fallback';
    result.startNote =
      'the `start` command did not exist yet when this ran (`netsuite-postman --help` lists no `start`), so this is `netsuite-postman generate --check` (spawned) plus our own run of every generated collection with every auth method against a fresh simulator (in process, Newman engine); the build (`npm run build`, run by `npm run bench` just before) is not included.';
    log('  netsuite-postman generate --check (spawned)');
    const check = await timedSpawn(process.execPath, [path.join(ROOT, 'bin/netsuite-postman.mjs'), 'generate', '--check'], 120_000);
    result.steps.push({ step: '`node bin/netsuite-postman.mjs generate --check`', ms: check.ms, outcome: `exit ${check.code}${check.code ? ` (${(check.stderr || check.stdout).trim().split('\n')[0]?.slice(0, 120)})` : ''}` });
    const started = performance.now();
    const sim = await startSimulator();
    let outcome = '';
    try {
      const slugs = readdirSync(path.join(ROOT, 'collections')).filter((f) => f.endsWith('.postman_collection.json')).map((f) => f.replace('.postman_collection.json', ''));
      let failures = 0;
      let items = 0;
      for (const slug of slugs) {
        for (const method of ['m2m', 'tba', 'authcode']) {
          sim.reset();
          const environment = structuredClone(sim.environment);
          environment.values.find((v) => v.key === 'auth_method')!.value = method;
          const run = await timedRun(engine, readGenerated(slug), environment);
          failures += run.failures.length + run.assertionErrors.length;
          items += run.items.length;
        }
      }
      outcome = `${slugs.length} collections × 3 auth methods, ${items} items, ${failures} failures`;
    } finally {
      await sim.stop();
    }
    result.steps.push({ step: 'simulator start + every collection × m2m, tba, authcode (Newman, in process)', ms: performance.now() - started, outcome });
  }
  return result;
}

export const summarize = (values: number[]) => median(values);
