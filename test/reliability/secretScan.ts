/**
 * The secret scan used in CI: secretlint (preset-recommend, .secretlintrc.json at the root) over
 * the given files, plus an exact search for known secret values and for shapes secretlint does not
 * know (PEM blocks, bearer tokens, NetSuite session cookies).
 * CLI: `node --import tsx test/reliability/secretScan.ts <glob>…` exits 1 on a finding.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Finding {
  file: string;
  what: string;
}

/** secretlint's findings as text (empty when clean). */
export function secretlint(globs: string[], cwd = ROOT): string {
  try {
    execFileSync(path.join(ROOT, 'node_modules/.bin/secretlint'), ['--secretlintrc', path.join(ROOT, '.secretlintrc.json'), '--format', 'unix', ...globs], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; status?: number };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || `secretlint exited ${e.status}`;
  }
}

const SHAPES: Array<[string, RegExp]> = [
  ['PEM block', /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----(\s|\\r|\\n)*[A-Za-z0-9+/]{40,}/],
  ['bearer token', /Bearer\s+[A-Za-z0-9._~+/-]{16,}/],
  ['session cookie value', /JSESSIONID=[A-Za-z0-9._-]{8,}/],
  ['client assertion', /client_assertion=ey[A-Za-z0-9_-]{10,}/],
];

/** Known secret values and secret shapes found in the files. */
export function exactScan(files: string[], secrets: string[]): Finding[] {
  const findings: Finding[] = [];
  const needles = secrets.filter((s) => s.length >= 8).flatMap((s) => (s.includes('\n') ? s.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----')) : [s]));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const needle of needles) if (text.includes(needle)) findings.push({ file, what: `known secret value ${needle.slice(0, 4)}…` });
    for (const [what, pattern] of SHAPES) if (pattern.test(text)) findings.push({ file, what });
  }
  return findings;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const out = secretlint(process.argv.slice(2));
  if (out) {
    console.error(out);
    process.exit(1);
  }
}
