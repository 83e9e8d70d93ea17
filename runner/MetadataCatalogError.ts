/**
 * Why fetching the metadata catalog failed, with a stable code. The message names the failure and
 * carries the project's diagnosis (what NetSuite refused and the fix); it never holds a secret.
 */
export class MetadataCatalogError extends Error {
  constructor(
    readonly code:
      /** Bad input: no record types, a malformed record type name, an environment without values. */
      | 'BAD_OPTION'
      /** The REST collection (its Auth folder and scripts) could not be read. */
      | 'NO_REST_COLLECTION'
      /** A pre-request guard refused to send the catalog request (the diagnosis says why). */
      | 'CATALOG_NOT_SENT'
      /** The catalog request got no answer (connection refused, timeout, DNS). */
      | 'CATALOG_UNREACHABLE'
      /** NetSuite answered with an error status (401 INVALID_LOGIN, 403, 400 for an unknown record type …). */
      | 'CATALOG_REFUSED'
      /** The answer was 200 but not an OpenAPI 3 document. */
      | 'CATALOG_NOT_OPENAPI'
      /** Newman itself failed (the run did not complete). */
      | 'RUN_FAILED',
    message: string,
    /** HTTP status of the catalog answer, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'MetadataCatalogError';
  }
}
