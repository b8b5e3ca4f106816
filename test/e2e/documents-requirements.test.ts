/**
 * Issue #16 "a requirement counts only when its file exists", everywhere, through the gateway on real
 * Kafka + Mongo-wire: a post-sale request received with its requirements as uploaded files is
 * satisfied, each file downloads byte-identical from the request's checklist, another tenant gets
 * NOT_FOUND; a requirement named without its file, or pointing at another customer's or another
 * tenant's file, refuses the request and nothing is written. And the QGIS import reads an uploaded
 * export (kept by technical support, the subgraph that imports it).
 */
import { createHash } from 'node:crypto';
import { ReceivePostSaleRequestDocument } from '@vinculo/client';
import { refused, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { download, okOnceFilesKnown, refusedOnceFilesKnown, samplePdf, upload, uploadRequirement, uploadRequirements } from './support/files';
import { actorsOf, sellToActivation } from './support/order-to-cash';
import { expectReconciled } from './support/reconciliation';

let seq = 9300000 + Math.floor(Math.random() * 100000);
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const REGISTER_PRODUCT = `mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id } } }`;
const RECEIVE = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id status } } }`;
const REQUESTS = `query($id: ID!) { customer(id: $id) { postSaleRequests(first: 20) { edges { node { id } } } } }`;
const PRODUCT = `query($id: ID!) { installedProduct(id: $id) { id pendingRequest { id } } }`;
const IMPORT = `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported created updated unchanged errors { row field message } } }`;
const NODES = `{ networkNodes(first: 20) { edges { node { code kind technology } } } }`;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function setUp(label: string) {
  const tenant = uniqueTenant(label);
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: `clerk-${label}` });
  const admin = await tokenFor(tenant, ['ADMIN'], { sub: `admin-${label}` });
  const coordinator = await tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: `coord-${label}` });
  const customer = async (name: string) =>
    (await ok(admin, REGISTER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id as string;
  return { tenant, clerk, admin, coordinator, customer };
}

/** An installed product registered once post-sale knows the customer (its directory). */
const productOf = (token: string, customerId: string) =>
  waitFor('post-sale to know the customer', async () => {
    const r = await execute<any>(
      REGISTER_PRODUCT,
      {
        i: {
          customerId,
          planCode: 'INET-50',
          family: 'INTERNET',
          serviceNumber: `45${++seq}`,
          installationAddress: 'Calle Jordán 210, Cochabamba',
          technology: 'COPPER',
          monthlyFee: '150.00',
        },
      },
      { token },
    );
    return r.errors?.length ? undefined : (r.data.registerInstalledProduct.installedProduct.id as string);
  });

describe('documents: requirements brought with a post-sale request count only with their files', () => {
  test('files uploaded → the request RECEIVED with each requirement satisfied by its file; each downloads byte-identical; another tenant gets NOT_FOUND', async () => {
    // A customer sold through the real chain (billed subscription), so the report can end empty.
    const a = await setUp('reqok');
    const b = await setUp('reqother');
    const sold = await sellToActivation(await actorsOf(a.tenant));
    const { customerId, subscriptionId: productId } = sold;
    // A business's supplementary service needs its ID, tax id and power of attorney (the scans, as files).
    const scans = new Map((['ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'] as const).map((d) => [d, samplePdf()]));
    const files = [];
    for (const [requirement, bytes] of scans)
      files.push({ requirement, attachmentId: await uploadRequirement(a.clerk, customerId, `${requirement.toLowerCase()}.pdf`, bytes) });

    const request = (
      await okOnceFilesKnown(a.clerk, ReceivePostSaleRequestDocument, {
        input: {
          type: 'SUPPLEMENTARY_SERVICE',
          customerId,
          installedProductId: productId,
          channel: 'WHATSAPP',
          requirementAttachments: files,
          supplementaryService: { service: 'CALL_WAITING', action: 'ENABLE' },
        },
      })
    ).receivePostSaleRequest.request;
    expect(request).toMatchObject({ status: 'RECEIVED', missingRequirements: [] });
    expect(request.requirements).toEqual(files.map((f) => ({ ...f, provided: true })));

    // Each file behind the checklist comes back byte-identical; another tenant gets NOT_FOUND.
    for (const check of request.requirements) {
      const got = await download(a.clerk, `/attachments/${check.attachmentId}`);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(scans.get(check.requirement as 'ID_DOCUMENT')!)).toBe(true);
      expect(got.headers.get('x-file-sha256')).toBe(sha256(got.bytes));
      const foreign = await download(b.clerk, `/attachments/${check.attachmentId}`);
      expect(foreign.status).toBe(404);
      expect(foreign.json.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    await expectReconciled(a.admin, { completedOrders: [sold.orderId] });
  }, 240_000);

  test("a requirement named without its file, or pointing at another customer's or another tenant's file, refuses the request: FAILED_PRECONDITION naming it, nothing written", async () => {
    const a = await setUp('reqbad');
    const b = await setUp('reqbadother');
    const customerId = await a.customer('Requisitos Incompletos SRL');
    const otherCustomer = await a.customer('Otro Cliente SRL');
    const productId = await productOf(a.admin, customerId);
    const own = await uploadRequirements(a.clerk, customerId, ['ID_DOCUMENT'] as const);
    const foreignCustomers = await uploadRequirement(a.clerk, otherCustomer, 'nit-otro.pdf');
    const otherTenants = await uploadRequirement(b.clerk, await b.customer('Otra Empresa SRL'), 'nit-otra-empresa.pdf');
    const base = {
      type: 'SUPPLEMENTARY_SERVICE',
      customerId,
      installedProductId: productId,
      channel: 'WHATSAPP',
      supplementaryService: { service: 'CALL_WAITING', action: 'ENABLE' },
    };
    const pairs = own.map((f) => ({ requirement: f.document, attachmentId: f.attachmentId }));

    // A name alone is not a received requirement (once post-sale knows the files that were brought).
    const named = await refusedOnceFilesKnown(a.clerk, RECEIVE, {
      i: { ...base, requirementAttachments: pairs, providedRequirements: ['ID_DOCUMENT', 'TAX_ID'] },
    });
    expect(named.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', missing: ['TAX_ID'], refusedFiles: [] });
    expect(named.message).toMatch(/a requirement counts only with its file/);
    // Another customer's file (known here, so not retryable once it arrived).
    const foreign = await refusedOnceFilesKnown(a.clerk, RECEIVE, {
      i: { ...base, requirementAttachments: [...pairs, { requirement: 'TAX_ID', attachmentId: foreignCustomers }] },
    });
    expect(foreign.extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      missing: ['TAX_ID'],
      refusedFiles: [{ document: 'TAX_ID', attachmentId: foreignCustomers, reason: 'OTHER_CUSTOMER' }],
    });
    // Another tenant's file is not known here at all: refused, and it stays so.
    const tenants = await refused(
      a.clerk,
      RECEIVE,
      { i: { ...base, requirementAttachments: [...pairs, { requirement: 'TAX_ID', attachmentId: otherTenants }] } },
      'FAILED_PRECONDITION',
    );
    expect(tenants.extensions).toMatchObject({ missing: ['TAX_ID'], refusedFiles: [{ document: 'TAX_ID', attachmentId: otherTenants, reason: 'UNKNOWN' }] });
    // Nor is a file that was never uploaded.
    const none = await refused(
      a.clerk,
      RECEIVE,
      { i: { ...base, requirementAttachments: [{ requirement: 'POWER_OF_ATTORNEY', attachmentId: `att_cus_${'0'.repeat(32)}` }] } },
      'FAILED_PRECONDITION',
    );
    expect(none.extensions).toMatchObject({ missing: ['POWER_OF_ATTORNEY'], refusedFiles: [{ reason: 'UNKNOWN' }], retryable: true });

    // Nothing was written: no request, the product holds none.
    expect((await ok(a.clerk, REQUESTS, { id: customerId })).customer.postSaleRequests.edges).toEqual([]);
    expect((await ok(a.clerk, PRODUCT, { id: productId })).installedProduct.pendingRequest).toBeNull();
    // With only its own files the request is received, waiting for the rest (the files it has count).
    const waiting = (
      await ok(
        a.clerk,
        `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { status missingRequirements requirements { requirement provided attachmentId } } } }`,
        { i: { ...base, requirementAttachments: pairs } },
      )
    ).receivePostSaleRequest.request;
    expect(waiting).toMatchObject({ status: 'WAITING_CUSTOMER', missingRequirements: ['TAX_ID', 'POWER_OF_ATTORNEY'] });
    expect(waiting.requirements.filter((c: any) => c.provided)).toEqual(pairs.map((p) => ({ ...p, provided: true })));
    // No reconciliation check here: the product is registered by hand (never billed, by design of this
    // set-up); the flow that crosses subgraphs end to end is the one above.
  });
});

describe('documents: the QGIS import points at an uploaded export', () => {
  test('a NETWORK_IMPORT upload is kept by technical support (att_tec_…), imported by its id, downloadable byte-identical; another tenant gets NOT_FOUND and imports nothing', async () => {
    const a = await setUp('qgis');
    const b = await setUp('qgisother');
    const csv = Buffer.from(
      [
        'code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps',
        'NAP-QGIS-1,NAP,FIBER,Centro,-17.3935,-66.157,500,8,2,300',
        'CAB-QGIS-2,CABINET,COPPER,Sur,-17.41,-66.16,900,40,10,20',
      ].join('\n'),
    );
    // Only who may import uploads an export; a customer id has no place on it.
    expect((await upload(a.clerk, { kind: 'NETWORK_IMPORT', customerId: '', name: 'red.csv' }, csv, 'text/csv')).status).toBe(403);
    expect((await upload(a.coordinator, { kind: 'NETWORK_IMPORT', customerId: 'cus-x', name: 'red.csv' }, csv, 'text/csv')).status).toBe(400);
    const up = await upload(a.coordinator, { kind: 'NETWORK_IMPORT', customerId: '', name: 'red-cochabamba.csv' }, csv, 'text/csv');
    expect(up.status).toBe(201);
    expect(up.json.attachment).toMatchObject({
      kind: 'NETWORK_IMPORT',
      name: 'red-cochabamba.csv',
      contentType: 'text/csv',
      size: csv.length,
      sha256: sha256(csv),
    });
    const id = up.json.attachment.id as string;
    expect(id).toMatch(/^att_tec_[0-9a-f]{32}$/);

    // Another tenant: the id is nobody's there — NOT_FOUND, nothing imported, the bytes not served.
    await refused(b.coordinator, IMPORT, { i: { format: 'CSV', attachmentId: id } }, 'NOT_FOUND');
    expect((await ok(b.coordinator, NODES)).networkNodes.edges).toEqual([]);
    expect((await download(b.coordinator, up.json.attachment.downloadPath)).status).toBe(404);
    // Exactly one of content and attachmentId.
    await refused(a.coordinator, IMPORT, { i: { format: 'CSV', attachmentId: id, content: csv.toString() } }, 'BAD_USER_INPUT');
    await refused(a.coordinator, IMPORT, { i: { format: 'CSV' } }, 'BAD_USER_INPUT');

    expect((await ok(a.coordinator, IMPORT, { i: { format: 'CSV', attachmentId: id } })).importNetworkNodes).toEqual({
      imported: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    const nodes = (await ok(a.coordinator, NODES)).networkNodes.edges.map((e: any) => e.node);
    expect(nodes).toEqual(
      expect.arrayContaining([
        { code: 'NAP-QGIS-1', kind: 'NAP', technology: 'FIBER' },
        { code: 'CAB-QGIS-2', kind: 'CABINET', technology: 'COPPER' },
      ]),
    );
    // The same file again converges: nothing changes.
    expect((await ok(a.coordinator, IMPORT, { i: { format: 'CSV', attachmentId: id } })).importNetworkNodes).toMatchObject({
      imported: 2,
      created: 0,
      unchanged: 2,
    });
    const back = await download(a.coordinator, up.json.attachment.downloadPath);
    expect(back.status).toBe(200);
    expect(back.bytes.equals(csv)).toBe(true);
    expect(back.headers.get('content-disposition')).toMatch(/^attachment;/);
  });
});
