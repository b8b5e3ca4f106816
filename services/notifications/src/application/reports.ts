import { queueReportMail } from '../store/mail.model';
import { findByIds, type JobClock, localDay, toXlsx, wallClock } from '@vinculo/common';
import { effectiveAddresses } from '../domain/rules';
import { resolveRecipients } from '../domain/recipients';
import { ageDays, toCsv } from '../domain/reports';
import { duePeriod, effectiveSchedules } from '../domain/schedule';
import type { OpportunityStageDoc, OpportunityStageModel } from '../store/opportunity.model';
import type { SettingsDoc } from '../store/settings.model';
import type { DispatchDeps } from './dispatch';

/**
 * The weekly proposals follow-up (004 "conferencia semanal"): on the tenant's schedule (PROPOSALS_WEEKLY,
 * by default every Monday from 08:00) in the tenant's time zone, on its business clock, the open opportunities with stage and age go to the commercial
 * director (Cc the division head address) as an e-mail with the figures and CSV and XLSX attachments. One
 * message per tenant and week (deterministic id: reruns and replicas add nothing).
 */
const HEADER = ['oportunidad', 'cliente', 'título', 'etapa', 'días abierta'];

export function proposalsWeeklyReport(deps: DispatchDeps & { opportunities: OpportunityStageModel; timeZoneOf: (tenantId: string) => Promise<string> }) {
  return {
    name: 'report-proposals-weekly',
    async run(clock: JobClock) {
      const tenants = clock.tenantId ? [clock.tenantId] : ((await deps.opportunities.distinct('tenantId', { open: true })) as string[]);
      for (const tenantId of tenants) {
        const now = clock.now(tenantId);
        const zone = await deps.timeZoneOf(tenantId);
        const settings = await deps.settings.findById(tenantId).lean<SettingsDoc>();
        const schedule = effectiveSchedules(settings?.schedules ?? []).find((x) => x.report === 'PROPOSALS_WEEKLY')!;
        const week = duePeriod(schedule, localDay(now, zone), wallClock(now, zone).h)?.period;
        if (!week) continue;
        const id = `report:proposals-weekly:${tenantId}:${week}`;
        if (await deps.mail.exists({ _id: id })) continue;
        const open = await deps.opportunities.find({ tenantId, open: true }).sort({ openedAt: 1 }).limit(1000).lean<OpportunityStageDoc[]>();
        if (!open.length) continue;
        const customers = new Map(
          (
            await findByIds(
              deps.directory.model,
              tenantId,
              open.map((o) => o.customerId),
            )
          ).map((c) => [c._id, c.name]),
        );
        const rows = open.map((o) => [o._id, customers.get(o.customerId) ?? o.customerId, o.title, o.stage, ageDays(new Date(o.openedAt), now)]);
        const byStage = new Map<string, number>();
        for (const o of open) byStage.set(o.stage, (byStage.get(o.stage) ?? 0) + 1);
        const { recipients } = resolveRecipients(
          [
            { kind: 'ROLE', role: 'COMMERCIAL_DIRECTOR' },
            { kind: 'NAMED', name: 'DIVISION_HEAD', copy: true },
          ],
          {
            staff: await deps.staff.of(tenantId),
            addresses: effectiveAddresses(settings?.addresses ?? []),
            actorId: null,
            executiveId: null,
          },
        );
        const to = [...new Set(recipients.filter((r) => !r.copy && r.email).map((r) => r.email!))];
        const cc = [...new Set(recipients.filter((r) => r.copy && r.email).map((r) => r.email!))].filter((e) => !to.includes(e));
        const figures = [...byStage.entries()].map(([s, n]) => `${s}: ${n}`).join('\n');
        const subject = `Seguimiento semanal de propuestas, semana del ${week}`;
        const text = `Oportunidades abiertas: ${open.length}\n${figures}\n\nEl detalle va adjunto (CSV y XLSX).\n`;
        const csv = toCsv(HEADER, rows);
        const queued = await queueReportMail(deps.mail, {
          _id: id,
          tenantId,
          ruleId: 'proposals-weekly',
          eventType: 'report.ProposalsWeekly',
          to: to.length ? to : cc.slice(0, 1),
          cc: to.length ? cc : cc.slice(1),
          subject,
          text,
          html: `<!doctype html><html lang="es"><body style="font-family:sans-serif"><h2 style="font-size:16px">${subject}</h2><p>Oportunidades abiertas: <b>${open.length}</b></p><ul>${[...byStage.entries()].map(([s, n]) => `<li>${s}: ${n}</li>`).join('')}</ul><p>El detalle va adjunto (CSV y XLSX).</p></body></html>`,
          attachments: [
            { filename: `seguimiento-semanal-${week}.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(csv, 'utf8').toString('base64') },
            {
              filename: `seguimiento-semanal-${week}.xlsx`,
              contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              content: (
                await toXlsx(
                  rows.map((row) => Object.fromEntries(HEADER.map((h, i) => [h, row[i] ?? null]))),
                  'seguimiento',
                )
              ).toString('base64'),
            },
          ],
        });
        if (queued) deps.queued();
      }
    },
  };
}
