/**
 * The generator reads documents it has never seen: schemas through allOf, circular schemas, a
 * record operation it does not know, required query and header parameters, 201 answers, HEAD.
 */
import { describe, expect, it } from 'vitest';
import { exampleValue, requiredExample, updateExample, writableFields } from '../../generator/metadata/exampleBody.ts';
import { metadataCollectionDef } from '../../generator/metadata/metadataCollectionDef.ts';
import { resolveOpenApi } from '../../generator/metadata/readOpenApi.ts';
import { recordOperations, unsupportedMethods } from '../../generator/metadata/recordOperations.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const DOCUMENT = {
  openapi: '3.0.3',
  info: { title: 'Hand-made', version: '1' },
  servers: [{ url: 'https://tstdrv123.suitetalk.api.netsuite.com/services/rest/record/v1' }],
  paths: {
    '/employee': {
      post: {
        requestBody: { content: { 'application/json': { schema: ref('employee') } } },
        responses: { '201': { description: 'made' } },
      },
      head: { responses: { '200': { description: 'x' } } },
    },
    '/employee/{employeeId}': {
      parameters: [{ name: 'employeeId', in: 'path', required: true, schema: { type: 'string' } }],
      get: { responses: { '200': { description: 'x', content: { 'application/json': { schema: ref('employee') } } } } },
    },
    '/employee/{employeeId}/!detach': {
      post: { parameters: [{ name: 'employeeId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'x' } } },
    },
    '/employee/{employeeId}/!attach': {
      post: {
        parameters: [
          { name: 'employeeId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'mode', in: 'query', required: true, schema: { type: 'string', enum: ['soft', 'hard'] } },
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'integer' } },
        ],
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { note: { type: 'string' } } } } } },
        responses: { '200': { description: 'x' } },
      },
    },
  },
  components: {
    schemas: {
      person: {
        type: 'object',
        required: ['firstName', 'hireDate'],
        properties: { firstName: { type: 'string' }, hireDate: { type: 'string', format: 'date' }, id: { type: 'string', readOnly: true } },
      },
      employee: {
        allOf: [
          ref('person'),
          {
            type: 'object',
            required: ['supervisor', 'level', 'tags', 'custentity_badge', 'manager'],
            properties: {
              supervisor: ref('nsResource'),
              manager: ref('employee'),
              level: { type: 'integer', minimum: 3 },
              tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
              custentity_badge: { type: 'boolean', title: 'Badge' },
              comments: { type: 'string' },
            },
          },
        ],
      },
      nsResource: { type: 'object', properties: { id: { type: 'string' }, refName: { type: 'string', readOnly: true } } },
    },
  },
};

describe('documents of other shapes', () => {
  it('turns them into requests, with bodies from allOf and circular schemas', async () => {
    const document = await resolveOpenApi(structuredClone(DOCUMENT), 'hand-made.json');
    const operations = recordOperations(document);
    expect([...operations.keys()]).toEqual(['employee']);
    expect(operations.get('employee')!.map((operation) => `${operation.kind} ${operation.method} ${operation.path}`)).toEqual([
      'create POST /employee',
      'get GET /employee/{employeeId}',
      'other POST /employee/{employeeId}/!attach',
      'other POST /employee/{employeeId}/!detach',
    ]);
    expect(unsupportedMethods(document)).toEqual(['HEAD /employee']);

    const employee = (document.paths['/employee']!.post!.requestBody as any).content['application/json'].schema;
    // `manager` refers to employee itself: the example stops there instead of recursing forever.
    expect(requiredExample(employee)).toEqual({
      firstName: 'netsuite-postman firstName',
      hireDate: '2026-01-01',
      supervisor: { id: '1' },
      level: 3,
      tags: ['a'],
      custentity_badge: false,
      manager: {
        firstName: 'netsuite-postman firstName',
        hireDate: '2026-01-01',
        supervisor: { id: '1' },
        level: 3,
        tags: ['a'],
        custentity_badge: false,
        manager: {},
      },
    });
    expect(updateExample(employee)).toEqual({ firstName: 'netsuite-postman firstName', hireDate: '2026-01-01', level: 3, custentity_badge: false });
    expect(writableFields(employee).find((field) => field.name === 'custentity_badge')).toEqual({ name: 'custentity_badge', title: 'Badge', required: true, custom: true, type: 'boolean' });
    expect(exampleValue({ type: 'number' }, 'x')).toBe(1);

    const def = metadataCollectionDef({ document, operations, source: 'hand-made.json' });
    const [auth, folder] = def.folders;
    expect(auth!.name).toBe('Auth');
    const byName = Object.fromEntries(folder!.items.map((item) => [item.name, item]));
    expect(Object.keys(byName)).toEqual(['Create employee record', 'Get employee record', 'POST /employee/{employeeId}/!attach', 'POST /employee/{employeeId}/!detach']);
    // A write the document gives no body still sends one: an empty body is refused at NetSuite's gateway.
    expect(byName['POST /employee/{employeeId}/!detach']!.body).toEqual({ mode: 'json', json: {} });
    expect(byName['Create employee record']!.url).toBe('{{suitetalk_base_url}}/services/rest/record/v1/employee');
    expect(byName['Create employee record']!.testScript!.join('\n')).toContain('"status":[201]');
    // 201 is no insert NetSuite answers with Location: no capture is promised.
    expect(byName['Create employee record']!.testScript!.join('\n')).not.toContain('"capture"');
    const attach = byName['POST /employee/{employeeId}/!attach']!;
    expect(attach.url).toBe('{{suitetalk_base_url}}/services/rest/record/v1/employee/{{nsp_employee_employee_id}}/!attach?mode=soft');
    expect(attach.headers).toEqual([{ key: 'Content-Type', value: 'application/json' }, { key: 'X-Trace', value: '1' }]);
    expect(attach.body).toEqual({ mode: 'json', json: { note: 'netsuite-postman note' } });
    expect(def.variables.map((variable) => variable.key)).toEqual(['nsp_employee_employee_id']);
  });
});
