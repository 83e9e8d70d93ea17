/** The metadata catalog index (default `Accept`). */
export function metadataCatalogIndex(recordBase: string, types: string[]): Record<string, unknown> {
  return {
    items: types.map((name) => ({
      name,
      links: [
        { rel: 'canonical', href: `${recordBase}/${name}`, mediaType: 'application/json' },
        { rel: 'alternate', href: `${recordBase}/metadata-catalog/${name}`, mediaType: 'application/swagger+json' },
        { rel: 'describes', href: `${recordBase}/metadata-catalog/${name}`, mediaType: 'application/schema+json' },
      ],
    })),
    links: [{ rel: 'self', href: `${recordBase}/metadata-catalog` }],
  };
}

/** A small OpenAPI 3.0 document for the customer record (`Accept: application/swagger+json`). */
export function customerOpenApi(serverUrl: string): Record<string, unknown> {
  const customer = {
    type: 'object',
    properties: {
      id: { type: 'string', title: 'Internal ID', readOnly: true },
      entityId: { type: 'string', title: 'Customer ID' },
      companyName: { type: 'string', title: 'Company Name' },
      email: { type: 'string', format: 'email', title: 'Email' },
      phone: { type: 'string', title: 'Phone' },
      isPerson: { type: 'boolean', title: 'Individual' },
      isInactive: { type: 'boolean', title: 'Inactive' },
      firstName: { type: 'string', title: 'First Name' },
      lastName: { type: 'string', title: 'Last Name' },
      subsidiary: { type: 'object', properties: { id: { type: 'string' } } },
      dateCreated: { type: 'string', format: 'date-time', readOnly: true },
      lastModifiedDate: { type: 'string', format: 'date-time', readOnly: true },
    },
  };
  const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.0.1',
    info: { title: 'NetSuite REST Record API', version: '1.0', description: 'Metadata of the simulated customer record.' },
    servers: [{ url: serverUrl }],
    paths: {
      '/customer': {
        get: {
          summary: 'Get list of records.',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', default: 1000 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', default: 0 } },
          ],
          responses: { '200': { description: 'Get list of records.', content: { 'application/vnd.oracle.resource+json; type=collection': {} } } },
        },
        post: {
          summary: 'Insert record.',
          requestBody: { required: true, content: { 'application/vnd.oracle.resource+json; type=singular': { schema: { $ref: '#/components/schemas/customer' } } } },
          responses: { '204': { description: 'Inserted record.' } },
        },
      },
      '/customer/{id}': {
        get: { summary: 'Get record.', parameters: [idParameter], responses: { '200': { description: 'Get record.' } } },
        patch: { summary: 'Update record.', parameters: [idParameter], responses: { '204': { description: 'Updated record.' } } },
        delete: { summary: 'Remove record.', parameters: [idParameter], responses: { '204': { description: 'Removed record.' } } },
      },
    },
    components: { schemas: { customer } },
  };
}
