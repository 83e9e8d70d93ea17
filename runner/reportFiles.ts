import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `cli` is the runner's own progress output; the others are Newman reporters writing files. */
export const REPORTERS = ['cli', 'junit', 'html', 'json'] as const;
/** What a run writes when no --reporters is given. */
export const DEFAULT_REPORTERS: readonly ReporterName[] = ['cli', 'junit', 'html'];
export type ReporterName = (typeof REPORTERS)[number];

export interface ReportTargets {
  junit?: string;
  html?: string;
  json?: string;
}

/** `reports/<collection stem>-<auth method>.xml` and `.html`: one pair per collection × method. */
export function reportTargets(dir: string, stem: string, authMethod: string, reporters: readonly ReporterName[]): ReportTargets {
  const base = join(dir, `${stem}-${authMethod}`);
  return {
    ...(reporters.includes('junit') ? { junit: `${base}.xml` } : {}),
    ...(reporters.includes('html') ? { html: `${base}.html` } : {}),
    ...(reporters.includes('json') ? { json: `${base}.json` } : {}),
  };
}

/**
 * Newman's reporter options. The HTML report (htmlextra) leaves out headers and bodies
 * (`skipSensitiveData`: Authorization headers, token requests and answers) and the environment.
 */
export function newmanReporters(targets: ReportTargets, title: string): { reporters: string[]; reporter: Record<string, object> } {
  const reporters: string[] = [];
  const reporter: Record<string, object> = {};
  if (targets.junit) {
    reporters.push('junit');
    reporter.junit = { export: targets.junit };
  }
  if (targets.html) {
    reporters.push('htmlextra');
    reporter.htmlextra = {
      export: targets.html,
      title,
      browserTitle: title,
      skipSensitiveData: true,
      omitHeaders: true,
      showEnvironmentData: false,
      showGlobalData: false,
    };
  }
  if (targets.json) {
    reporters.push('json');
    reporter.json = { export: targets.json };
  }
  return { reporters, reporter };
}

export function ensureDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** Header and form-field names whose value is a credential (Newman's JSON report lists both as `{ key, value }`). */
const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|client_assertion|client_secret|access_token|refresh_token|code|code_verifier)$/i;

/**
 * Every string of a JSON value redacted, and the value of every `{ key: <auth or cookie header, or
 * credential form field>, value }` pair replaced (Newman's JSON report lists headers and form
 * bodies that way). Structural, so the report
 * stays valid JSON whatever a secret's shape.
 */
export function redactJson(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((entry) => redactJson(entry, redact));
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(object)) out[key] = redactJson(entry, redact);
    if (typeof object.key === 'string' && SECRET_KEY.test(object.key) && typeof object.value === 'string') out.value = '[redacted]';
    return out;
  }
  return value;
}

/** Second line of defence: a secret value (or token) that reached a report is replaced in the file. */
export function redactReportFiles(targets: ReportTargets, redact: (text: string) => string): void {
  for (const file of [targets.junit, targets.html, targets.json]) {
    if (!file || !existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const clean = file === targets.json ? `${JSON.stringify(redactJson(JSON.parse(text), redact), null, 2)}\n` : redact(text);
    if (clean !== text) writeFileSync(file, clean);
  }
}
