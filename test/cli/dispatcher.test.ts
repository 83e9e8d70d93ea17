import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/cliTypes';

function io(): CliIo & { lines: { out: string[]; err: string[] } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, out: (l) => lines.out.push(l), err: (l) => lines.err.push(l), env: {}, cwd: process.cwd(), interrupted: new Promise(() => undefined) };
}

describe('the netsuite-postman dispatcher', () => {
  it('--help lists every command with a summary and the exit codes (exit 0)', async () => {
    const out = io();
    expect(await main(['--help'], out)).toBe(0);
    const text = out.lines.out.join('\n');
    for (const name of ['start', 'run', 'doctor', 'simulate', 'env', 'generate']) expect(text).toMatch(new RegExp(`^  ${name}\\s+\\S`, 'm'));
    expect(text).toContain('Exit codes: 0 success, 1 something failed, 2 bad usage or input, 3 internal error.');
  });

  it('no command and unknown commands are usage errors (exit 2)', async () => {
    expect(await main([], io())).toBe(2);
    const out = io();
    expect(await main(['frob'], out)).toBe(2);
    expect(out.lines.err.join('\n')).toContain('unknown command "frob"');
  });

  it('prints a command\'s friendly error without a stack trace', async () => {
    const out = io();
    expect(await main(['run', '--environment', 'does-not-exist.json'], out)).toBe(2);
    const text = out.lines.err.join('\n');
    expect(text).toMatch(/^netsuite-postman run: environment file does-not-exist\.json does not exist/);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('--help of a command prints its usage (exit 0)', async () => {
    const out = io();
    expect(await main(['doctor', '--help'], out)).toBe(0);
    expect(out.lines.out.join('\n')).toMatch(/^Usage: netsuite-postman doctor --environment FILE/);
  });
});
