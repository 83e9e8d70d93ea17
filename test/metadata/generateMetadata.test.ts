/**
 * generateMetadataCollection on the simulator's catalog and on hand-made documents: deterministic
 * bytes, versions and changelog like the built-in collections, example bodies from the schemas,
 * and a coded error naming the place for every bad input, with nothing written.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GeneratorError } from '../../generator/GeneratorError.ts';
import { generateMetadataCollection } from '../../generator/metadata/generateMetadataCollection.ts';
import { recordsOpenApi } from '../../simulator/metadataCatalog.ts';
import { cleanTemps, collectionValidator, readJson, tempDir } from './helpers.ts';

afterAll(() => cleanTemps());

const SERVER = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1';
const catalog = (select?: string[]) => recordsOpenApi(SERVER, select) as Record<string, any>;
const FILE = 'collections/netsuite-records.postman_collection.json';

function requestsOf(collection: any, folder: string): Record<string, any> {
  return Object.fromEntries(collection.item.find((item: any) => item.name === folder).item.map((item: any) => [item.name, item]));
}

async function failure(promise: Promise<unknown>, code: GeneratorError['code']): Promise<GeneratorError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GeneratorError);
  expect((error as GeneratorError).code, (error as Error).message).toBe(code);
  return error as GeneratorError;
}

describe('generateMetadataCollection', () => {
  it('generating twice gives identical bytes; the second run writes nothing', async () => {
    const outDir = tempDir();
    const first = await generateMetadataCollection({ document: catalog(), outDir });
    const bytes = readFileSync(join(outDir, FILE));
    const changelog = readFileSync(join(outDir, 'collections', 'CHANGELOG.md'), 'utf8');
    expect(first.version).toMatchObject({ next: '1.0.0', bump: 'first' });
    expect(changelog).toContain('## netsuite-records 1.0.0');
    const second = await generateMetadataCollection({ document: catalog(), outDir });
    expect(second.written).toEqual([]);
    expect(second.version).toMatchObject({ previous: '1.0.0', next: '1.0.0', bump: 'none' });
    expect(readFileSync(join(outDir, FILE)).equals(bytes)).toBe(true);
    expect(readFileSync(join(outDir, 'collections', 'CHANGELOG.md'), 'utf8')).toBe(changelog);
    // Another directory, a document with another server: the same bytes (the server is never used).
    const elsewhere = tempDir();
    await generateMetadataCollection({ document: recordsOpenApi('http://127.0.0.1:4321/1234567-sb1/services/rest/record/v1'), outDir: elsewhere });
    expect(readFileSync(join(elsewhere, FILE)).equals(bytes)).toBe(true);
  }, 60_000);

  it('versions like the built-in collections: fewer record types is a major release, more a minor one', async () => {
    const outDir = tempDir();
    await generateMetadataCollection({ document: catalog(), records: ['customer', 'contact'], outDir });
    const added = await generateMetadataCollection({ document: catalog(), records: ['customer', 'contact', 'invoice'], outDir });
    expect(added.version).toMatchObject({ previous: '1.0.0', next: '1.1.0', bump: 'minor' });
    const removed = await generateMetadataCollection({ document: catalog(), records: ['customer'], outDir });
    expect(removed.version).toMatchObject({ previous: '1.1.0', next: '2.0.0', bump: 'major' });
    const changelog = readFileSync(join(outDir, 'collections', 'CHANGELOG.md'), 'utf8');
    expect(changelog.indexOf('## netsuite-records 2.0.0')).toBeLessThan(changelog.indexOf('## netsuite-records 1.1.0'));
    expect(changelog).toMatch(/removed or renamed requests: contact\/List contact records/);
    expect(readJson(join(outDir, FILE)).info.version).toBe('2.0.0');
  }, 60_000);

  it('records picks and orders the folders (case-insensitive); name changes the file; from a file works alike', async () => {
    const outDir = tempDir();
    const file = join(outDir, 'catalog.json');
    writeFileSync(file, JSON.stringify(catalog(['customer', 'salesorder'])));
    const result = await generateMetadataCollection({ file, records: ['SalesOrder', 'customer', 'salesorder'], outDir, name: 'acme-records' });
    expect(result.records).toEqual(['salesorder', 'customer']);
    expect(result.collectionPath).toBe(join(outDir, 'collections', 'acme-records.postman_collection.json'));
    const collection = readJson(result.collectionPath);
    expect(collection.info.name).toBe('acme-records');
    expect(collection.item.map((item: any) => item.name)).toEqual(['Auth', 'salesorder', 'customer']);
    expect(collectionValidator()(collection)).toBe(true);
    expect(existsSync(join(outDir, FILE))).toBe(false);
  }, 60_000);

  it('builds requests and example bodies from the schemas', async () => {
    const outDir = tempDir();
    const { collectionPath } = await generateMetadataCollection({ document: catalog(), outDir });
    const collection = readJson(collectionPath);
    // Same collection-level scripts as the REST collection, same Auth folder.
    const rest = readJson(join(import.meta.dirname, '../../collections/netsuite-rest.postman_collection.json'));
    expect(collection.event.map((event: any) => event.script.exec)).toEqual(rest.event.map((event: any) => event.script.exec));
    expect(collection.item[0].item.map((item: any) => item.name)).toEqual(rest.item[0].item.map((item: any) => item.name));
    expect(collection.protocolProfileBehavior).toEqual({ disableCookies: true });

    const salesorder = requestsOf(collection, 'salesorder');
    expect(Object.keys(salesorder)).toEqual([
      'List salesorder records',
      'Create salesorder record',
      'Get salesorder record',
      'Get salesorder record fields',
      'Update salesorder record',
      'Upsert salesorder record by external id',
      'Transform salesorder record to invoice',
      'Transform salesorder record to itemfulfillment',
      'Delete salesorder record',
    ]);
    expect(salesorder['List salesorder records'].request.url.raw).toBe('{{suitetalk_base_url}}/services/rest/record/v1/salesorder?limit=10&offset=0');
    expect(salesorder['Get salesorder record'].request.url.raw).toBe('{{suitetalk_base_url}}/services/rest/record/v1/salesorder/{{nsp_salesorder_id}}?expandSubResources=true');
    expect(salesorder['Get salesorder record fields'].request.url.raw).toBe('{{suitetalk_base_url}}/services/rest/record/v1/salesorder/{{nsp_salesorder_id}}?fields=entity,item');
    expect(salesorder['Upsert salesorder record by external id'].request.url.raw).toBe('{{suitetalk_base_url}}/services/rest/record/v1/salesorder/eid:{{nsp_salesorder_external_id}}');
    expect(salesorder['Transform salesorder record to invoice'].request.url.raw).toBe('{{suitetalk_base_url}}/services/rest/record/v1/salesorder/{{nsp_salesorder_id}}/!transform/invoice');
    const create = salesorder['Create salesorder record'].request;
    // Required fields with typed placeholders; references and sublist lines as NetSuite takes them.
    expect(JSON.parse(create.body.raw)).toEqual({ entity: { id: '1' }, item: { items: [{ item: { id: '1' }, quantity: 1 }] } });
    expect(create.header).toEqual([{ key: 'Content-Type', value: 'application/json' }]);
    expect(create.description.content).toContain('- `custbody_nsp_channel` — Sales Channel (string)');
    expect(create.description.content).toContain('`{ "id": "<internal id>" }`');
    expect(JSON.parse(salesorder['Update salesorder record'].request.body.raw)).toEqual({ memo: 'netsuite-postman memo' });

    const project = requestsOf(collection, 'customrecord_nsp_project')['Create customrecord_nsp_project record'].request;
    expect(JSON.parse(project.body.raw)).toEqual({ name: 'netsuite-postman name', custrecord_nsp_project_customer: { id: '1' } });
    for (const field of ['custrecord_nsp_project_customer', 'custrecord_nsp_project_budget', 'custrecord_nsp_project_start', 'custrecord_nsp_project_billable']) {
      expect(project.description.content).toContain(`\`${field}\``);
    }
    const customer = requestsOf(collection, 'customer')['Create customer record'].request;
    expect(customer.description.content).toMatch(/Custom fields:\n- `custentity_nsp_tier` — Customer Tier \(select: `\{ "id": … \}` with one of `1`, `2`, `3`\)\n- `custentity_nsp_vip` — VIP \(boolean\)/);

    // Path parameters are collection variables; the create requests fill the id ones.
    const variables = Object.fromEntries(collection.variable.map((variable: any) => [variable.key, variable.value]));
    expect(variables).toMatchObject({ nsp_salesorder_id: '', nsp_salesorder_external_id: 'nsp-salesorder-1', nsp_itemfulfillment_id: '' });
    const createScript = create.description && salesorder['Create salesorder record'].event[0].script.exec.join('\n');
    expect(createScript).toContain('"capture":"nsp_salesorder_id"');
    expect(salesorder['Transform salesorder record to itemfulfillment'].event[0].script.exec.join('\n')).toContain('"capture":"nsp_itemfulfillment_id"');
    // No URL, header or body names the document's server.
    expect(JSON.stringify(collection)).not.toContain('suitetalk.api.netsuite.com/services/rest/record/v1/');
  }, 60_000);
});

describe('bad input: a coded error naming the place, nothing written', () => {
  const expectNothingWritten = (outDir: string) => expect(readdirSync(outDir).filter((name) => name !== 'input.json')).toEqual([]);

  async function rejects(document: unknown, code: GeneratorError['code'], options: Record<string, unknown> = {}) {
    const outDir = tempDir();
    const error = await failure(generateMetadataCollection({ document, outDir, ...options }), code);
    expectNothingWritten(outDir);
    return error;
  }

  it('a file that does not exist, is not JSON, or is not OpenAPI 3', async () => {
    const outDir = tempDir();
    const missing = await failure(generateMetadataCollection({ file: join(outDir, 'nope.json'), outDir }), 'METADATA_UNREADABLE');
    expect(missing.message).toContain('nope.json does not exist');
    const file = join(outDir, 'input.json');
    writeFileSync(file, '{"openapi": "3.0.1", ');
    const notJson = await failure(generateMetadataCollection({ file, outDir }), 'METADATA_NOT_OPENAPI3');
    expect(notJson.message).toContain(`${file} is not JSON`);
    expect(notJson.location).toBe(file);
    writeFileSync(file, JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }));
    expect((await failure(generateMetadataCollection({ file, outDir }), 'METADATA_NOT_OPENAPI3')).message).toContain('found Swagger 2.0');
    expectNothingWritten(outDir);
    expect((await rejects({ items: [{ name: 'customer' }], links: [] }, 'METADATA_NOT_OPENAPI3')).message).toContain('the catalog index');
    expect((await rejects({ $schema: 'http://json-schema.org/draft-06/schema#', type: 'object' }, 'METADATA_NOT_OPENAPI3')).message).toContain('a JSON Schema');
    expect((await rejects([1, 2], 'METADATA_NOT_OPENAPI3')).message).toContain('not an OpenAPI document');
  });

  it('an OpenAPI 3 document that breaks the OpenAPI schema', async () => {
    const document = catalog(['customer']);
    delete document.paths['/customer'].get.responses;
    const error = await rejects(document, 'METADATA_INVALID');
    expect(error.message).toContain("#/paths/~1customer/get must have required property 'responses'");
  });

  it('a record type not in the document', async () => {
    const error = await rejects(catalog(['customer', 'salesorder']), 'METADATA_UNKNOWN_RECORD_TYPE', { records: ['customer', 'vendorbill'] });
    expect(error.message).toContain('has no record type "vendorbill"');
    expect(error.message).toContain('It describes: customer, salesorder');
  });

  it('a $ref that does not resolve, and one that points outside the document', async () => {
    const document = catalog(['customer']);
    document.paths['/customer'].post.requestBody.content['application/vnd.oracle.resource+json; type=singular'].schema.$ref = '#/components/schemas/customerr';
    const error = await rejects(document, 'METADATA_UNRESOLVED_REF');
    expect(error.message).toContain('$ref "#/components/schemas/customerr" at /paths/~1customer/post/requestBody/content/application~1vnd.oracle.resource+json; type=singular/schema does not resolve');
    expect(error.location).toContain('#/paths/~1customer/post');
    const external = catalog(['customer']);
    external.components.schemas.customer.properties.subsidiary = { $ref: 'https://example.com/schemas.json#/nsResource' };
    const outside = await rejects(external, 'METADATA_UNRESOLVED_REF');
    expect(outside.message).toContain('at /components/schemas/customer/properties/subsidiary is not a local reference');
  });

  it('a document without operations, a bad or built-in name, both or neither inputs', async () => {
    await rejects({ openapi: '3.0.1', info: { title: 'x', version: '1' }, paths: {} }, 'METADATA_NO_OPERATIONS');
    expect((await rejects(catalog(['customer']), 'BAD_OPTION', { name: '../escape' })).message).toContain('"../escape"');
    expect((await rejects(catalog(['customer']), 'BAD_OPTION', { name: 'netsuite-rest' })).message).toContain('built-in');
    const outDir = tempDir();
    await failure(generateMetadataCollection({ outDir } as never), 'BAD_OPTION');
    await failure(generateMetadataCollection({ outDir, document: catalog(), file: 'x.json' }), 'BAD_OPTION');
    expectNothingWritten(outDir);
  });
});
