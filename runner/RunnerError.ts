/**
 * A problem with what the runner was asked to run (a missing or invalid environment or collection
 * file, an unknown collection, folder or auth method, a refused variable), with a stable code.
 * The message names the file or option and the fix; it never quotes a secret value.
 */
export class RunnerError extends Error {
  constructor(
    readonly code:
      | 'NO_ENVIRONMENT'
      | 'INVALID_ENVIRONMENT'
      | 'UNKNOWN_AUTH_METHOD'
      | 'UNKNOWN_COLLECTION'
      | 'MISSING_COLLECTION'
      | 'INVALID_COLLECTION'
      | 'UNKNOWN_FOLDER'
      | 'NOTHING_TO_RUN'
      | 'MISSING_ACCOUNT_ID'
      | 'SECRET_ENV_VAR'
      | 'BAD_ENV_VAR'
      | 'MISSING_FILE',
    message: string,
  ) {
    super(message);
    this.name = 'RunnerError';
  }
}
