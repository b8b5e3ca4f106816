/**
 * Generated documents end to end (issue #16): the pro-forma invoice (Invoice.document) and the overdue
 * letter (BillingAccount.overdueLetter) produced by collections from its own data, stored with the
 * entity version, downloaded through GET /documents/:id and read back as text: the customer's name,
 * the amounts to the cent in the tenant's format, the dates of the case, a sane page count.
 */
import { execute, ok, refused, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { download, pdfText } from './support/files';

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
    const account = await s.open();
    const invoice = (await ok(s.erp, IMPORT, { i: {
      billingAccountId: account.id, externalId: 'ERP-PF-1', period: '2026-01', dueDate: '2026-02-10', total: '1345.67',
      lines: [line('PLAN_FEE', 'Plan empresarial 100 Mbps', '1300.00'), line('EXCESS_CABLE', 'Cable excedente 15 m', '45.67')],
    } })).importInvoice.invoice;

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
