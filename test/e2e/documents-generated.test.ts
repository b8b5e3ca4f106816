/**
 * Generated documents end to end (issue #16): the pro-forma invoice (Invoice.document) and the overdue
 * letter (BillingAccount.overdueLetter) produced by collections from its own data, stored with the
 * entity version, downloaded through GET /documents/:id and read back as text: the customer's name,
 * the amounts to the cent in the tenant's format, the dates of the case, a sane page count.
 */
import { refused, stackBus, testEvent, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { download, okOnceFilesKnown, pdfText, postsaleRequirementFiles, uploadRequirement, uploadRequirements } from './support/files';

const bus = stackBus();

let seq = 9300000 + Math.floor(Math.random() * 100000);
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id accountNumber } } }`;
const IMPORT = `mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { invoice { id number } } }`;
const DOC_FIELDS = `id documentType name contentType size sha256 entityVersion downloadPath`;
const INVOICE_DOC = `query($id: ID!) { invoice(id: $id) { document { ${DOC_FIELDS} } } }`;
const LETTER = `query($id: ID!) { billingAccount(id: $id) { standing overdueLetter { ${DOC_FIELDS} } } }`;

async function setUp(label: string) {
  const tenant = uniqueTenant(label);
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: `clerk-${label}` });
  const erp = await tokenFor(tenant, ['PARTNER'], { sub: `erp-${label}`, scopes: ['read', 'write', 'billing:write'] });
  const customerName = `Ferretería Núñez ${label} SRL`;
  const customerId = (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(++seq) } })).registerCustomer.customer.id as string;
  const open = () =>
    waitFor('collections to know the customer', async () => {
      const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: clerk });
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount as { id: string; accountNumber: string });
    });
  return { tenant, clerk, erp, customerName, customerId, open };
}

const line = (kind: string, description: string, amount: string) => ({ kind, description, amount });

describe('documents: generated PDFs (collections)', () => {
  test('pro-forma invoice: customer, lines and total to the cent (Bs, es-BO), period and due date; same version → same document; another tenant NOT_FOUND', async () => {
    const s = await setUp('pf');
    // The letterhead's tax id and address are tenant settings (customers.TenantPolicyChanged carries them).
    const admin = await tokenFor(s.tenant, ['ADMIN']);
    const configured = (
      await ok(admin, `mutation($i: ConfigureTenantInput!) { configureTenant(input: $i) { tenant { name taxId address } } }`, {
        i: { expectedVersion: 0, name: 'Cooperativa Ñandutí', taxId: '1020304050', address: 'Calle Jordán 250, Cochabamba' },
      })
    ).configureTenant.tenant;
    expect(configured).toEqual({ name: 'Cooperativa Ñandutí', taxId: '1020304050', address: 'Calle Jordán 250, Cochabamba' });
    const account = await s.open();
    const invoice = (
      await ok(s.erp, IMPORT, {
        i: {
          billingAccountId: account.id,
          externalId: 'ERP-PF-1',
          period: '2026-01',
          dueDate: '2026-02-10',
          total: '1345.67',
          lines: [line('PLAN_FEE', 'Plan empresarial 100 Mbps', '1300.00'), line('EXCESS_CABLE', 'Cable excedente 15 m', '45.67')],
        },
      })
    ).importInvoice.invoice;

    const doc = (await ok(s.clerk, INVOICE_DOC, { id: invoice.id })).invoice.document;
    expect(doc).toMatchObject({ documentType: 'PROFORMA_INVOICE', contentType: 'application/pdf', entityVersion: 1, downloadPath: `/documents/${doc.id}` });
    expect(doc.id).toMatch(/^doc_col_[0-9a-f]{32}$/);
    const again = (await ok(s.clerk, INVOICE_DOC, { id: invoice.id })).invoice.document;
    expect(again).toEqual(doc);

    const file = await download(s.clerk, doc.downloadPath);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain(`factura-proforma-${invoice.number}.pdf`);
    expect(file.bytes.length).toBe(doc.size);
    const { text, pages } = await pdfText(file.bytes);
    expect(pages).toBe(1);
    expect(text).toContain('Factura pro-forma');
    expect(text).toContain(s.customerName);
    expect(text).toContain(invoice.number);
    expect(text).toContain(account.accountNumber);
    expect(text).toMatch(/Bs 1\.300,00/);
    expect(text).toMatch(/Bs 45,67/);
    expect(text).toMatch(/Bs 1\.345,67/);
    expect(text).toContain('10/02/2026'); // due date
    expect(text).toContain('enero de 2026'); // period

    const other = await tokenFor(uniqueTenant('pf-other'), ['ADMIN']);
    const stranger = await download(other, doc.downloadPath);
    expect(stranger.status).toBe(404);
    expect(stranger.json.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  test('overdue letter: each overdue invoice with what is owed, the total, the due dates; an account not OVERDUE → FAILED_PRECONDITION, nothing generated', async () => {
    const s = await setUp('mora');
    const account = await s.open();
    const upToDate = await s.open();
    await refused(s.clerk, `query($id: ID!) { billingAccount(id: $id) { overdueLetter { id } } }`, { id: upToDate.id }, 'FAILED_PRECONDITION');

    const imp = (externalId: string, period: string, dueDate: string, amount: string) =>
      ok(s.erp, IMPORT, { i: { billingAccountId: account.id, externalId, period, dueDate, total: amount, lines: [line('PLAN_FEE', 'Plan', amount)] } });
    const jan = (await imp('ERP-M-1', '2026-01', '2026-02-01', '250.50')).importInvoice.invoice;
    const feb = (await imp('ERP-M-2', '2026-02', '2026-03-01', '99.99')).importInvoice.invoice;

    const answer = (await ok(s.clerk, LETTER, { id: account.id })).billingAccount;
    expect(answer.standing).toBe('OVERDUE');
    const letter = answer.overdueLetter;
    expect(letter).toMatchObject({ documentType: 'OVERDUE_LETTER', contentType: 'application/pdf' });
    expect(letter.entityVersion).toBeGreaterThan(0);
    expect((await ok(s.clerk, LETTER, { id: account.id })).billingAccount.overdueLetter).toEqual(letter);

    const file = await download(s.clerk, letter.downloadPath);
    expect(file.status).toBe(200);
    const { text, pages } = await pdfText(file.bytes);
    expect(pages).toBe(1);
    expect(text).toContain('Carta de información de mora');
    expect(text).toContain(s.customerName);
    expect(text).toContain(jan.number);
    expect(text).toContain(feb.number);
    expect(text).toMatch(/Bs 250,50/);
    expect(text).toMatch(/Bs 99,99/);
    expect(text).toMatch(/Bs 350,49/);
    expect(text).toContain('01/02/2026');
    expect(text).toContain('01/03/2026');
  });
});

describe('documents: generated PDFs (sales)', () => {
  const HERE = { latitude: -17.3935, longitude: -66.157 };
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const pm = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { saleProject { id status version } } }`;
  const OFFER_LETTER = `query($id: ID!) { saleProject(id: $id) { version offerLetter { ${DOC_FIELDS} } } }`;
  const ORDER_FORM = `query($id: ID!) { salesOrder(id: $id) { version orderForm { ${DOC_FIELDS} } } }`;

  test('offer letter (FAILED_PRECONDITION before an offer; lines, totals, validity) and order form (lines, documents presented, two of them as files that must exist); a new version → a new document', async () => {
    const tenant = uniqueTenant('offer');
    const [exec, lead, clerk, director, coordinator] = await Promise.all([
      tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-1' }),
      tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-1' }),
      tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' }),
      tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-1' }),
      tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-1' }),
    ]);
    const csv = `code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps\nNAP-DOC-1,NAP,FIBER,Centro,${HERE.latitude},${HERE.longitude},500,8,2,300`;
    await ok(coordinator, `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported } }`, { i: { format: 'CSV', content: csv } });
    await ok(director, `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { code } } }`, {
      i: {
        code: 'FIB-200',
        name: 'Fibra 200 Empresas',
        family: 'INTERNET',
        technology: 'FIBER',
        speedMbps: 200,
        monthlyFee: '1250.40',
        installationCost: '99.95',
        minimumPermanenceMonths: 12,
      },
    });
    const customerName = 'Panadería Ñusta SRL';
    const customerId = (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(++seq) } })).registerCustomer.customer
      .id as string;
    const draftInput = {
      customerId,
      kind: 'NEW_CAPTURE',
      needs: 'Internet para la planta',
      items: [{ planCode: 'FIB-200' }],
      installationAddress: 'Av. América 1200',
      location: HERE,
    };
    let p = await waitFor('sales to know the customer', async () => {
      const r = await execute<any>(pm('draftSaleProject', 'DraftSaleProjectInput'), { i: draftInput }, { token: exec });
      return r.errors ? undefined : r.data.draftSaleProject.saleProject;
    });
    await refused(exec, `query($id: ID!) { saleProject(id: $id) { offerLetter { id } } }`, { id: p.id }, 'FAILED_PRECONDITION');

    p = (await ok(lead, pm('approveSaleProject', 'ProjectActInput'), { i: { projectId: p.id, expectedVersion: p.version } })).approveSaleProject.saleProject;
    p = await waitFor('sales to learn the coverage', async () => {
      p = (await ok(clerk, pm('checkSaleProjectFeasibility', 'ProjectActInput'), { i: { projectId: p.id, expectedVersion: p.version } }))
        .checkSaleProjectFeasibility.saleProject;
      return p.status === 'FEASIBLE' ? p : undefined;
    });
    const validUntil = inDays(15);
    p = (
      await ok(exec, pm('makeCommercialOffer', 'MakeCommercialOfferInput'), {
        i: { projectId: p.id, expectedVersion: p.version, validUntil, channel: 'EMAIL' },
      })
    ).makeCommercialOffer.saleProject;

    const offered = (await ok(exec, OFFER_LETTER, { id: p.id })).saleProject;
    expect(offered.offerLetter).toMatchObject({ documentType: 'OFFER_LETTER', entityVersion: offered.version });
    const letter = await pdfText((await download(exec, offered.offerLetter.downloadPath)).bytes);
    expect(letter.pages).toBe(1);
    expect(letter.text).toContain('Oferta comercial');
    expect(letter.text).toContain(customerName);
    expect(letter.text).toContain('FIB-200');
    expect(letter.text).toMatch(/Bs 1\.250,40/);
    expect(letter.text).toMatch(/Bs 99,95/);
    expect(letter.text).toContain(`${validUntil.slice(8, 10)}/${validUntil.slice(5, 7)}/${validUntil.slice(0, 4)}`);

    // R-SAL-2 with files: every requirement document is the customer's uploaded file, known to sales.
    const files = await uploadRequirements(clerk, customerId, ['REQUEST_LETTER', 'LEGAL_REPRESENTATIVE_ID', 'TAX_ID', 'POWER_OF_ATTORNEY']);
    p = (
      await okOnceFilesKnown(exec, pm('acceptCommercialOffer', 'AcceptCommercialOfferInput'), {
        i: { projectId: p.id, expectedVersion: p.version, backingAttachments: files },
      })
    ).acceptCommercialOffer.saleProject;
    const accepted = (await ok(exec, OFFER_LETTER, { id: p.id })).saleProject;
    expect(accepted.offerLetter.entityVersion).toBe(accepted.version);
    expect(accepted.offerLetter.id).not.toBe(offered.offerLetter.id);

    // At entry the same files are presented: names alone are missing documents, and another customer's
    // file never counts (R-SAL-2, once sales knows that file: until then it is "not known here", retryable).
    const lines = [{ planCode: 'FIB-200', monthlyFee: '1250.40', installationCost: '99.95' }];
    const otherCustomer = (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name: 'Otra Empresa SRL', taxId: String(++seq) } })).registerCustomer.customer
      .id as string;
    const foreign = await uploadRequirement(clerk, otherCustomer, 'nit-otra.pdf');
    const ENTER = `mutation($i: EnterSalesOrderInput!) { enterSalesOrder(input: $i) { salesOrder { id version requirementDocuments requirementAttachments { document attachmentId } } } }`;
    const enterWith = (attachments: typeof files) =>
      execute<any>(ENTER, { i: { projectId: p.id, expectedVersion: p.version, lines, requirementAttachments: attachments } }, { token: clerk });
    const namesOnly = await execute<any>(
      ENTER,
      { i: { projectId: p.id, expectedVersion: p.version, lines, requirementDocuments: files.map((f) => f.document) } },
      { token: clerk },
    );
    expect(namesOnly.errors?.[0]?.extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      rule: 'R-SAL-2',
      missing: ['REQUEST_LETTER', 'TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY'],
    });
    const foreignAnswer = await waitFor("sales to know the other customer's file", async () => {
      const r = await enterWith([...files.slice(0, 3), { document: 'POWER_OF_ATTORNEY', attachmentId: foreign }]);
      return r.errors?.[0]?.extensions?.retryable ? undefined : r;
    });
    expect(foreignAnswer.errors?.[0]?.extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      rule: 'R-SAL-2',
      missing: ['POWER_OF_ATTORNEY'],
      refusedFiles: [{ document: 'POWER_OF_ATTORNEY', attachmentId: foreign, reason: 'OTHER_CUSTOMER' }],
    });
    const order = (await okOnceFilesKnown(clerk, ENTER, { i: { projectId: p.id, expectedVersion: p.version, lines, requirementAttachments: files } }))
      .enterSalesOrder.salesOrder;
    expect(order.requirementDocuments).toEqual(['REQUEST_LETTER', 'LEGAL_REPRESENTATIVE_ID', 'TAX_ID', 'POWER_OF_ATTORNEY']);
    expect(order.requirementAttachments).toEqual(files);
    const asked = (await ok(clerk, ORDER_FORM, { id: order.id })).salesOrder;
    const form = asked.orderForm;
    expect(form).toMatchObject({ documentType: 'ORDER_FORM', entityVersion: asked.version });
    const { text, pages } = await pdfText((await download(clerk, form.downloadPath)).bytes);
    expect(pages).toBe(1);
    expect(text).toContain('Solicitud de pedido');
    expect(text).toContain(customerName);
    expect(text).toContain('Av. América 1200');
    expect(text).toMatch(/Bs 1\.250,40/);
    expect(text).toContain('POWER_OF_ATTORNEY');
    const today = new Intl.DateTimeFormat('es-BO', { timeZone: 'America/La_Paz', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(text).toContain(today);
  });
});

describe('documents: generated PDFs (postsale)', () => {
  const RECEIVE = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id status } } }`;
  const ENTER = `mutation($i: EnterPostSaleRequestInput!) { enterPostSaleRequest(input: $i) { request { id status } } }`;
  const RETENTION = `mutation($i: RecordRetentionOfferInput!) { recordRetentionOffer(input: $i) { request { id status } } }`;
  const REQ = `query($id: ID!) { postSaleRequest(id: $id) { id status receivedOn
    callDetail { months chargeableMonths price { amount } }
    withdrawal { effectiveDate penalty { amount } finalBilling { days daysInMonth amount { amount } } equipment { code condition receivable { amount } } } } }`;
  const CALL_REPORT = `query($id: ID!) { postSaleRequest(id: $id) { callDetailReport { ${DOC_FIELDS} } } }`;
  const SETTLEMENT = `query($id: ID!) { postSaleRequest(id: $id) { withdrawalSettlement { ${DOC_FIELDS} } } }`;
  // "1234.50" → "Bs 1.234,50": es-BO written out by hand, independent of the service's Intl.
  const bs = (amount: string) => {
    const [whole, cents] = amount.split('.') as [string, string];
    return `Bs ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
  };
  const ddmmyyyy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

  test('service contract summary, call-detail report (entered CALL_DETAIL only) and withdrawal settlement (final bill, penalty, equipment; a new version once the equipment is back)', async () => {
    const tenant = uniqueTenant('ps-doc');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' });
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-1' });
    const customerName = 'Consultora Quispe & Mamani SRL';
    const customerId = (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(++seq) } })).registerCustomer.customer
      .id as string;
    const product = (over: Record<string, unknown>) =>
      waitFor('post-sale to know the customer', async () => {
        const r = await execute<any>(
          `mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id serviceNumber } } }`,
          { i: { customerId, installationAddress: 'Calle Ayacucho 45', technology: 'COPPER', serviceNumber: `4-42${++seq}`, ...over } },
          { token: clerk },
        );
        return r.errors?.length ? undefined : (r.data.registerInstalledProduct.installedProduct as { id: string; serviceNumber: string });
      });
    const line = await product({ planCode: 'FIJA-1', family: 'FIXED_LINE', monthlyFee: '1080.00', minimumPermanenceMonths: 12 });

    // The service contract summary, as the product stands.
    const installed = (
      await ok(clerk, `query($id: ID!) { installedProduct(id: $id) { installationDate minimumPermanenceEnd contractSummary { ${DOC_FIELDS} } } }`, {
        id: line.id,
      })
    ).installedProduct;
    expect(installed.contractSummary).toMatchObject({ documentType: 'SERVICE_CONTRACT_SUMMARY', contentType: 'application/pdf' });
    const contract = await pdfText((await download(clerk, installed.contractSummary.downloadPath)).bytes);
    expect(contract.pages).toBe(1);
    expect(contract.text).toContain('Resumen del contrato de servicio');
    expect(contract.text).toContain(customerName);
    expect(contract.text).toContain(`Número de servicio: ${line.serviceNumber}`);
    expect(contract.text).toContain('Plan: FIJA-1 (FIXED_LINE)');
    expect(contract.text).toContain(`Tarifa mensual: ${bs('1080.00')}`);
    expect(contract.text).toContain(`Fecha de instalación: ${ddmmyyyy(installed.installationDate)}`);
    expect(contract.text).toContain(`Permanencia mínima hasta: ${ddmmyyyy(installed.minimumPermanenceEnd)}`);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz' }).format(new Date()).slice(0, 7);
    const prev = (n: number) => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
    };

    const calls = (
      await ok(clerk, RECEIVE, {
        i: {
          type: 'CALL_DETAIL',
          customerId,
          installedProductId: line.id,
          channel: 'IN_PERSON',
          requirementAttachments: await postsaleRequirementFiles(clerk, customerId),
          callDetail: { months: [month, prev(1), prev(2)], carrier: 'OWN', deliveryChannel: 'WHATSAPP' },
        },
      })
    ).receivePostSaleRequest.request;
    await refused(clerk, `query($id: ID!) { postSaleRequest(id: $id) { callDetailReport { id } } }`, { id: calls.id }, 'FAILED_PRECONDITION'); // not entered yet
    await ok(clerk, ENTER, { i: { requestId: calls.id } });
    await refused(clerk, `query($id: ID!) { postSaleRequest(id: $id) { withdrawalSettlement { id } } }`, { id: calls.id }, 'FAILED_PRECONDITION'); // not a withdrawal
    const req = (await ok(clerk, REQ, { id: calls.id })).postSaleRequest;
    const report = (await ok(clerk, CALL_REPORT, { id: calls.id })).postSaleRequest;
    expect(report.callDetailReport).toMatchObject({ documentType: 'CALL_DETAIL_REPORT', contentType: 'application/pdf' });
    expect((await ok(clerk, CALL_REPORT, { id: calls.id })).postSaleRequest.callDetailReport).toEqual(report.callDetailReport);
    const callText = await pdfText((await download(clerk, report.callDetailReport.downloadPath)).bytes);
    expect(callText.pages).toBe(1);
    expect(callText.text).toContain('Detalle de llamadas');
    expect(callText.text).toContain(customerName);
    expect(callText.text).toContain(line.serviceNumber);
    expect(callText.text).toContain('WhatsApp');
    expect(req.callDetail.price.amount).toBe('24.00');
    expect(callText.text).toContain(`Total a facturar ${bs(req.callDetail.price.amount)}`);
    expect(callText.text.split(bs('12.00')).length - 1).toBe(2); // the two previous months, 12.00 each
    expect(callText.text).toContain(ddmmyyyy(req.receivedOn));

    // A withdrawal: retention declined, entered with its equipment pending, then the equipment comes back damaged.
    const inet = await product({ planCode: 'INET-50', family: 'INTERNET', monthlyFee: '150.00' });
    const wd = (
      await ok(clerk, RECEIVE, {
        i: {
          type: 'WITHDRAWAL',
          customerId,
          installedProductId: inet.id,
          channel: 'EMAIL',
          requirementAttachments: await postsaleRequirementFiles(clerk, customerId),
          withdrawal: { reason: 'Cierra la sucursal', equipment: [{ code: 'MODEM-7', description: 'Módem ADSL', value: '275.30' }] },
        },
      })
    ).receivePostSaleRequest.request;
    await refused(clerk, `query($id: ID!) { postSaleRequest(id: $id) { withdrawalSettlement { id } } }`, { id: wd.id }, 'FAILED_PRECONDITION'); // not entered yet
    await ok(exec, RETENTION, { i: { requestId: wd.id, offer: 'Dos meses a mitad de precio', accepted: false } });
    await ok(clerk, ENTER, { i: { requestId: wd.id, acceptEarlyTerminationPenalty: true } });
    const entered = (await ok(clerk, REQ, { id: wd.id })).postSaleRequest;
    const first = (await ok(clerk, SETTLEMENT, { id: wd.id })).postSaleRequest;
    expect(first.withdrawalSettlement).toMatchObject({ documentType: 'WITHDRAWAL_SETTLEMENT', contentType: 'application/pdf' });
    const firstText = await pdfText((await download(clerk, first.withdrawalSettlement.downloadPath)).bytes);
    expect(firstText.pages).toBe(1);
    expect(firstText.text).toContain('Liquidación de retiro de servicio');
    expect(firstText.text).toContain(customerName);
    expect(firstText.text).toContain('Cierra la sucursal');
    expect(firstText.text).toContain(ddmmyyyy(entered.withdrawal.effectiveDate));
    const fb = entered.withdrawal.finalBilling;
    expect(firstText.text).toContain(`${fb.days} de ${fb.daysInMonth} días ${bs(fb.amount.amount)}`);
    expect(firstText.text).toContain('Pendiente de devolución');
    expect(firstText.text).toContain(bs('275.30'));

    // The retrieval closes with the modem damaged: a new version of the request, a new settlement with the receivable.
    await bus.publish(
      testEvent('techsupport', 'techsupport.WorkOrderClosed', tenant, `wo-${wd.id}`, {
        workOrderId: `wo-${wd.id}`,
        customerId,
        type: 'EQUIPMENT_RETRIEVAL',
        requestId: wd.id,
        installedProductId: inet.id,
        closedAt: new Date().toISOString(),
        outcome: 'CLOSED_RESOLVED',
        equipmentReturned: [{ code: 'MODEM-7', condition: 'DAMAGED' }],
      }),
    );
    await waitFor('the equipment settled', async () => {
      const r = (await ok(clerk, REQ, { id: wd.id })).postSaleRequest;
      return r.withdrawal.equipment[0]?.condition === 'DAMAGED' ? r : undefined;
    });
    const second = (await ok(clerk, SETTLEMENT, { id: wd.id })).postSaleRequest;
    expect(second.withdrawalSettlement.entityVersion).toBeGreaterThan(first.withdrawalSettlement.entityVersion);
    expect(second.withdrawalSettlement.id).not.toBe(first.withdrawalSettlement.id);
    const secondText = (await pdfText((await download(clerk, second.withdrawalSettlement.downloadPath)).bytes)).text;
    expect(secondText).toContain('Dañado');
    const penalty = entered.withdrawal.penalty?.amount ?? '0.00';
    const totalCents = [fb.amount.amount, penalty, '275.30'].reduce((s, a) => s + Math.round(Number(a) * 100), 0);
    expect(secondText).toContain(`Total ${bs((totalCents / 100).toFixed(2))}`);
  });
});

describe('documents: generated PDFs (proposals)', () => {
  const OPP = `id status version`;
  const m = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { opportunity { ${OPP} } } }`;
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  test('business case F-COM-002 (FAILED_PRECONDITION before the sizing; costs, margin to the cent, payback, decision) and proposal version F-COM-003 (price, delivery date)', async () => {
    const tenant = uniqueTenant('prop-doc');
    const [director, presales, clerk] = await Promise.all([
      tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-1' }),
      tokenFor(tenant, ['PRESALES'], { sub: 'presales-1' }),
      tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' }),
    ]);
    const customerName = 'Minera Potosí Ltda.';
    const customerId = (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(++seq) } })).registerCustomer.customer
      .id as string;
    const lead = await waitFor('proposals to learn the customer', async () => {
      const r = await execute<any>(
        `mutation($i: RegisterLeadInput!) { registerLead(input: $i) { lead { id } } }`,
        {
          i: {
            customerId,
            companyName: customerName,
            source: 'MEETING',
            requirement: 'SOC 24/7',
            requirementForm: { visitedOn: inDays(-1), contactName: 'Ana Pérez', needs: 'Monitoreo de 3 sitios' },
          },
        },
        { token: director },
      );
      return r.errors ? undefined : r.data.registerLead.lead;
    });
    let o = (
      await ok(director, m('qualifyLead', 'QualifyLeadInput'), {
        i: { leadId: lead.id, title: 'SOC para Minera Potosí', requirementType: 'SERVICE', serviceLines: ['SOC'] },
      })
    ).qualifyLead.opportunity;
    const DOCS = `query($id: ID!) { opportunity(id: $id) { version businessCaseDocument { ${DOC_FIELDS} } } }`;
    await refused(director, `query($id: ID!) { opportunity(id: $id) { businessCaseDocument { id } } }`, { id: o.id }, 'FAILED_PRECONDITION');
    o = (
      await ok(director, m('validateOpportunity', 'ValidateOpportunityInput'), {
        i: { opportunityId: o.id, expectedVersion: o.version, aspect: 'ADMINISTRATIVE' },
      })
    ).validateOpportunity.opportunity;
    o = (
      await ok(presales, m('validateOpportunity', 'ValidateOpportunityInput'), {
        i: { opportunityId: o.id, expectedVersion: o.version, aspect: 'TECHNICAL', note: 'factible' },
      })
    ).validateOpportunity.opportunity;
    o = (
      await ok(presales, m('recordSizing', 'RecordSizingInput'), {
        i: {
          opportunityId: o.id,
          expectedVersion: o.version,
          termMonths: 12,
          oneTimePrice: '1000.50',
          monthlyPrice: '3000.25',
          costLines: [
            { description: 'Instalación de sensores', kind: 'ONE_TIME', amount: '5000.10' },
            { description: 'Analistas', kind: 'MONTHLY', amount: '2000.05' },
          ],
        },
      })
    ).recordSizing.opportunity;
    o = (await ok(director, m('decideBusinessCase', 'DecideBusinessCaseInput'), { i: { opportunityId: o.id, expectedVersion: o.version, decision: 'GO' } }))
      .decideBusinessCase.opportunity;
    const bc = (
      await ok(
        director,
        `query($id: ID!) { opportunity(id: $id) { businessCase { totalRevenue { amount } totalCost { amount } margin { amount } marginPercent paybackMonths } } }`,
        { id: o.id },
      )
    ).opportunity.businessCase;
    const asked = (await ok(director, DOCS, { id: o.id })).opportunity;
    expect(asked.businessCaseDocument).toMatchObject({ documentType: 'BUSINESS_CASE', entityVersion: asked.version });
    const caseText = await pdfText((await download(director, asked.businessCaseDocument.downloadPath)).bytes);
    expect(caseText.pages).toBe(1);
    expect(caseText.text).toContain('Caso de negocio (F-COM-002)');
    expect(caseText.text).toContain(customerName);
    expect(caseText.text).toContain('Instalación de sensores Única vez Bs 5.000,10');
    expect(caseText.text).toContain('Analistas Mensual Bs 2.000,05');
    const bs = (amount: string) => {
      const [w, c] = amount.split('.') as [string, string];
      return `Bs ${w.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${c}`;
    };
    expect(caseText.text).toContain(`Ingreso total: ${bs(bc.totalRevenue.amount)}`);
    expect(caseText.text).toContain(`Costo total: ${bs(bc.totalCost.amount)}`);
    expect(caseText.text).toContain(`Margen: ${bs(bc.margin.amount)} (${bc.marginPercent.replace('.', ',')} %)`);
    expect(caseText.text).toContain(`Recuperación: ${bc.paybackMonths} meses`);
    expect(caseText.text).toContain('(GO)');

    await refused(director, `query($id: ID!) { opportunity(id: $id) { proposalDocument { id } } }`, { id: o.id }, 'FAILED_PRECONDITION');
    const delivery = inDays(20);
    o = (
      await ok(presales, m('submitProposal', 'SubmitProposalInput'), {
        i: {
          opportunityId: o.id,
          expectedVersion: o.version,
          technicalSummary: 'SOC 24/7 en 3 sitios',
          economicSummary: 'Contrato de 12 meses',
          price: '37004.25',
          committedDeliveryDate: delivery,
        },
      })
    ).submitProposal.opportunity;
    const proposal = (await ok(director, `query($id: ID!) { opportunity(id: $id) { proposalDocument(version: 1) { ${DOC_FIELDS} } } }`, { id: o.id }))
      .opportunity.proposalDocument;
    expect(proposal).toMatchObject({ documentType: 'PROPOSAL_V1', contentType: 'application/pdf' });
    await refused(director, `query($id: ID!) { opportunity(id: $id) { proposalDocument(version: 2) { id } } }`, { id: o.id }, 'FAILED_PRECONDITION');
    const { text, pages } = await pdfText((await download(director, proposal.downloadPath)).bytes);
    expect(pages).toBe(1);
    expect(text).toContain('Propuesta comercial (F-COM-003) · versión 1');
    expect(text).toContain(customerName);
    expect(text).toContain('SOC 24/7 en 3 sitios');
    expect(text).toContain('Precio: Bs 37.004,25');
    expect(text).toContain(`Fecha comprometida de entrega: ${delivery.slice(8, 10)}/${delivery.slice(5, 7)}/${delivery.slice(0, 4)}`);
  });
});
