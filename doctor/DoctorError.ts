/** A doctor input problem (not a failed check) with a stable code. */
export class DoctorError extends Error {
  constructor(
    readonly code: 'UNKNOWN_AUTH_METHOD' | 'BAD_TIMEOUT',
    message: string,
  ) {
    super(message);
    this.name = 'DoctorError';
  }
}
