/**
 * Attachments end to end (issue #16), through the gateway on real Kafka + Mongo-wire: a customer's
 * requirement uploaded with POST /attachments (GridFS in customers' database), downloaded
 * byte-identical and never as something a browser runs, invisible to another tenant; post-sale counts
 * a requirement brought later as received only when its file exists (customers.AttachmentStored);
 * every bad input refused with a clear error and nothing stored.
 */
import { createHash } from 'node:crypto';
import { refused, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { download, samplePdf, samplePng, tinyPng, upload, uploadRequirement } from './support/files';

let seq = 9100000 + Math.floor(Math.random() * 100000);
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const FILES = `query($id: ID!) { customer(id: $id) { attachments { id kind name contentType size sha256 createdBy downloadPath } } }`;
const REGISTER_PRODUCT = `mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id } } }`;
const RECEIVE = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id status missingRequirements } } }`;
const PROVIDE = `mutation($i: ProvideRequirementsInput!) { provideRequirements(input: $i) { request { id status missingRequirements requirements { requirement provided attachmentId } } } }`;

async function setUp(label: string) {
  const tenant = uniqueTenant(label);
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: `clerk-${label}` });
  const admin = await tokenFor(tenant, ['ADMIN'], { sub: `admin-${label}` });
  const customerId = (await ok(admin, REGISTER, { i: { kind: 'BUSINESS', name: `Documentos ${label} SRL`, taxId: String(++seq) } })).registerCustomer.customer
    .id as string;
  return { tenant, clerk, admin, customerId };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('documents: attachments through the gateway', () => {
  test('upload a requirement, download it byte-identical as an attachment (nosniff), listed on the customer; another tenant gets NOT_FOUND', async () => {
    const a = await setUp('att');
    const bytes = samplePdf();
    const up = await upload(a.clerk, { kind: 'REQUIREMENT', customerId: a.customerId, name: 'Carnet de identidad ñandú.pdf' }, bytes, 'application/pdf');
    expect(up.status).toBe(201);
    const att = up.json.attachment;
    expect(att).toMatchObject({
      kind: 'REQUIREMENT',
      name: 'Carnet de identidad ñandú.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      customerId: a.customerId,
    });
    expect(att.id).toMatch(/^att_cus_[0-9a-f]{32}$/);
    expect(att.downloadPath).toBe(`/attachments/${att.id}`);

    const got = await download(a.clerk, att.downloadPath);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');

    const listed = (await ok(a.clerk, FILES, { id: a.customerId })).customer.attachments;
    expect(listed).toEqual([
      {
        id: att.id,
        kind: 'REQUIREMENT',
        name: att.name,
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        createdBy: 'clerk-att',
        downloadPath: att.downloadPath,
      },
    ]);

    // Another tenant: the same id is not found (not FORBIDDEN: nothing tells it the file exists).
    const other = await tokenFor(uniqueTenant('att-other'), ['ADMIN']);
    const stranger = await download(other, att.downloadPath);
    expect(stranger.status).toBe(404);
    expect(stranger.json.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(stranger.bytes.includes(bytes.subarray(0, 64))).toBe(false);
    // Without credentials: 401 before any subgraph is asked.
    const anonymous = await fetch(new URL(att.downloadPath, testStack().gatewayUrl));
    expect(anonymous.status).toBe(401);
  });

  test("bad input: empty, oversized, wrong type, a file claiming another type, unknown kind, another tenant's customer → clear errors, nothing stored", async () => {
    const a = await setUp('bad');
    const b = await setUp('bad-b');
    const params = { kind: 'REQUIREMENT', customerId: a.customerId, name: 'doc.pdf' };
    const refusedWith = async (status: number, code: string, answer: Promise<Awaited<ReturnType<typeof upload>>>, message: RegExp) => {
      const r = await answer;
      expect({ status: r.status, code: r.json?.errors?.[0]?.extensions?.code }).toEqual({ status, code });
      expect(r.json.errors[0].message).toMatch(message);
    };
    await refusedWith(400, 'BAD_USER_INPUT', upload(a.clerk, params, Buffer.alloc(0), 'application/pdf'), /empty/);
    // 10 MiB is a requirement's limit; one byte more is refused by customers (the gateway passes up to the largest kind's).
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 - 8, 0x20)]);
    await refusedWith(413, 'BAD_USER_INPUT', upload(a.clerk, params, big, 'application/pdf'), /at most 10485760 bytes/);
    await refusedWith(
      400,
      'BAD_USER_INPUT',
      upload(a.clerk, params, Buffer.from('plan;monto\nINET-50;150.00\n'), 'text/csv'),
      /REQUIREMENT file must be PDF, JPEG, PNG; this one is CSV/,
    );
    await refusedWith(400, 'BAD_USER_INPUT', upload(a.clerk, params, Buffer.from('MZ\x90\x00 not a document'), 'application/pdf'), /none of them/);
    await refusedWith(400, 'BAD_USER_INPUT', upload(a.clerk, params, samplePdf(), 'image/png'), /says it is image\/png but its content is application\/pdf/);
    await refusedWith(
      400,
      'BAD_USER_INPUT',
      upload(a.clerk, { ...params, name: 'logo.png' }, samplePng(), 'application/pdf'),
      /says it is application\/pdf but its content is image\/png/,
    );
    await refusedWith(400, 'BAD_USER_INPUT', upload(a.clerk, { ...params, kind: 'EXECUTABLE' }, samplePdf(), 'application/pdf'), /kind must be one of/);
    await refusedWith(400, 'BAD_USER_INPUT', upload(a.clerk, { ...params, name: '../../etc/passwd' }, samplePdf(), 'application/pdf'), /no path/);
    await refusedWith(404, 'NOT_FOUND', upload(a.clerk, { ...params, customerId: b.customerId }, samplePdf(), 'application/pdf'), /not found/);
    const reporting = await tokenFor(a.tenant, ['REPORTING'], { scopes: ['read', 'reporting'] });
    await refusedWith(403, 'FORBIDDEN', upload(reporting, params, samplePdf(), 'application/pdf'), /write/);
    // A chunked upload (no content-length) past the largest kind's limit is cut by the gateway itself.
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('%PDF-1.4\n'));
        if (sent++ < 21) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${new URL('/', testStack().gatewayUrl).toString()}attachments?kind=NETWORK_IMPORT&customerId=${a.customerId}&name=big.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.clerk}`, 'content-type': 'text/csv' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const malformed = await download(a.clerk, '/attachments/att_cus_nothing');
    expect(malformed.status).toBe(404);

    // Nothing of the above was stored, in either tenant.
    expect((await ok(a.clerk, FILES, { id: a.customerId })).customer.attachments).toEqual([]);
    expect((await ok(b.clerk, FILES, { id: b.customerId })).customer.attachments).toEqual([]);
  });
});

describe('documents: a requirement counts as received only when its file exists', () => {
  test("provideRequirements: names alone refused, another customer's file refused, uploaded files → RECEIVED with each file on its requirement", async () => {
    const a = await setUp('req');
    const other = (await ok(a.admin, REGISTER, { i: { kind: 'BUSINESS', name: 'Otro Cliente SRL', taxId: String(++seq) } })).registerCustomer.customer
      .id as string;
    const productId = await waitFor('post-sale to know the customer', async () => {
      const r = await execute<any>(
        REGISTER_PRODUCT,
        {
          i: {
            customerId: a.customerId,
            planCode: 'FIJA-1',
            family: 'FIXED_LINE',
            serviceNumber: `44${++seq}`,
            installationAddress: 'Calle Sucre 10, Cochabamba',
            technology: 'COPPER',
            monthlyFee: '80.00',
          },
        },
        { token: a.admin },
      );
      return r.errors?.length ? undefined : (r.data.registerInstalledProduct.installedProduct.id as string);
    });
    const request = (
      await ok(a.clerk, RECEIVE, {
        i: {
          type: 'SUPPLEMENTARY_SERVICE',
          customerId: a.customerId,
          installedProductId: productId,
          channel: 'WHATSAPP',
          providedRequirements: [],
          supplementaryService: { service: 'CALL_WAITING', action: 'ENABLE' },
        },
      })
    ).receivePostSaleRequest.request;
    expect(request).toMatchObject({ status: 'WAITING_CUSTOMER', missingRequirements: ['ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'] });

    // A name without its file is not a received requirement.
    await refused(a.clerk, PROVIDE, { i: { requestId: request.id, provided: ['ID_DOCUMENT'] } }, 'BAD_USER_INPUT');
    // Another customer's file does not prove this customer's requirement (once post-sale knows the file).
    const foreign = await uploadRequirement(a.clerk, other, 'carnet-otro.pdf');
    const foreignAnswer = await waitFor("post-sale to know the other customer's file", async () => {
      const r = await execute<any>(
        PROVIDE,
        { i: { requestId: request.id, attachments: [{ requirement: 'ID_DOCUMENT', attachmentId: foreign }] } },
        { token: a.clerk },
      );
      const message = r.errors?.[0]?.message ?? '';
      return message.includes('not known here') ? undefined : r;
    });
    expect(foreignAnswer.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    expect(foreignAnswer.errors?.[0]?.message).toMatch(/not a file of customer/);

    const idCard = await uploadRequirement(a.clerk, a.customerId, 'carnet.pdf');
    const first = await waitFor('post-sale to know the uploaded file', async () => {
      const r = await execute<any>(
        PROVIDE,
        { i: { requestId: request.id, attachments: [{ requirement: 'ID_DOCUMENT', attachmentId: idCard }] } },
        { token: a.clerk },
      );
      if (r.errors?.[0]?.extensions?.code === 'FAILED_PRECONDITION') return undefined; // the event is still travelling
      return r;
    });
    expect(first.errors).toBeUndefined();
    expect(first.data.provideRequirements.request).toMatchObject({ status: 'WAITING_CUSTOMER', missingRequirements: ['TAX_ID', 'POWER_OF_ATTORNEY'] });

    const taxId = await uploadRequirement(a.clerk, a.customerId, 'nit.pdf');
    const power = await uploadRequirement(a.clerk, a.customerId, 'poder.pdf');
    const done = await waitFor('post-sale to know both files', async () => {
      const r = await execute<any>(
        PROVIDE,
        {
          i: {
            requestId: request.id,
            attachments: [
              { requirement: 'TAX_ID', attachmentId: taxId },
              { requirement: 'POWER_OF_ATTORNEY', attachmentId: power },
            ],
          },
        },
        { token: a.clerk },
      );
      return r.errors?.[0]?.extensions?.code === 'FAILED_PRECONDITION' ? undefined : r;
    });
    expect(done.errors).toBeUndefined();
    expect(done.data.provideRequirements.request).toMatchObject({
      status: 'RECEIVED',
      missingRequirements: [],
      requirements: [
        { requirement: 'ID_DOCUMENT', provided: true, attachmentId: idCard },
        { requirement: 'TAX_ID', provided: true, attachmentId: taxId },
        { requirement: 'POWER_OF_ATTORNEY', provided: true, attachmentId: power },
      ],
    });
  });
});

describe("documents: the tenant's letterhead logo", () => {
  test('an ADMIN uploads a LOGO (no customer), configures it with tax id and address; a policy change keeps them; wrong files refused', async () => {
    const a = await setUp('logo');
    const TENANT = `{ tenant { version taxId address logoAttachmentId } }`;
    const CONFIGURE = `mutation($i: ConfigureTenantInput!) { configureTenant(input: $i) { tenant { version taxId address logoAttachmentId } } }`;
    const png = tinyPng();
    const answer = await upload(a.admin, { kind: 'LOGO', customerId: '', name: 'logo.png' }, png, 'image/png');
    expect(answer.status).toBe(201);
    const logo = answer.json.attachment;
    expect(logo).toMatchObject({ kind: 'LOGO', contentType: 'image/png', size: png.length, customerId: null });
    expect((await upload(a.clerk, { kind: 'LOGO', customerId: '', name: 'logo.png' }, png, 'image/png')).status).toBe(403); // only the ADMIN
    expect((await upload(a.admin, { kind: 'LOGO', customerId: a.customerId, name: 'logo.png' }, png, 'image/png')).status).toBe(400); // not a customer's
    expect((await upload(a.admin, { kind: 'LOGO', customerId: '', name: 'big.png' }, Buffer.concat([png, Buffer.alloc(256 * 1024)]), 'image/png')).status).toBe(
      413,
    );
    expect((await download(a.admin, logo.downloadPath)).bytes.equals(png)).toBe(true);

    const requirement = await uploadRequirement(a.clerk, a.customerId, 'carnet.pdf');
    await refused(a.admin, CONFIGURE, { i: { expectedVersion: 0, logoAttachmentId: requirement } }, 'BAD_USER_INPUT');
    await refused(a.admin, CONFIGURE, { i: { expectedVersion: 0, logoAttachmentId: 'att_cus_00000000000000000000000000000000' } }, 'NOT_FOUND');
    expect((await ok(a.admin, TENANT)).tenant).toMatchObject({ version: 0, logoAttachmentId: null });

    const configured = (
      await ok(a.admin, CONFIGURE, { i: { expectedVersion: 0, taxId: '1020304050', address: 'Calle Jordán 250, Cochabamba', logoAttachmentId: logo.id } })
    ).configureTenant.tenant;
    expect(configured).toEqual({ version: 1, taxId: '1020304050', address: 'Calle Jordán 250, Cochabamba', logoAttachmentId: logo.id });
    // A policy change re-publishes the snapshot: the letterhead stays.
    await ok(a.admin, `mutation($i: UpdateTenantPolicyInput!) { updateTenantPolicy(input: $i) { tenant { version } } }`, {
      i: { expectedVersion: 1, maxSuspensionMonths: 5 },
    });
    expect((await ok(a.admin, TENANT)).tenant).toEqual({ version: 2, taxId: '1020304050', address: 'Calle Jordán 250, Cochabamba', logoAttachmentId: logo.id });
  });
});

describe("documents: a billing claim's evidence is the customer's files", () => {
  test("registerBillingClaim with evidence: another customer's file refused FAILED_PRECONDITION (nothing registered), the customer's files listed on the claim", async () => {
    const a = await setUp('claim');
    const other = (await ok(a.admin, REGISTER, { i: { kind: 'BUSINESS', name: 'Vecino SRL', taxId: String(++seq) } })).registerCustomer.customer.id as string;
    const erp = await tokenFor(a.tenant, ['PARTNER'], { sub: 'erp-claim', scopes: ['read', 'write', 'billing:write'] });
    const accountId = await waitFor('collections to know the customer', async () => {
      const r = await execute<any>(
        `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }`,
        { i: { customerId: a.customerId, currency: 'BOB' } },
        { token: a.clerk },
      );
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
    });
    const invoiceId = (
      await ok(erp, `mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { invoice { id } } }`, {
        i: {
          billingAccountId: accountId,
          externalId: 'ERP-CLAIM-1',
          period: '2026-01',
          dueDate: '2026-02-10',
          total: '120.00',
          lines: [{ kind: 'PLAN_FEE', description: 'Plan', amount: '120.00' }],
        },
      })
    ).importInvoice.invoice.id as string;
    const photo = await upload(a.clerk, { kind: 'CLAIM_EVIDENCE', customerId: a.customerId, name: 'captura.png' }, samplePng(), 'image/png');
    const statement = await upload(
      a.clerk,
      { kind: 'CLAIM_EVIDENCE', customerId: a.customerId, name: 'extracto.csv' },
      Buffer.from('fecha;monto\n2026-01-10;120.00\n'),
      'text/csv',
    );
    const foreign = await uploadRequirement(a.clerk, other, 'otro.pdf');
    expect([photo.status, statement.status]).toEqual([201, 201]);
    const REGISTER_CLAIM = `mutation($i: RegisterBillingClaimInput!) { registerBillingClaim(input: $i) { billingClaim { id evidence { attachmentId name contentType } } } }`;

    const refusedForeign = await waitFor("collections to know the other customer's file", async () => {
      const r = await execute<any>(
        REGISTER_CLAIM,
        { i: { invoiceId, description: 'Cobro duplicado del plan', evidenceAttachmentIds: [photo.json.attachment.id, foreign] } },
        { token: a.clerk },
      );
      return r.errors?.[0]?.message?.includes('not known here') ? undefined : r;
    });
    expect(refusedForeign.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    expect(refusedForeign.errors?.[0]?.message).toMatch(/not a file of customer/);

    const registered = await waitFor("collections to know the customer's files", async () => {
      const r = await execute<any>(
        REGISTER_CLAIM,
        { i: { invoiceId, description: 'Cobro duplicado del plan', evidenceAttachmentIds: [photo.json.attachment.id, statement.json.attachment.id] } },
        { token: a.clerk },
      );
      return r.errors?.[0]?.message?.includes('not known here') ? undefined : r;
    });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.registerBillingClaim.billingClaim.evidence).toEqual([
      { attachmentId: photo.json.attachment.id, name: 'captura.png', contentType: 'image/png' },
      { attachmentId: statement.json.attachment.id, name: 'extracto.csv', contentType: 'text/csv' },
    ]);
  });
});
