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
import { refused, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { createClient, ExecutiveMonthlyFiguresDocument, ReportSchedulesDocument, SetReportScheduleDocument, TeamMonthlyFiguresDocument } from '@vinculo/client';
import { pdfText, postsaleRequirementFiles } from './support/files';
import { expectReconciled } from './support/reconciliation';

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
const mailOf = async (tenant: string): Promise<Delivered[]> =>
  ((await (await fetch(`${mailUrl()}messages`)).json()) as Delivered[]).filter((m) => m.headers.tenant === tenant);
const mailWith = (tenant: string, what: string, match: (m: Delivered) => boolean) =>
  waitFor(what, async () => (await mailOf(tenant)).find(match), { timeoutMs: 90_000 });

let seq = 8100000;
const REGISTER_EMPLOYEE = `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`;
const REGISTER_CUSTOMER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const ASSIGN = `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`;
const ADVANCE_CLOCK = `mutation($i: AdvanceBusinessClockInput!) { advanceBusinessClock(input: $i) { businessClock { now } } }`;
const CLOCK = `query { businessClock { now } }`;
const SET_SCHEDULE = `mutation($i: ReportScheduleInput!) { setReportSchedule(input: $i) { report } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id accountNumber } } }`;
const RECEIVE_PQR = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id status pqr { sla { deadline } } } } }`;
const TENANT_ZONE = `query { tenant { timeZone } }`;
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

/** The tenant's local day and time of an instant. */
function localTime(instant: string, zone: string): { day: string; hour: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The next instant at `hour`:30 local (today when still before, else tomorrow). */
function nextLocal(instant: string, zone: string, hour: number): string {
  const t = localTime(instant, zone);
  let at = Date.parse(instant) + ((hour - t.hour) * 60 - t.minute + 30) * 60_000;
  if (at <= Date.parse(instant)) at += 86_400_000;
  return new Date(at).toISOString();
}

/** The first day of the month after the tenant's business "now", at 10:00 UTC (09:00 or later in the Americas' zones). */
const firstOfNextMonth = (now: string) => {
  const d = new Date(now);
  return { at: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 15, 0, 0)).toISOString(), reported: now.slice(0, 7) };
};

jest.setTimeout(300_000);

describe('notifications: scheduled reports, PQR alerts, documents in e-mails', () => {
  test("000 A15 the executive's monthly report reaches the team lead with the owner's figures, in CSV and XLSX, once per period", async () => {
    const tenant = uniqueTenant('ntf-rep');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [
      { id: 'lead-r', name: 'Resp. Equipo Sur', roles: ['SALES_TEAM_LEAD'] },
      { id: 'exec-r', name: 'Ejecutiva Sur', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead-r' },
      { id: 'head-r', name: 'Encargada de División Sur', roles: ['COMMERCIAL_DIRECTOR'] },
    ]);
    const graph = createClient({ url: testStack().gatewayUrl, token: admin });
    // A bad schedule is refused with each problem and nothing changes.
    const before = (await graph.request(ReportSchedulesDocument, {})).reportSchedules;
    const bad = await refused(admin, SET_SCHEDULE, { i: { report: 'LOYALTY_DAILY', hour: 24, dayOfMonth: 3 } }, 'BAD_USER_INPUT');
    expect(JSON.stringify(bad)).toMatch(/hour/);
    expect((await graph.request(ReportSchedulesDocument, {})).reportSchedules).toEqual(before);
    const changed = (await graph.request(SetReportScheduleDocument, { input: { report: 'EXECUTIVE_MONTHLY', dayOfMonth: 1, hour: 8 } })).setReportSchedule;
    expect(changed).toEqual({ report: 'EXECUTIVE_MONTHLY', frequency: 'MONTHLY', hour: 8, weekday: null, dayOfMonth: 1, enabled: true });

    const now = (await ok(admin, CLOCK)).businessClock.now as string;
    const { at, reported } = firstOfNextMonth(now);
    // The clock moves a minute at a time past the 1st (each advance runs the jobs) until notifications,
    // which learns the team from customers.Employee* on another topic, has sent the report.
    const mail = await advanceUntil(admin, at, 'the monthly report', () =>
      mailOf(tenant).then((all) => all.find((m) => m.subject === `Informe mensual de Ejecutiva Sur, ${reported}`)),
    );
    expect(mail.to).toEqual(['lead-r@vinculo.test']);
    const owner = (await graph.request(ExecutiveMonthlyFiguresDocument, { executiveId: 'exec-r', month: reported })).executiveMonthlyReport;
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
      const r = (
        await ok(admin, `query { outgoingMail(first: 50) { edges { node { id eventType status attachments { filename size } } } } }`)
      ).outgoingMail.edges.map((e: any) => e.node);
      return r.every((m: any) => m.status !== 'PENDING') ? r : undefined;
    });
    expect(outbox.filter((m: any) => m.eventType === 'report.EXECUTIVE_MONTHLY')).toHaveLength(1);
    expect((await mailOf(tenant)).filter((m) => m.subject === mail.subject)).toHaveLength(1);

    // 000 A17: the next day (default: the 2nd) the lead's team report goes to the division head.
    const team = await advanceUntil(admin, new Date(Date.parse(at) + 86_400_000).toISOString(), 'the team report', () =>
      mailOf(tenant).then((all) => all.find((m) => m.subject === `Informe mensual del equipo de Resp. Equipo Sur, ${reported}`)),
    );
    expect(team.to).toEqual(['head-r@vinculo.test']);
    const ownerTeam = (await graph.request(TeamMonthlyFiguresDocument, { leadId: 'lead-r', month: reported })).teamMonthlyReport;
    const teamRows = await xlsxRows(team.attachments.find((a) => a.filename.endsWith('.xlsx'))!.base64!);
    expect(teamRows.map((x) => [x.ejecutivo, x.captaciones, x['meta captaciones']])).toEqual(
      ownerTeam.executives.map((e) => [e.executiveId === 'exec-r' ? 'Ejecutiva Sur' : e.executiveId, e.newCaptures, e.target.newCapturesCount]),
    );
    expect(team.text).toContain(`Captaciones nuevas: ${ownerTeam.newCaptures} de ${ownerTeam.newCapturesTarget}`);
  });

  test("002 J and K: the day's loyalty calls and preventive reviews go to the division head at the end of the day, Cc the lead and technical coordination; rows match the owners' reports", async () => {
    const tenant = uniqueTenant('ntf-jk');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [
      { id: 'lead-j', name: 'Resp. Equipo J', roles: ['SALES_TEAM_LEAD'] },
      { id: 'exec-j', name: 'Ejecutivo J', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead-j' },
      { id: 'analyst-k', name: 'Analista K', roles: ['TECHNICAL_ANALYST'], teamLeadId: 'lead-j' },
      { id: 'head-j', name: 'Jefe División J', roles: ['COMMERCIAL_DIRECTOR'] },
      { id: 'coord-j', name: 'Gestor Técnico J', roles: ['TECHNICAL_COORDINATOR'] },
    ]);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-j' });
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-j' });
    const analyst = await tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'analyst-k' });
    const customerName = `Fidelidad Valluna ${++seq} SRL`;
    const customerId = (await ok(clerk, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(seq) } })).registerCustomer.customer
      .id as string;
    await ok(admin, ASSIGN, { c: customerId, e: 'exec-j' });
    await ok(exec, `mutation($i: RecordLoyaltyCallInput!) { recordLoyaltyCall(input: $i) { __typename } }`, {
      i: { customerId, outcome: 'OK', notes: 'Servicio conforme' },
    });
    await waitFor('techsupport to know the customer', async () => {
      const r = await execute<any>(
        `mutation($i: RecordPreventiveReviewInput!) { recordPreventiveReview(input: $i) { review { id } } }`,
        { i: { customerId, outcome: 'NO_ACTION', notes: 'Sin novedades' } },
        { token: analyst },
      );
      return r.errors ? undefined : r.data;
    });
    const zone = (await ok(admin, TENANT_ZONE)).tenant.timeZone as string;
    const now = (await ok(admin, CLOCK)).businessClock.now as string;
    const { day, hour } = localTime(now, zone);
    // The end of the working day (default 18:00 local), the same local day.
    const evening = hour >= 18 ? new Date(Date.parse(now) + 60_000).toISOString() : nextLocal(now, zone, 18);
    const loyalty = await advanceUntil(admin, evening, 'the loyalty-call report', () =>
      mailOf(tenant).then((all) => all.find((m) => m.subject === `Llamadas de fidelización de Ejecutivo J, ${day}`)),
    );
    const preventive = await waitFor(
      'the preventive report',
      () => mailOf(tenant).then((all) => all.find((m) => m.subject === `Revisión técnica preventiva de Analista K, ${day}`)),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    for (const m of [loyalty, preventive]) {
      expect(m.to).toEqual(['head-j@vinculo.test']);
      expect(m.cc.sort()).toEqual(['coord-j@vinculo.test', 'lead-j@vinculo.test']);
      expect(m.attachments.map((a) => a.filename.split('.').pop())).toEqual(['csv', 'xlsx']);
    }
    const ownerLoyalty = (
      await ok(admin, `query($e: ID!, $d: Date!) { loyaltyCallReport(executiveId: $e, date: $d) { calls items { outcome interaction { id } } } }`, {
        e: 'exec-j',
        d: day,
      })
    ).loyaltyCallReport;
    expect(loyalty.text).toContain(`Llamadas: ${ownerLoyalty.calls}`);
    const loyaltyRows = await xlsxRows(loyalty.attachments[1]!.base64!);
    expect(loyaltyRows.map((x) => [x['interacción'], x.cliente, x.resultado])).toEqual(
      ownerLoyalty.items.map((i: any) => [i.interaction.id, customerName, i.outcome]),
    );
    const ownerPreventive = (
      await ok(admin, `query($a: ID!, $d: Date!) { preventiveDailyReport(day: $d, analystId: $a) { total reviews { id outcome } } }`, {
        a: 'analyst-k',
        d: day,
      })
    ).preventiveDailyReport;
    expect(preventive.text).toContain(`Revisiones: ${ownerPreventive.total}`);
    const reviewRows = await xlsxRows(preventive.attachments[1]!.base64!);
    expect(reviewRows.map((x) => [x['revisión'], x.cliente, x.resultado])).toEqual(ownerPreventive.reviews.map((v: any) => [v.id, customerName, v.outcome]));
    // Once per day: a later advance the same evening adds nothing.
    await ok(admin, ADVANCE_CLOCK, { i: { to: new Date(Date.parse(evening) + 3 * 60 * 60_000).toISOString() } }).catch(() => undefined);
    await waitFor('the outbox to have settled', async () => {
      const all = (await ok(admin, `query { outgoingMail(first: 50) { edges { node { status } } } }`)).outgoingMail.edges;
      return all.every((e: any) => e.node.status !== 'PENDING') || undefined;
    });
    expect((await mailOf(tenant)).filter((m) => m.subject === loyalty.subject || m.subject === preventive.subject)).toHaveLength(2);
  });

  test('a PQR past its answer deadline (postsale computes answerDueDate) alerts the clerks and the executive, Cc the lead, once; the flow reconciles', async () => {
    const tenant = uniqueTenant('ntf-pqr');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [
      { id: 'lead-q', name: 'Resp. Equipo Q', roles: ['SALES_TEAM_LEAD'] },
      { id: 'exec-q', name: 'Ejecutivo Q', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead-q' },
      { id: 'clerk-q', name: 'Auxiliar Q', roles: ['COMMERCIAL_CLERK'] },
    ]);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-q' });
    const customerName = `Quejas Andinas ${++seq} SRL`;
    const customerId = (await ok(clerk, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(seq) } })).registerCustomer.customer
      .id as string;
    await ok(admin, ASSIGN, { c: customerId, e: 'exec-q' });
    const files = await postsaleRequirementFiles(clerk, customerId); // waits until post-sale knows the customer and its files
    const request = await waitFor('post-sale to know the customer', async () => {
      const r = await execute<any>(
        RECEIVE_PQR,
        {
          i: {
            customerId,
            channel: 'EMAIL',
            type: 'PQR',
            requirementAttachments: files,
            pqr: { kind: 'COMPLAINT', subject: 'Atención lenta', description: 'Esperó dos horas en oficina' },
          },
        },
        { token: clerk },
      );
      return r.errors ? undefined : (r.data.receivePostSaleRequest.request as { id: string; pqr: { sla: { deadline: string } } });
    });
    const due = request.pqr.sla.deadline; // postsale's own rule (tenant's business days)
    // Two days after the deadline day (the tenant's local day, whatever its zone).
    const after = new Date(Date.parse(`${due}T12:00:00Z`) + 2 * 86_400_000).toISOString();
    const alert = await advanceUntil(admin, after, 'the PQR breach alert', () =>
      mailOf(tenant).then((all) => all.find((m) => m.subject === `PQR vencida sin respuesta: ${customerName}`)),
    );
    expect(alert.to.sort()).toEqual(['clerk-q@vinculo.test', 'exec-q@vinculo.test']);
    expect(alert.cc).toEqual(['lead-q@vinculo.test']);
    expect(alert.text).toContain(request.id);
    expect(alert.text).toContain(due);
    expect(
      (await ok(clerk, `query($id: ID!) { postSaleRequest(id: $id) { pqr { sla { breached } } } }`, { id: request.id })).postSaleRequest.pqr.sla.breached,
    ).toBe(true);
    await ok(admin, ADVANCE_CLOCK, { i: { to: new Date(Date.parse(after) + 86_400_000 + 3_600_000).toISOString() } });
    const alerts = await waitFor('the outbox to have settled', async () => {
      const all = (await ok(admin, `query { outgoingMail(first: 50) { edges { node { eventType status } } } }`)).outgoingMail.edges.map((e: any) => e.node);
      return all.every((m: any) => m.status !== 'PENDING') ? all.filter((m: any) => m.eventType === 'sla.PqrBreached') : undefined;
    });
    expect(alerts).toHaveLength(1);
    expect((await mailOf(tenant)).filter((m) => m.subject === alert.subject)).toHaveLength(1);
    await expectReconciled(admin);
  });

  test('an account gone overdue mails its executive the carta de mora PDF (002 I), with the customer name inside', async () => {
    const tenant = uniqueTenant('ntf-mora');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [{ id: 'exec-m', name: 'Ejecutiva Mora', roles: ['ACCOUNT_EXECUTIVE'] }]);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-m' });
    const erp = await tokenFor(tenant, ['PARTNER'], { sub: 'erp-m', scopes: ['read', 'write', 'billing:write'] });
    const customerName = `Ferretería Mora ${++seq} SRL`;
    const customerId = (await ok(clerk, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: customerName, taxId: String(seq) } })).registerCustomer.customer
      .id as string;
    await ok(admin, ASSIGN, { c: customerId, e: 'exec-m' });
    const account = await waitFor('collections to know the customer', async () => {
      const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: clerk });
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount as { id: string; accountNumber: string });
    });
    // The customer's executive must be known to notifications before the account goes overdue.
    await waitFor('notifications to know the executive', async () => {
      const r = await execute<any>(
        `query($c: ID) { notificationRuleRecipients(ruleId: "account-overdue", customerId: $c) { recipients { userId } } }`,
        { c: customerId },
        { token: admin },
      );
      return r.data?.notificationRuleRecipients.recipients.some((x: { userId: string }) => x.userId === 'exec-m') || undefined;
    });
    await ok(erp, IMPORT, {
      i: {
        billingAccountId: account.id,
        externalId: `ERP-${seq}`,
        period: '2026-01',
        dueDate: '2026-02-01',
        total: '250.50',
        lines: [{ kind: 'PLAN_FEE', description: 'Plan', amount: '250.50' }],
      },
    });
    const mail = await mailWith(tenant, 'the overdue e-mail with the letter', (m) => m.subject === `Cuenta en mora: ${customerName}`);
    expect(mail.to).toEqual(['exec-m@vinculo.test']);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf).toBeDefined();
    const { text, pages } = await pdfText(Buffer.from(pdf!.base64!, 'base64'));
    expect(pages).toBe(1);
    expect(text).toContain(customerName);
    expect(text).toContain(account.accountNumber);

    // The next morning the executive's collections worklist lists the account, as collections ranks it.
    const zone = (await ok(admin, TENANT_ZONE)).tenant.timeZone as string;
    const now = (await ok(admin, CLOCK)).businessClock.now as string;
    const morning = nextLocal(now, zone, 8);
    const worklist = await advanceUntil(admin, morning, 'the worklist', () =>
      mailOf(tenant).then((all) => all.find((m) => m.subject.startsWith('Cuentas en mora de Ejecutiva Mora'))),
    );
    expect(worklist.to).toEqual(['exec-m@vinculo.test']);
    const owner = (
      await ok(
        admin,
        `query { overdueWorklist(executiveId: "exec-m", first: 50) { edges { node { billingAccount { accountNumber } overdueAmount { amount } } } } }`,
      )
    ).overdueWorklist.edges.map((e: any) => e.node);
    const rows = await xlsxRows(worklist.attachments.find((a) => a.filename.endsWith('.xlsx'))!.base64!);
    expect(rows.map((x) => [x.cuenta, x['monto en mora'], x.cliente])).toEqual(
      owner.map((n: any) => [n.billingAccount.accountNumber, n.overdueAmount.amount, customerName]),
    );
    expect(worklist.text).toContain(`Cuentas en mora: ${owner.length}`);
  });
});
