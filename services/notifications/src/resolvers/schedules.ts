import { authorize, badInput, type RequestContext } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { applyScheduleChange, effectiveSchedules, type ReportSchedule } from '../domain/schedule';
import type { SettingsDoc } from '../store/settings.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

const admin = (ctx: RequestContext) => {
  authorize(policy, 'configureNotifications', ctx.principal);
  return ctx.principal.tenantId;
};

export const reportSchedules =
  (deps: ResolverDeps): NonNullable<QueryResolvers['reportSchedules']> =>
  async (_p, _a, ctx) => {
    const settings = await deps.settings.findById(admin(ctx)).lean<SettingsDoc>();
    return effectiveSchedules(settings?.schedules ?? []);
  };

/** Checked first (every problem named, nothing stored on any); then the tenant's entry for that report replaced. */
export const setReportSchedule =
  (deps: ResolverDeps): NonNullable<MutationResolvers['setReportSchedule']> =>
  async (_p, { input }, ctx) => {
    const tenantId = admin(ctx);
    const current = (await deps.settings.findById(tenantId).lean<SettingsDoc>())?.schedules ?? [];
    const { schedule, problems } = applyScheduleChange(current, input);
    if (!schedule) throw badInput(problems.join('; '), problems[0]!.split(':')[0]);
    const schedules: ReportSchedule[] = [...current.filter((s) => s.report !== schedule.report), schedule];
    await deps.settings.updateOne({ _id: tenantId }, { $set: { schedules, updatedBy: ctx.principal.userId, updatedAt: new Date() }, $inc: { version: 1 } }, { upsert: true });
    return schedule;
  };
