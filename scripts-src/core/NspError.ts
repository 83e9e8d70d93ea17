/**
 * The one error type of the sandbox scripts. `code` is stable (tests and the doctor match on it);
 * `message` names the variable or input, says what is wrong and how to fix it, and never
 * contains a secret value.
 */
export class NspError extends Error {
  readonly code: string;
  readonly variable: string | undefined;

  constructor(code: string, message: string, variable?: string) {
    super(message);
    this.name = 'NspError';
    this.code = code;
    this.variable = variable;
  }
}

export function isNspError(value: unknown): value is NspError {
  return value instanceof Error && typeof (value as NspError).code === 'string' && value.name === 'NspError';
}
