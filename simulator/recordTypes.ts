/**
 * The record types the simulated account has: standard records, a custom record with custom
 * fields, sublists and transforms. One model drives both the metadata catalog (OpenAPI 3.0 and
 * JSON Schema) and the REST record API's checks, so what the catalog says is what the API does.
 */

export type FieldKind = 'string' | 'email' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'reference' | 'enum';

export interface FieldDef {
  name: string;
  title: string;
  kind: FieldKind;
  required?: boolean;
  readOnly?: boolean;
  /** A custom field (`custentity_…`, `custbody_…`, `custrecord_…`): `x-ns-custom-field` in the catalog. */
  custom?: boolean;
  /** `enum`: the values of the select list (NetSuite sends them as `{ "id": "…" }`). */
  values?: string[];
  /** `reference`: the record type the id points at, when the simulator keeps that type (checked on writes). */
  target?: string;
}

export interface SublistDef {
  name: string;
  title: string;
  required?: boolean;
  fields: FieldDef[];
}

export interface RecordTypeDef {
  /** The id in URLs, lower case: `salesorder`, `customrecord_nsp_project`. */
  name: string;
  /** The schema name NetSuite's catalog uses (`salesOrder`; custom records keep their id). */
  schema: string;
  title: string;
  custom?: boolean;
  fields: FieldDef[];
  sublists: SublistDef[];
  /** Record types this one transforms into (`POST /salesorder/{id}/!transform/invoice`). */
  transforms: string[];
  /** False for records NetSuite only makes by transforming another (item fulfillments). */
  creatable: boolean;
}

const ID: FieldDef = { name: 'id', title: 'Internal ID', kind: 'string', readOnly: true };
const EXTERNAL_ID: FieldDef = { name: 'externalId', title: 'External ID', kind: 'string' };
const CREATED: FieldDef = { name: 'dateCreated', title: 'Date Created', kind: 'datetime', readOnly: true };
const MODIFIED: FieldDef = { name: 'lastModifiedDate', title: 'Last Modified Date', kind: 'datetime', readOnly: true };
const SUBSIDIARY: FieldDef = { name: 'subsidiary', title: 'Subsidiary', kind: 'reference' };

const itemLines = (extra: FieldDef[] = []): SublistDef => ({
  name: 'item',
  title: 'Items',
  required: true,
  fields: [
    { name: 'line', title: 'Line', kind: 'integer', readOnly: true },
    { name: 'item', title: 'Item', kind: 'reference', required: true },
    { name: 'quantity', title: 'Quantity', kind: 'number', required: true },
    { name: 'rate', title: 'Rate', kind: 'number' },
    { name: 'amount', title: 'Amount', kind: 'number', readOnly: true },
    { name: 'description', title: 'Description', kind: 'string' },
    ...extra,
  ],
});

export const RECORD_TYPES: readonly RecordTypeDef[] = [
  {
    name: 'customer',
    schema: 'customer',
    title: 'Customer',
    creatable: true,
    transforms: [],
    fields: [
      ID,
      { name: 'entityId', title: 'Customer ID', kind: 'string' },
      { name: 'companyName', title: 'Company Name', kind: 'string', required: true },
      { name: 'email', title: 'Email', kind: 'email' },
      { name: 'phone', title: 'Phone', kind: 'string' },
      { name: 'comments', title: 'Comments', kind: 'string' },
      { name: 'isPerson', title: 'Individual', kind: 'boolean' },
      { name: 'isInactive', title: 'Inactive', kind: 'boolean' },
      { name: 'firstName', title: 'First Name', kind: 'string' },
      { name: 'lastName', title: 'Last Name', kind: 'string' },
      { ...SUBSIDIARY, required: true },
      EXTERNAL_ID,
      { name: 'custentity_nsp_tier', title: 'Customer Tier', kind: 'enum', custom: true, values: ['1', '2', '3'] },
      { name: 'custentity_nsp_vip', title: 'VIP', kind: 'boolean', custom: true },
      CREATED,
      MODIFIED,
    ],
    sublists: [
      {
        name: 'addressBook',
        title: 'Address Book',
        fields: [
          { name: 'internalId', title: 'Internal ID', kind: 'integer', readOnly: true },
          { name: 'label', title: 'Label', kind: 'string' },
          { name: 'defaultBilling', title: 'Default Billing', kind: 'boolean' },
          { name: 'defaultShipping', title: 'Default Shipping', kind: 'boolean' },
        ],
      },
    ],
  },
  {
    name: 'contact',
    schema: 'contact',
    title: 'Contact',
    creatable: true,
    transforms: [],
    fields: [
      ID,
      { name: 'entityId', title: 'Contact', kind: 'string' },
      { name: 'firstName', title: 'First Name', kind: 'string', required: true },
      { name: 'lastName', title: 'Last Name', kind: 'string' },
      { name: 'email', title: 'Email', kind: 'email' },
      { name: 'phone', title: 'Phone', kind: 'string' },
      { name: 'title', title: 'Job Title', kind: 'string' },
      { name: 'company', title: 'Company', kind: 'reference', target: 'customer' },
      SUBSIDIARY,
      EXTERNAL_ID,
      CREATED,
      MODIFIED,
    ],
    sublists: [],
  },
  {
    name: 'salesorder',
    schema: 'salesOrder',
    title: 'Sales Order',
    creatable: true,
    transforms: ['invoice', 'itemfulfillment'],
    fields: [
      ID,
      { name: 'tranId', title: 'Order #', kind: 'string', readOnly: true },
      { name: 'entity', title: 'Customer', kind: 'reference', required: true, target: 'customer' },
      { name: 'tranDate', title: 'Date', kind: 'date' },
      { name: 'orderStatus', title: 'Status', kind: 'enum', values: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] },
      { name: 'memo', title: 'Memo', kind: 'string' },
      { name: 'total', title: 'Total', kind: 'number', readOnly: true },
      SUBSIDIARY,
      EXTERNAL_ID,
      { name: 'custbody_nsp_channel', title: 'Sales Channel', kind: 'string', custom: true },
      CREATED,
      MODIFIED,
    ],
    sublists: [itemLines()],
  },
  {
    name: 'invoice',
    schema: 'invoice',
    title: 'Invoice',
    creatable: true,
    transforms: [],
    fields: [
      ID,
      { name: 'tranId', title: 'Invoice #', kind: 'string', readOnly: true },
      { name: 'entity', title: 'Customer', kind: 'reference', required: true, target: 'customer' },
      { name: 'tranDate', title: 'Date', kind: 'date' },
      { name: 'dueDate', title: 'Due Date', kind: 'date' },
      { name: 'createdFrom', title: 'Created From', kind: 'reference', readOnly: true },
      { name: 'memo', title: 'Memo', kind: 'string' },
      { name: 'total', title: 'Total', kind: 'number', readOnly: true },
      EXTERNAL_ID,
      CREATED,
      MODIFIED,
    ],
    sublists: [itemLines()],
  },
  {
    name: 'itemfulfillment',
    schema: 'itemFulfillment',
    title: 'Item Fulfillment',
    creatable: false,
    transforms: [],
    fields: [
      ID,
      { name: 'tranId', title: 'Fulfillment #', kind: 'string', readOnly: true },
      { name: 'entity', title: 'Customer', kind: 'reference', readOnly: true },
      { name: 'createdFrom', title: 'Created From', kind: 'reference', readOnly: true },
      { name: 'tranDate', title: 'Date', kind: 'date' },
      { name: 'shipStatus', title: 'Status', kind: 'enum', values: ['_picked', '_packed', '_shipped'] },
      { name: 'memo', title: 'Memo', kind: 'string' },
      EXTERNAL_ID,
      CREATED,
      MODIFIED,
    ],
    sublists: [itemLines([{ name: 'itemReceive', title: 'Fulfill', kind: 'boolean' }])],
  },
  {
    name: 'customrecord_nsp_project',
    schema: 'customrecord_nsp_project',
    title: 'NSP Project',
    custom: true,
    creatable: true,
    transforms: [],
    fields: [
      ID,
      { name: 'name', title: 'Name', kind: 'string', required: true },
      { name: 'isInactive', title: 'Inactive', kind: 'boolean' },
      { name: 'custrecord_nsp_project_customer', title: 'Customer', kind: 'reference', required: true, custom: true, target: 'customer' },
      { name: 'custrecord_nsp_project_budget', title: 'Budget', kind: 'number', custom: true },
      { name: 'custrecord_nsp_project_start', title: 'Start Date', kind: 'date', custom: true },
      { name: 'custrecord_nsp_project_billable', title: 'Billable', kind: 'boolean', custom: true },
      EXTERNAL_ID,
      CREATED,
      MODIFIED,
    ],
    sublists: [],
  },
];

export function recordType(name: string): RecordTypeDef | undefined {
  const wanted = name.toLowerCase();
  return RECORD_TYPES.find((type) => type.name === wanted);
}
