/**
 * A build failure of the generator with a stable code. `location` (`file:line`) points at the
 * source that caused it when there is one; the CLI prints the message as is.
 */
export class GeneratorError extends Error {
  constructor(
    readonly code:
      | 'MISSING_BUNDLE'
      | 'NON_LITERAL_VARIABLE'
      | 'UNDOCUMENTED_VARIABLE'
      | 'UNKNOWN_VARIABLE'
      | 'CONTRACT_MISMATCH'
      | 'MISSING_EXPECTATION'
      | 'STRAY_EXPECTATION'
      | 'BAD_EXPECTATION'
      | 'BAD_DEFINITION'
      | 'BAD_COMMITTED_FILE'
      | 'CONFLICTING_VARIABLE'
      | 'INVALID_VARIABLE'
      | 'SECRETS_UNDER_ENVIRONMENTS'
      | 'SOURCES_MISSING'
      // The metadata collection (generator/metadata/): its input document and options.
      | 'METADATA_UNREADABLE'
      | 'METADATA_NOT_OPENAPI3'
      | 'METADATA_INVALID'
      | 'METADATA_UNRESOLVED_REF'
      | 'METADATA_UNKNOWN_RECORD_TYPE'
      | 'METADATA_NO_OPERATIONS'
      | 'BAD_OPTION',
    message: string,
    readonly location?: string,
  ) {
    super(message);
    this.name = 'GeneratorError';
  }
}
