import { badInput, toMinorUnits } from '@vinculo/common';
import { WORK_ORDER_TYPES, type WorkOrderType } from './work-order';

/** The technical-support numbers that are not in the tenant policy, with their documented defaults. */
export interface TechsupportSettingsValues {
  /** SLA hours per work-order type; absent/null = the policy's workOrderDeadlineDays (default: none set). */
  slaHours: Partial<Record<WorkOrderType, number | null>>;
  /** At risk once this percent of the SLA time elapsed (default 75). */
  atRiskPercent: number;
  /** Cable included in a fiber migration, metres (default 300). */
  includedCableM: number;
  /** Price per metre of excess cable, minor units (default 5.00). */
  excessCablePerMeterMinor: number;
}

export const DEFAULT_TECHSUPPORT_SETTINGS: Readonly<TechsupportSettingsValues> = Object.freeze({
  slaHours: {},
  atRiskPercent: 75,
  includedCableM: 300,
  excessCablePerMeterMinor: 500,
});

export function applySettingsChange(
  current: TechsupportSettingsValues,
  input: {
    slaHours?: { type: WorkOrderType; hours?: number | null }[] | null;
    atRiskPercent?: number | null;
    includedCableM?: number | null;
    excessCablePerMeter?: string | null;
  },
  currency: string,
): TechsupportSettingsValues {
  const next: TechsupportSettingsValues = { ...current, slaHours: { ...current.slaHours } };
  for (const s of input.slaHours ?? []) {
    if (!WORK_ORDER_TYPES.includes(s.type)) throw badInput(`unknown type ${s.type}`, 'slaHours');
    if (s.hours != null && (!Number.isInteger(s.hours) || s.hours < 1 || s.hours > 24 * 90))
      throw badInput('hours must be an integer from 1 to 2160', 'slaHours');
    next.slaHours[s.type] = s.hours ?? null;
  }
  if (input.atRiskPercent != null) {
    if (!Number.isInteger(input.atRiskPercent) || input.atRiskPercent < 1 || input.atRiskPercent > 99)
      throw badInput('atRiskPercent must be from 1 to 99', 'atRiskPercent');
    next.atRiskPercent = input.atRiskPercent;
  }
  if (input.includedCableM != null) {
    if (!Number.isInteger(input.includedCableM) || input.includedCableM < 0 || input.includedCableM > 100_000)
      throw badInput('includedCableM must be from 0 to 100000', 'includedCableM');
    next.includedCableM = input.includedCableM;
  }
  if (input.excessCablePerMeter != null) {
    const minor = toMinorUnits(input.excessCablePerMeter, currency);
    if (minor < 0) throw badInput('excessCablePerMeter cannot be negative', 'excessCablePerMeter');
    next.excessCablePerMeterMinor = minor;
  }
  return next;
}
