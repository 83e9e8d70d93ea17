/**
 * The simulated account's metadata catalog and the record API it describes: every record type,
 * the custom record and custom fields, sublists, select lists, upsert by external id, transforms.
 */
import { createPrivateKey } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { accessToken, call, envOf } from './helpers/m2m.ts';

describe('metadata catalog and record API for every simulated record type', () => {
  let sim: RunningSimulator;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sim = await startSimulator();
    auth = { authorization: `Bearer ${await accessToken(sim, createPrivateKey(envOf(sim).private_key!))}` };
  });
  beforeEach(() => sim.reset());
  afterAll(() => sim.stop());
  const record = (path: string) => `${sim.baseUrl}/services/rest/record/v1/${path}`;
  const json = () => ({ ...auth, 'content-type': 'application/json' });
  const send = (method: string, path: string, body: unknown) => call(record(path), { method, headers: json(), body: JSON.stringify(body) });
  const catalog = (query: string, accept = 'application/swagger+json') => call(record(`metadata-catalog${query}`), { headers: { ...auth, accept } });
  const detail = (answer: { body: any }) => answer.body['o:errorDetails'][0];

  it('serves a valid OpenAPI 3.0 document whose $refs all resolve, in NetSuite\'s shape', async () => {
    const answer = await catalog('?select=customer,salesorder,customrecord_nsp_project');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/application\/swagger\+json/);
    const document = answer.body;
    expect(document.servers).toEqual([{ url: record('').replace(/\/$/, '') }]);
    expect(document.tags.map((tag: any) => tag.name)).toEqual(['customer', 'salesorder', 'customrecord_nsp_project']);
    expect(Object.keys(document.paths)).toEqual([
      '/customer',
      '/customer/{id}',
      '/customer/eid:{externalId}',
      '/salesorder',
      '/salesorder/{id}',
      '/salesorder/eid:{externalId}',
      '/salesorder/{id}/!transform/invoice',
      '/salesorder/{id}/!transform/itemfulfillment',
      '/customrecord_nsp_project',
      '/customrecord_nsp_project/{id}',
      '/customrecord_nsp_project/eid:{externalId}',
    ]);
    const schemas = document.components.schemas;
    // Transform targets are described even when not selected; NetSuite's camelCase schema names.
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['salesOrder', 'salesOrder-itemCollection', 'salesOrder-itemElement', 'invoice', 'itemFulfillment', 'nsResource', 'nsLink', 'nsError']));
    expect(schemas.salesOrder.properties.entity).toEqual({ title: 'Customer', $ref: '#/components/schemas/nsResource' });
    expect(schemas.salesOrder.properties.item).toEqual({ title: 'Items', $ref: '#/components/schemas/salesOrder-itemCollection' });
    expect(schemas.salesOrder.required).toEqual(['entity', 'item']);
    expect(schemas.customer.properties.custentity_nsp_tier).toMatchObject({ 'x-ns-custom-field': true, $ref: '#/components/schemas/customer-custentity_nsp_tier' });
    expect(schemas.customrecord_nsp_project['x-ns-custom-record']).toBe(true);
    expect(document.paths['/salesorder/{id}/!transform/invoice'].post.requestBody.content['application/vnd.oracle.resource+json; type=singular'].schema).toEqual({
      $ref: '#/components/schemas/invoice',
    });
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
    const whole = await catalog('');
    expect(whole.body.tags).toHaveLength(6);
    await expect(SwaggerParser.validate(structuredClone(whole.body))).resolves.toBeTruthy();
  });

  it('serves JSON Schema for one record type and the index without swagger Accept; refuses unknown types', async () => {
    const schema = await call(record('metadata-catalog/salesorder'), { headers: { ...auth, accept: 'application/schema+json' } });
    expect(schema.status).toBe(200);
    expect(schema.body).toMatchObject({ title: 'salesOrder', type: 'object', required: ['entity', 'item'] });
    expect(schema.body.properties.entity.$ref).toBe('#/definitions/nsResource');
    expect(schema.body.definitions['salesOrder-itemElement'].properties.quantity.type).toBe('number');
    expect((await catalog('?select=customer,contact', 'application/schema+json')).status).toBe(400);
    const index = await catalog('?select=contact', 'application/json');
    expect(index.body.items.map((item: any) => item.name)).toEqual(['contact']);
    const unknown = await catalog('?select=customer,nosuch');
    expect(unknown.status).toBe(400);
    expect(detail(unknown).detail).toContain('Unknown record type nosuch');
  });

  it('get: sublists as links, or expanded with expandSubResources; fields limits the answer', async () => {
    const plain = await call(record('salesorder/2'), { headers: auth });
    expect(plain.status).toBe(200);
    expect(plain.body.item).toEqual({ links: [{ rel: 'self', href: record('salesorder/2/item') }] });
    const expanded = await call(record('salesorder/2?expandSubResources=true'), { headers: auth });
    expect(expanded.body.item).toMatchObject({ count: 1, hasMore: false, items: [{ line: 1, item: { id: '10' }, quantity: 2, rate: 25, amount: 50 }] });
    expect(expanded.body.total).toBe(50);
    const lines = await call(record('salesorder/2/item'), { headers: auth });
    expect(lines.body.items).toHaveLength(1);
    const fields = await call(record('salesorder/2?fields=entity,memo'), { headers: auth });
    expect(Object.keys(fields.body).sort()).toEqual(['entity', 'id', 'links']);
    const badFields = await call(record('salesorder/2?fields=entity,nosuch'), { headers: auth });
    expect(badFields.status).toBe(400);
    expect(detail(badFields).detail).toContain('nosuch');
  });

  it('insert checks required fields, field types and references, as the catalog describes them', async () => {
    const missing = await send('POST', 'salesorder', { entity: { id: '1' } });
    expect(missing.status).toBe(400);
    expect(detail(missing)).toMatchObject({ 'o:errorCode': 'USER_ERROR', detail: expect.stringContaining('Please enter value(s) for: item') });
    const wrongType = await send('POST', 'customrecord_nsp_project', { name: 'P', custrecord_nsp_project_customer: { id: '1' }, custrecord_nsp_project_budget: 'lots' });
    expect(wrongType.status).toBe(400);
    expect(detail(wrongType)).toMatchObject({ 'o:errorPath': 'custrecord_nsp_project_budget' });
    const dangling = await send('POST', 'customrecord_nsp_project', { name: 'P', custrecord_nsp_project_customer: { id: '999' } });
    expect(dangling.status).toBe(400);
    expect(detail(dangling).detail).toContain('999 does not exist');
    const badEnum = await send('POST', 'customer', { companyName: 'X', custentity_nsp_tier: { id: '9' } });
    expect(badEnum.status).toBe(400);
    const badLine = await send('POST', 'salesorder', { entity: { id: '1' }, item: { items: [{ item: { id: '5' } }] } });
    expect(detail(badLine)).toMatchObject({ 'o:errorPath': 'item.items[0].quantity' });
    const created = await send('POST', 'salesorder', { entity: { id: '1' }, item: { items: [{ item: { id: '5' }, quantity: 3, rate: 10 }] }, custbody_nsp_channel: 'web' });
    expect(created.status).toBe(204);
    expect(created.headers.get('location')).toBe(record('salesorder/4'));
    const read = await call(record('salesorder/4?expandSubResources=true'), { headers: auth });
    expect(read.body).toMatchObject({ tranId: 'SO4', total: 30, custbody_nsp_channel: 'web', item: { items: [{ line: 1, amount: 30 }] } });
    const fulfillment = await send('POST', 'itemfulfillment', { memo: 'x' });
    expect(fulfillment.status).toBe(400);
    expect(detail(fulfillment).detail).toContain('!transform');
  });

  it('upsert by external id inserts once, then updates the same record', async () => {
    const first = await send('PUT', 'contact/eid:crm-42', { firstName: 'Ada' });
    expect(first.status).toBe(204);
    const location = first.headers.get('location')!;
    const second = await send('PUT', 'contact/eid:crm-42', { firstName: 'Ada', lastName: 'Lovelace' });
    expect(second.status).toBe(204);
    expect(second.headers.get('location')).toBe(location);
    expect((await call(location, { headers: auth })).body).toMatchObject({ externalId: 'crm-42', firstName: 'Ada', lastName: 'Lovelace' });
    expect(sim.stats()).toMatchObject({ recordsCreated: 1, recordsUpdated: 1 });
    const noName = await send('PUT', 'contact/eid:crm-43', { lastName: 'Nobody' });
    expect(noName.status).toBe(400);
  });

  it('transforms a sales order into an invoice and an item fulfillment; refuses other targets', async () => {
    const invoice = await send('POST', 'salesorder/3/!transform/invoice', { memo: 'billed' });
    expect(invoice.status).toBe(204);
    expect(invoice.headers.get('location')).toBe(record('invoice/3'));
    const made = await call(record('invoice/3?expandSubResources=true'), { headers: auth });
    expect(made.body).toMatchObject({ entity: { id: '3' }, createdFrom: { id: '3' }, memo: 'billed', total: 75, tranId: 'INV3', item: { items: [{ quantity: 3, rate: 25 }] } });
    const fulfillment = await send('POST', 'salesorder/1/!transform/itemfulfillment', {});
    expect(fulfillment.status).toBe(204);
    const shipped = await call(fulfillment.headers.get('location')!, { headers: auth });
    expect(shipped.body).toMatchObject({ createdFrom: { id: '1' }, shipStatus: { id: '_picked' } });
    expect((await send('POST', 'salesorder/1/!transform/customer', {})).status).toBe(400);
    expect((await send('POST', 'customer/1/!transform/invoice', {})).status).toBe(400);
    expect((await send('POST', 'salesorder/999/!transform/invoice', {})).status).toBe(404);
  });
});
