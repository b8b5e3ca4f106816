import { authorize, badInput, type RequestContext } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { applyScheduleChange, effectiveSchedules, type ReportSchedule } from '../domain/schedule';
import { saveSettings, settingsOf } from '../store/settings.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

const admin = (ctx: RequestContext) => {
  authorize(policy, 'configureNotifications', ctx.principal);
  return ctx.principal.tenantId;
};

export const reportSchedules =
  (deps: ResolverDeps): NonNullable<QueryResolvers['reportSchedules']> =>
  async (_p, _a, ctx) => {
    const settings = await settingsOf(deps.settings, admin(ctx));
    return effectiveSchedules(settings?.schedules ?? []);
  };

/** Checked first (every problem named, nothing stored on any); then the tenant's entry for that report replaced. */
export const setReportSchedule =
  (deps: ResolverDeps): NonNullable<MutationResolvers['setReportSchedule']> =>
  async (_p, { input }, ctx) => {
    const tenantId = admin(ctx);
    const current = (await settingsOf(deps.settings, tenantId))?.schedules ?? [];
    const { schedule, problems } = applyScheduleChange(current, input);
    if (!schedule) throw badInput(problems.join('; '), problems[0]!.split(':')[0]);
    const schedules: ReportSchedule[] = [...current.filter((s) => s.report !== schedule.report), schedule];
    await saveSettings(deps.settings, tenantId, { schedules }, ctx.principal.userId);
    return schedule;
  };
