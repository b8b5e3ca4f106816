import { queueReportMail } from '../store/mail.model';
import { localDay, toCsv, toXlsx, wallClock, type JobClock } from '@vinculo/common';
import { effectiveAddresses, type RecipientSpec } from '../domain/rules';
import { resolveRecipients, type StaffMember } from '../domain/recipients';
import { effectiveSchedules, reportDecision, type ReportKey } from '../domain/schedule';
import {
  executiveMonthlyContent,
  loyaltyDailyContent,
  preventiveDailyContent,
  recordsOf,
  reportMessage,
  teamMonthlyContent,
  worklistContent,
  type ExecutiveMonthlyAnswer,
  type LoyaltyAnswer,
  type PreventiveAnswer,
  type ReportContent,
  type TeamMonthlyAnswer,
  type WorklistAnswer,
} from '../domain/report-content';
import type { SettingsDoc } from '../store/settings.model';
import type { ReportRunDoc, ReportRunModel } from '../store/report-run.model';
import type { DispatchDeps } from './dispatch';
import { OwnerReadError, type OwnerGraph } from './owner-graph';

const EXECUTIVE_FIELDS =
  'executiveId month target { newCapturesCount newCapturesAmount { amount currency } portfolioAmount { amount currency } } newCaptures newCapturesAmount { amount currency } portfolioSales portfolioAmount { amount currency } newCapturesAttainment portfolioAttainment lostProjects openProjects';

/**
 * One report per subject (a person) per period: who the subjects are, what the owner answers about
 * them, who gets it. Recipients are the seeds' (000 A15: the executive's lead; A17: the division head;
 * 002 J/K step 10: division head, the team lead and the technical coordination; the worklist: the
 * executive who calls).
 */
interface ReportDef {
  key: ReportKey;
  subjects: (staff: StaffMember[]) => StaffMember[];
  recipients: (subject: StaffMember) => { specs: RecipientSpec[]; actorId: string | null; executiveId: string | null };
  /** The owner's figures as the report's content; null: nothing to report this period (no e-mail). */
  build: (owner: OwnerGraph, tenantId: string, subject: StaffMember, covers: string, nameOf: (id: string) => string) => Promise<ReportContent | null>;
}

const holds = (role: string) => (staff: StaffMember[]) => staff.filter((s) => s.active && s.roles.includes(role));

export const REPORTS: ReportDef[] = [
  {
    key: 'EXECUTIVE_MONTHLY',
    subjects: holds('ACCOUNT_EXECUTIVE'),
    recipients: (s) => ({ specs: [{ kind: 'TEAM_LEAD_OF_EXECUTIVE' }], actorId: null, executiveId: s.employeeId }),
    build: async (owner, tenantId, s, month) => {
      const d = await owner.query<{ executiveMonthlyReport: ExecutiveMonthlyAnswer }>(
        tenantId,
        `query ExecutiveMonthlyForMail($id: ID!, $month: String!) { executiveMonthlyReport(executiveId: $id, month: $month) { ${EXECUTIVE_FIELDS} } }`,
        { id: s.employeeId, month },
      );
      return executiveMonthlyContent(d.executiveMonthlyReport, s.name);
    },
  },
  {
    key: 'TEAM_MONTHLY',
    subjects: holds('SALES_TEAM_LEAD'),
    recipients: () => ({ specs: [{ kind: 'NAMED', name: 'DIVISION_HEAD' }], actorId: null, executiveId: null }),
    build: async (owner, tenantId, s, month, nameOf) => {
      const d = await owner.query<{ teamMonthlyReport: TeamMonthlyAnswer }>(
        tenantId,
        `query TeamMonthlyForMail($id: ID!, $month: String!) { teamMonthlyReport(leadId: $id, month: $month) { leadId month newCaptures newCapturesTarget newCapturesAmount { amount currency } portfolioAmount { amount currency } newCapturesAttainment executives { ${EXECUTIVE_FIELDS} } } }`,
        { id: s.employeeId, month },
      );
      return d.teamMonthlyReport.executives.length ? teamMonthlyContent(d.teamMonthlyReport, s.name, nameOf) : null;
    },
  },
  {
    key: 'LOYALTY_DAILY',
    subjects: holds('ACCOUNT_EXECUTIVE'),
    recipients: (s) => ({
      specs: [
        { kind: 'NAMED', name: 'DIVISION_HEAD' },
        { kind: 'TEAM_LEAD_OF_EXECUTIVE', copy: true },
        { kind: 'NAMED', name: 'TECHNICAL_COORDINATION', copy: true },
      ],
      actorId: null,
      executiveId: s.employeeId,
    }),
    build: async (owner, tenantId, s, day) => {
      const d = await owner.query<{ loyaltyCallReport: LoyaltyAnswer }>(
        tenantId,
        'query LoyaltyForMail($id: ID!, $day: Date!) { loyaltyCallReport(executiveId: $id, date: $day) { executiveId date calls problems contactUpdates items { outcome contactUpdated interaction { id customerId customer { name } } } } }',
        { id: s.employeeId, day },
      );
      return d.loyaltyCallReport.calls ? loyaltyDailyContent(d.loyaltyCallReport, s.name) : null;
    },
  },
  {
    key: 'PREVENTIVE_DAILY',
    subjects: holds('TECHNICAL_ANALYST'),
    recipients: (s) => ({
      specs: [
        { kind: 'NAMED', name: 'DIVISION_HEAD' },
        { kind: 'TEAM_LEAD_OF_ACTOR', copy: true },
        { kind: 'NAMED', name: 'TECHNICAL_COORDINATION', copy: true },
      ],
      actorId: s.employeeId,
      executiveId: null,
    }),
    build: async (owner, tenantId, s, day) => {
      const d = await owner.query<{ preventiveDailyReport: PreventiveAnswer }>(
        tenantId,
        'query PreventiveForMail($id: ID!, $day: Date!) { preventiveDailyReport(day: $day, analystId: $id) { day analystId total byOutcome { outcome count } reviews { id outcome notes suggestion customer { name } } } }',
        { id: s.employeeId, day },
      );
      return d.preventiveDailyReport.total ? preventiveDailyContent(d.preventiveDailyReport, s.name) : null;
    },
  },
  {
    key: 'COLLECTIONS_WORKLIST',
    subjects: holds('ACCOUNT_EXECUTIVE'),
    recipients: (s) => ({ specs: [{ kind: 'CUSTOMER_EXECUTIVE' }], actorId: null, executiveId: s.employeeId }),
    build: async (owner, tenantId, s, day) => {
      const d = await owner.query<{ overdueWorklist: WorklistAnswer }>(
        tenantId,
        'query WorklistForMail($id: ID!) { overdueWorklist(executiveId: $id, first: 100) { edges { node { billingAccount { id accountNumber } customer { name } overdueAmount { amount currency } pendingPromise { promisedDate amount { amount currency } } followUpDue } } } }',
        { id: s.employeeId },
      );
      return d.overdueWorklist.edges.length ? worklistContent(d.overdueWorklist, s.employeeId, s.name, day) : null;
    },
  },
];

type Deps = DispatchDeps & { owner: OwnerGraph; runs: ReportRunModel; timeZoneOf: (tenantId: string) => Promise<string> };

/**
 * The scheduled reports job (issue #19): per tenant, on its business clock and in its time zone, each
 * report whose period has come and that has not gone for that period yet is built from the owner
 * subgraph's own query (through the gateway, application/owner-graph.ts) and written to the e-mail
 * outbox with the figures in the body and the detail attached as CSV and XLSX. A report the owner
 * cannot answer now (gateway down) is tried again at the next run; one person's failure does not stop
 * the others.
 */
export function scheduledReports(deps: Deps) {
  const sendOne = async (
    tenantId: string,
    def: ReportDef,
    subject: StaffMember,
    staff: StaffMember[],
    settings: SettingsDoc | null,
    period: string,
    covers: string,
  ) => {
    const runId = `${tenantId}:${def.key}:${subject.employeeId}`;
    const nameOf = (id: string) => staff.find((s) => s.employeeId === id)?.name ?? id;
    const content = await def.build(deps.owner, tenantId, subject, covers, nameOf);
    const mark = (outcome: ReportRunDoc['outcome']) =>
      deps.runs.updateOne(
        { _id: runId },
        { $set: { tenantId, report: def.key, subject: subject.employeeId, lastPeriod: period, outcome, at: new Date() } },
        { upsert: true },
      );
    if (!content) return mark('EMPTY');
    const who = def.recipients(subject);
    const { recipients } = resolveRecipients(who.specs, {
      staff,
      addresses: effectiveAddresses(settings?.addresses ?? []),
      actorId: who.actorId,
      executiveId: who.executiveId,
    });
    const to = [...new Set(recipients.filter((r) => !r.copy && r.email).map((r) => r.email!))];
    const cc = [...new Set(recipients.filter((r) => r.copy && r.email).map((r) => r.email!))].filter((e) => !to.includes(e));
    if (!to.length && cc.length) to.push(cc.shift()!);
    if (!to.length) {
      deps.logger.warn({ tenantId, report: def.key, subject: subject.employeeId }, 'scheduled report has no recipient with an e-mail address');
      return mark('NO_RECIPIENT');
    }
    const message = reportMessage(content);
    const records = recordsOf(content);
    const id = `report:${def.key}:${tenantId}:${subject.employeeId}:${period}`;
    const queued = await queueReportMail(deps.mail, {
      _id: id,
      tenantId,
      ruleId: `report-${def.key.toLowerCase().replace(/_/g, '-')}`,
      eventType: `report.${def.key}`,
      to,
      cc,
      ...message,
      attachments: [
        { filename: `${content.fileName}.csv`, contentType: 'text/csv; charset=utf-8', content: toCsv(records).toString('base64') },
        {
          filename: `${content.fileName}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: (await toXlsx(records, def.key)).toString('base64'),
        },
      ],
    });
    if (queued) deps.queued();
    return mark('SENT');
  };

  return {
    name: 'scheduled-reports',
    async run(clock: JobClock) {
      if (!deps.owner.enabled) return;
      const tenants = clock.tenantId ? [clock.tenantId] : ((await deps.staff.model.distinct('tenantId', { active: true })) as string[]);
      for (const tenantId of tenants) {
        const now = clock.now(tenantId);
        const zone = await deps.timeZoneOf(tenantId);
        const day = localDay(now, zone);
        const hour = wallClock(now, zone).h;
        const settings = await deps.settings.findById(tenantId).lean<SettingsDoc>();
        const schedules = effectiveSchedules(settings?.schedules ?? []);
        const staff = await deps.staff.of(tenantId);
        const runs = new Map((await deps.runs.find({ tenantId }).lean<ReportRunDoc[]>()).map((r) => [r._id, r.lastPeriod]));
        for (const def of REPORTS) {
          const schedule = schedules.find((s) => s.report === def.key)!;
          for (const subject of def.subjects(staff)) {
            const decision = reportDecision(schedule, day, hour, runs.get(`${tenantId}:${def.key}:${subject.employeeId}`) ?? null);
            if (!decision.send) continue;
            try {
              await sendOne(tenantId, def, subject, staff, settings, decision.period, decision.covers);
            } catch (err) {
              // The next run tries again (nothing was marked); the other people's reports still go.
              const level = err instanceof OwnerReadError && !err.transient ? 'error' : 'warn';
              deps.logger[level]({ err, tenantId, report: def.key, subject: subject.employeeId }, 'scheduled report not built this run');
            }
          }
        }
      }
    },
  };
}
