import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT, type CliIo, type Command } from './cliTypes.ts';
import { parseAccountId } from '../simulator/accountIds.ts';
import { applyFaultPatch, defaultFaults, FaultError, type FaultPatch } from '../simulator/faults.ts';
import { startSimulator, DEFAULT_ACCOUNT_ID } from '../simulator/startSimulator.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { integerOption } from './runOptions.ts';

const USAGE = `Usage: netsuite-postman simulate [--port N] [--env-out FILE] [--account ID] [--token-lifetime SECONDS] [--faults JSON] [--log]

Starts the embedded NetSuite simulator on 127.0.0.1 and prints its base URL. It enforces NetSuite's
rules in NetSuite's order (host, headers, body, OAuth, permissions) for M2M, TBA and authorization
code auth, and answers as NetSuite does.

Options:
  --port N                  Port on 127.0.0.1 (default 0: any free port).
  --env-out FILE            Write a filled Postman environment (fresh keys and secrets) to FILE.
                            It holds secrets: keep it out of version control.
  --account ID              Simulated account id (default ${DEFAULT_ACCOUNT_ID}).
  --token-lifetime SECONDS  Access token lifetime (default 3600).
  --faults JSON             Initial faults, e.g. '{"rateLimitEvery":3,"retryAfterSeconds":1}'.
  --log                     Print one redacted line per request to stderr.

Control endpoints (no auth, loopback only): GET /__simulator/stats, POST /__simulator/faults,
POST /__simulator/revoke-tokens, POST /__simulator/reset. See docs/simulator.md.
Stops on SIGINT/SIGTERM with exit code 0.`;

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Start the embedded NetSuite simulator and write a Postman environment for it.',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(
      argv,
      {
        port: { type: 'string' },
        'env-out': { type: 'string' },
        account: { type: 'string' },
        'token-lifetime': { type: 'string' },
        faults: { type: 'string' },
        log: { type: 'boolean' },
      },
      USAGE,
    );
    const port = integerOption(values.port as string | undefined, 'port', 0, 65535);
    const tokenLifetimeSeconds = integerOption(values['token-lifetime'] as string | undefined, 'token-lifetime', 1, 86400);
    const accountId = (values.account as string | undefined) ?? DEFAULT_ACCOUNT_ID;
    if (!parseAccountId(accountId)) {
      throw new CliError('INVALID_OPTION', `--account "${accountId}" is not a NetSuite account id (1234567, 1234567_SB1, TSTDRV1234567).`);
    }
    let faults: FaultPatch | undefined;
    if (values.faults !== undefined) {
      try {
        faults = JSON.parse(values.faults as string) as FaultPatch;
        applyFaultPatch(defaultFaults(), faults);
      } catch (error) {
        throw new CliError('INVALID_OPTION', `--faults: ${error instanceof FaultError ? error.message : 'not valid JSON'}.`);
      }
    }
    const simulator = await startSimulator({
      ...(port !== undefined ? { port } : {}),
      accountId,
      ...(tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds } : {}),
      ...(faults ? { faults } : {}),
      ...(values.log ? { log: (line: string) => io.err(line) } : {}),
    });
    try {
      const envOut = values['env-out'] as string | undefined;
      if (envOut !== undefined) {
        const path = resolve(io.cwd, envOut);
        await writeFile(path, `${JSON.stringify(simulator.environment, null, 2)}\n`, { mode: 0o600 });
        io.out(`Environment written to ${path} (it holds secrets: do not commit it).`);
      } else {
        io.out('No --env-out given: the environment was not written.');
      }
      io.out(`NetSuite simulator listening at ${simulator.baseUrl}`);
      io.out('Press Ctrl+C to stop.');
      const signal = await io.interrupted;
      io.out(`Stopping (${signal}).`);
    } finally {
      await simulator.stop();
    }
    return EXIT.ok;
  },
};
