/**
 * Scheduled reports, PQR SLA alerts and generated documents in e-mails (issue #19 with #16 item 3),
 * through the gateway on real Kafka + Mongo-wire and the development mail server: the business clock
 * advances past a report's scheduled moment and the e-mail carries the owner subgraph's figures, as CSV
 * and as XLSX (opened with exceljs and compared with the owner's own query); it goes once per period;
 * an ADMIN's bad schedule is refused and stores nothing; a PQR past its answer deadline alerts; an
 * account gone overdue mails the executive the carta de mora PDF.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { execute, ok, refused, stackBus, testEvent, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { pdfText } from './support/files';

interface Delivered {
  id: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  headers: { tenant: string | null; rule: string | null };
  attachments: { filename: string; contentType: string; size: number; text?: string; base64?: string }[];
}

const mailUrl = (): string => (JSON.parse(readFileSync(path.resolve(__dirname, '../../.cache/run/test-stack.json'), 'utf8')) as { mailUrl: string }).mailUrl;
const mailOf = async (tenant: string): Promise<Delivered[]> => ((await (await fetch(`${mailUrl()}messages`)).json()) as Delivered[]).filter((m) => m.headers.tenant === tenant);
const mailWith = (tenant: string, what: string, match: (m: Delivered) => boolean) =>
  waitFor(what, async () => (await mailOf(tenant)).find(match), { timeoutMs: 90_000 });

let seq = 8100000;
const bus = stackBus();
const REGISTER_EMPLOYEE = `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`;
const REGISTER_CUSTOMER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const ASSIGN = `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`;
const ADVANCE_CLOCK = `mutation($i: AdvanceBusinessClockInput!) { advanceBusinessClock(input: $i) { businessClock { now } } }`;
const CLOCK = `query { businessClock { now } }`;
const SCHEDULES = `query { reportSchedules { report frequency hour weekday dayOfMonth enabled } }`;
const SET_SCHEDULE = `mutation($i: ReportScheduleInput!) { setReportSchedule(input: $i) { report frequency hour weekday dayOfMonth enabled } }`;
const EXEC_REPORT = `query($e: ID!, $m: String!) { executiveMonthlyReport(executiveId: $e, month: $m) { newCaptures portfolioSales lostProjects openProjects target { newCapturesCount } newCapturesAmount { amount } } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id accountNumber } } }`;
const IMPORT = `mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { invoice { id number } } }`;

async function staff(admin: string, people: { id: string; name: string; roles: string[]; teamLeadId?: string }[]) {
  for (const p of people) await ok(admin, REGISTER_EMPLOYEE, { i: { ...p, email: `${p.id}@vinculo.test` } });
}

async function xlsxRows(base64: string): Promise<Record<string, unknown>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = book.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, (row.values as unknown[])[i + 1] ?? null])));
  });
  return rows;
}

/**
 * Advance the tenant's clock to `from`, then a minute more each try (every advance runs the tenant's
 * jobs), until `probe` finds what it waits for.
 */
async function advanceUntil<T>(admin: string, from: string, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  let step = 0;
  return waitFor(
    what,
    async () => {
      await execute(ADVANCE_CLOCK, { i: { to: new Date(Date.parse(from) + step++ * 60_000).toISOString() } }, { token: admin });
      return probe();
    },
    { timeoutMs: 120_000, intervalMs: 1_500 },
  );
}

/** The first day of the month after the tenant's business "now", at 10:00 UTC (09:00 or later in the Americas' zones). */
const firstOfNextMonth = (now: string) => {
  const d = new Date(now);
  return { at: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 15, 0, 0)).toISOString(), reported: now.slice(0, 7) };
};

describe('notifications: scheduled reports, PQR alerts, documents in e-mails', () => {
  test("000 A15 the executive's monthly report reaches the team lead with the owner's figures, in CSV and XLSX, once per period", async () => {
    const tenant = uniqueTenant('ntf-rep');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [
      { id: 'lead-r', name: 'Resp. Equipo Sur', roles: ['SALES_TEAM_LEAD'] },
      { id: 'exec-r', name: 'Ejecutiva Sur', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead-r' },
    ]);
    // A bad schedule is refused with each problem and nothing changes.
    const before = (await ok(admin, SCHEDULES)).reportSchedules;
    const bad = await refused(admin, SET_SCHEDULE, { i: { report: 'LOYALTY_DAILY', hour: 24, dayOfMonth: 3 } }, 'BAD_USER_INPUT');
    expect(JSON.stringify(bad)).toMatch(/hour/);
    expect((await ok(admin, SCHEDULES)).reportSchedules).toEqual(before);
    const changed = (await ok(admin, SET_SCHEDULE, { i: { report: 'EXECUTIVE_MONTHLY', dayOfMonth: 1, hour: 8 } })).setReportSchedule;
    expect(changed).toEqual({ report: 'EXECUTIVE_MONTHLY', frequency: 'MONTHLY', hour: 8, weekday: null, dayOfMonth: 1, enabled: true });

    const now = (await ok(admin, CLOCK)).businessClock.now as string;
    const { at, reported } = firstOfNextMonth(now);
    // The clock moves a minute at a time past the 1st (each advance runs the jobs) until notifications,
    // which learns the team from customers.Employee* on another topic, has sent the report.
    const mail = await advanceUntil(admin, at, 'the monthly report', () => mailOf(tenant).then((all) => all.find((m) => m.subject === `Informe mensual de Ejecutiva Sur, ${reported}`)));
    expect(mail.to).toEqual(['lead-r@vinculo.test']);
    const owner = (await ok(admin, EXEC_REPORT, { e: 'exec-r', m: reported })).executiveMonthlyReport;
    expect(mail.text).toContain(`Captaciones nuevas: ${owner.newCaptures} de ${owner.target.newCapturesCount}`);
    const csv = mail.attachments.find((a) => a.filename.endsWith('.csv'))!;
    const xlsx = mail.attachments.find((a) => a.filename.endsWith('.xlsx'))!;
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(csv.text).toContain('Ejecutiva Sur');
    const rows = await xlsxRows(xlsx.base64!);
    expect(rows).toEqual([
      expect.objectContaining({
        ejecutivo: 'Ejecutiva Sur',
        mes: reported,
        captaciones: owner.newCaptures,
        'meta captaciones': owner.target.newCapturesCount,
        'ventas cartera': owner.portfolioSales,
        'proyectos perdidos': owner.lostProjects,
        'proyectos abiertos': owner.openProjects,
        'monto captaciones': owner.newCapturesAmount.amount,
      }),
    ]);
    // Once per period: another advance within the same month adds nothing.
    await ok(admin, ADVANCE_CLOCK, { i: { to: new Date(Date.parse(at) + 3 * 3_600_000).toISOString() } });
    const outbox = await waitFor('the outbox to have settled', async () => {
      const r = (await ok(admin, `query { outgoingMail(first: 50) { edges { node { id eventType status attachments { filename size } } } } }`)).outgoingMail.edges.map((e: any) => e.node);
      return r.every((m: any) => m.status !== 'PENDING') ? r : undefined;
    });
    expect(outbox.filter((m: any) => m.eventType === 'report.EXECUTIVE_MONTHLY')).toHaveLength(1);
    expect((await mailOf(tenant)).filter((m) => m.subject === mail.subject)).toHaveLength(1);
  });

  test('a PQR past its answer deadline (postsale.PostSaleRequestStatusChanged answerDueDate) alerts the clerks and the executive, once', async () => {
    const tenant = uniqueTenant('ntf-pqr');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [
      { id: 'lead-q', name: 'Resp. Equipo Q', roles: ['SALES_TEAM_LEAD'] },
      { id: 'exec-q', name: 'Ejecutivo Q', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead-q' },
      { id: 'clerk-q', name: 'Auxiliar Q', roles: ['COMMERCIAL_CLERK'] },
    ]);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-q' });
    const customerName = `Quejas Andinas ${++seq} SRL`;
    const customerId = (await ok(clerk, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(seq) } })).registerCustomer.customer.id as string;
    await ok(admin, ASSIGN, { c: customerId, e: 'exec-q' });
    const now = (await ok(admin, CLOCK)).businessClock.now as string;
    const due = new Date(Date.parse(now) + 3 * 86_400_000).toISOString().slice(0, 10);
    await bus.publish(testEvent('postsale', 'postsale.PostSaleRequestStatusChanged', tenant, `req-${seq}`, { requestId: `req-${seq}`, customerId, installedProductId: null, requestType: 'PQR', channel: 'EMAIL', from: 'RECEIVED', to: 'AWAITING_ANSWER', resolution: null, note: null, answerDueDate: due }));
    // Two days after the deadline day (the tenant's local day, whatever its zone).
    const after = new Date(Date.parse(`${due}T12:00:00Z`) + 2 * 86_400_000).toISOString();
    const alert = await advanceUntil(admin, after, 'the PQR breach alert', () => mailOf(tenant).then((all) => all.find((m) => m.subject === `PQR vencida sin respuesta: ${customerName}`)));
    expect(alert.to.sort()).toEqual(['clerk-q@vinculo.test', 'exec-q@vinculo.test']);
    expect(alert.cc).toEqual(['lead-q@vinculo.test']);
    expect(alert.text).toContain(due);
    await ok(admin, ADVANCE_CLOCK, { i: { to: new Date(Date.parse(after) + 86_400_000 + 3_600_000).toISOString() } });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await mailOf(tenant)).filter((m) => m.subject === alert.subject)).toHaveLength(1);
  });

  test('an account gone overdue mails its executive the carta de mora PDF (002 I), with the customer name inside', async () => {
    const tenant = uniqueTenant('ntf-mora');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [{ id: 'exec-m', name: 'Ejecutiva Mora', roles: ['ACCOUNT_EXECUTIVE'] }]);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-m' });
    const erp = await tokenFor(tenant, ['PARTNER'], { sub: 'erp-m', scopes: ['read', 'write', 'billing:write'] });
    const customerName = `Ferretería Mora ${++seq} SRL`;
    const customerId = (await ok(clerk, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(seq) } })).registerCustomer.customer.id as string;
    await ok(admin, ASSIGN, { c: customerId, e: 'exec-m' });
    const account = await waitFor('collections to know the customer', async () => {
      const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: clerk });
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount as { id: string; accountNumber: string });
    });
    // The customer's executive must be known to notifications before the account goes overdue.
    await waitFor('notifications to know the executive', async () => {
      const r = await execute<any>(`query($c: ID) { notificationRuleRecipients(ruleId: "account-overdue", customerId: $c) { recipients { userId } } }`, { c: customerId }, { token: admin });
      return r.data?.notificationRuleRecipients.recipients.some((x: { userId: string }) => x.userId === 'exec-m') || undefined;
    });
    await ok(erp, IMPORT, { i: { billingAccountId: account.id, externalId: `ERP-${seq}`, period: '2026-01', dueDate: '2026-02-01', total: '250.50', lines: [{ kind: 'PLAN_FEE', description: 'Plan', amount: '250.50' }] } });
    const mail = await mailWith(tenant, 'the overdue e-mail with the letter', (m) => m.subject === `Cuenta en mora: ${customerName}`);
    expect(mail.to).toEqual(['exec-m@vinculo.test']);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf).toBeDefined();
    const { text, pages } = await pdfText(Buffer.from(pdf!.base64!, 'base64'));
    expect(pages).toBe(1);
    expect(text).toContain(customerName);
    expect(text).toContain(account.accountNumber);
  });
});
