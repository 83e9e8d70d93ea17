/**
 * Child process of the generator benchmark: imports the generator, then regenerates everything
 * twice into fresh temp directories (generate + writeGenerated), and prints the times as JSON.
 * The first call is "cold" (fresh process), the second "warm" (same process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const t0 = performance.now();
const { generate, writeGenerated } = await import('../../generator/generate.ts');
const importMs = performance.now() - t0;

function once(): { ms: number; files: number; written: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nsp-bench-gen-'));
  try {
    const start = performance.now();
    const result = generate({ outDir: dir });
    const written = writeGenerated(result);
    return { ms: performance.now() - start, files: result.files.length, written: written.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cold = once();
const warm = once();
process.stdout.write(`${JSON.stringify({ importMs, cold, warm, uptimeMs: process.uptime() * 1000 })}\n`);
