import { isNspError } from '../core/NspError';
import { redactText } from '../core/redact';
import { readSecretsForRedaction } from './variables';

/** A refusal's one-line summary, safe to print: code and message, secrets redacted. */
export function describeError(error: unknown): { code: string; message: string } {
  const secrets = readSecretsForRedaction(pm.variables);
  if (isNspError(error)) return { code: error.code, message: redactText(error.message, secrets) };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'UNEXPECTED', message: redactText(text, secrets) };
}

/**
 * Stops the current request before it is sent and says why, as a failing test (so Newman's exit
 * code and report show it) and in the console. Must be the last thing a pre-request script does.
 */
export function refuse(error: unknown): void {
  const { code, message } = describeError(error);
  console.error(`netsuite-postman: "${pm.info.requestName}" was not sent. ${code}: ${message}`);
  pm.test(`netsuite-postman refused to send "${pm.info.requestName}": ${code}`, () => {
    throw new Error(message);
  });
  pm.execution.skipRequest();
}
