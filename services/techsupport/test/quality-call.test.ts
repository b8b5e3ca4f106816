import { domainErrorOf } from '@vinculo/common/testing';
import { decideMigrationQualityCall, decideRepairQualityCall } from '../src/domain/quality-call';

const repaired = { status: 'CLOSED_RESOLVED' as const, workOrderId: 'wo_1', qualityCall: null, service: 'INTERNET' as const, referencePhone: '70712345' };

describe('quality-control calls after field work (§3 E.12, K.17)', () => {
  it('§3 E.12 a repaired ticket: OK ends it; NOT_OK raises a ticket on the repaired service and phone unless others are given', () => {
    expect(decideRepairQualityCall(repaired, { outcome: 'OK', notes: ' works ' })).toEqual({ notes: 'works', raiseTicket: null });
    expect(decideRepairQualityCall(repaired, { outcome: 'NOT_OK' })).toEqual({ notes: null, raiseTicket: { service: 'INTERNET', referencePhone: '70712345' } });
    expect(
      decideRepairQualityCall({ ...repaired, status: 'CLOSED_UNRESOLVED' }, { outcome: 'NOT_OK', service: 'LINE', referencePhone: '4412345' }).raiseTicket,
    ).toEqual({ service: 'LINE', referencePhone: '4412345' });
  });

  it('§3 E.12 a NOT_OK call on a ticket of unknown service or without a phone needs them (BAD_USER_INPUT)', () => {
    expect(domainErrorOf(() => decideRepairQualityCall({ ...repaired, service: 'UNSPECIFIED' }, { outcome: 'NOT_OK' }))).toMatchObject({
      kind: 'invalid_input',
      details: { field: 'service' },
    });
    expect(domainErrorOf(() => decideRepairQualityCall({ ...repaired, referencePhone: null }, { outcome: 'NOT_OK' }))).toMatchObject({
      kind: 'invalid_input',
      details: { field: 'referencePhone' },
    });
  });

  it('§3 E.12 only once, only after the work order closed the ticket, never for a ticket solved remotely', () => {
    expect(domainErrorOf(() => decideRepairQualityCall({ ...repaired, status: 'DISPATCHED' }, { outcome: 'OK' })).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideRepairQualityCall({ ...repaired, qualityCall: 'OK' }, { outcome: 'OK' })).kind).toBe('already_exists');
    expect(domainErrorOf(() => decideRepairQualityCall({ ...repaired, status: 'CLOSED_UNFOUNDED', workOrderId: null }, { outcome: 'OK' })).kind).toBe(
      'illegal_transition',
    );
  });

  it('§3 K.17 after an accepted migration whose work order closed, once; NOT_OK names the service and a phone', () => {
    const accepted = { migration: 'ACCEPTED' as const, qualityCall: null };
    expect(decideMigrationQualityCall(accepted, 'CLOSED_RESOLVED', { outcome: 'OK' })).toEqual({ notes: null, raiseTicket: null });
    expect(decideMigrationQualityCall(accepted, 'CLOSED_RESOLVED', { outcome: 'NOT_OK', service: 'INTERNET', referencePhone: '70700000' }).raiseTicket).toEqual(
      { service: 'INTERNET', referencePhone: '70700000' },
    );
    expect(domainErrorOf(() => decideMigrationQualityCall(accepted, 'CLOSED_RESOLVED', { outcome: 'NOT_OK', referencePhone: '70700000' })).kind).toBe(
      'invalid_input',
    );
    expect(domainErrorOf(() => decideMigrationQualityCall(accepted, 'IN_PROGRESS', { outcome: 'OK' })).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideMigrationQualityCall(accepted, null, { outcome: 'OK' })).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideMigrationQualityCall({ migration: 'DECLINED', qualityCall: null }, null, { outcome: 'OK' })).kind).toBe(
      'illegal_transition',
    );
    expect(domainErrorOf(() => decideMigrationQualityCall({ ...accepted, qualityCall: 'NOT_OK' }, 'CLOSED_RESOLVED', { outcome: 'OK' })).kind).toBe(
      'already_exists',
    );
  });
});
