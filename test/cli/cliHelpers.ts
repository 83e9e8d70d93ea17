/** Spawns the real `netsuite-postman` binary (asynchronously: an in-process simulator must keep answering). */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'netsuite-postman.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The process environment without any NETSUITE_* or contract variable the developer may have set. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('NETSUITE_') || /^[a-z_]+$/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export function cli(args: string[], options: { cwd: string; env?: Record<string, string>; timeout?: number }): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: cleanEnv(options.env), timeout: options.timeout ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/**
 * Counts of a JUnit XML report, checked for well-formedness the cheap way (one <testsuites> root,
 * balanced <testsuite> elements). `tests` sums the suites' `tests` attributes; `testcases` counts
 * the <testcase> elements (the two must agree).
 */
export function junitCounts(file: string): { suites: number; tests: number; testcases: number; failures: number } {
  const xml = readFileSync(file, 'utf8');
  if (!xml.startsWith('<?xml')) throw new Error(`${file}: no XML declaration`);
  if (!/<testsuites\b[^>]*>/.test(xml) || !xml.trimEnd().endsWith('</testsuites>')) throw new Error(`${file}: no <testsuites> root`);
  const suites = [...xml.matchAll(/<testsuite\b([^>]*)>/g)].map((match) => match[1]!);
  const closed = (xml.match(/<\/testsuite>/g) ?? []).length;
  if (suites.length !== closed) throw new Error(`${file}: unbalanced testsuite elements`);
  const attribute = (attrs: string, name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(attrs)?.[1] ?? NaN);
  return {
    suites: suites.length,
    tests: suites.reduce((sum, attrs) => sum + attribute(attrs, 'tests'), 0),
    testcases: (xml.match(/<testcase\b/g) ?? []).length,
    failures: suites.reduce((sum, attrs) => sum + attribute(attrs, 'failures'), 0),
  };
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Secret values that must never appear anywhere the runner writes or prints. */
export function secretsOf(environment: { values: Array<{ key: string; value: string; type?: string }> }): string[] {
  return environment.values.filter((value) => value.type === 'secret' && value.value !== '').map((value) => value.value);
}

export function leaks(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    const pieces = [secret, ...secret.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'))];
    if (pieces.some((piece) => text.includes(piece))) found.push(`${secret.slice(0, 4)}…`);
  }
  // Access tokens and client assertions are JWTs.
  if (/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/.test(text)) found.push('a JWT');
  if (text.includes('PRIVATE KEY-----')) found.push('a PEM private key');
  return found;
}
