import { complianceDueAt, complianceDueOn } from '../src/domain/work-queues';

describe('the compliance queue order (issue #15)', () => {
  test('the version under review is due when its committed delivery day starts in the tenant zone; other states wait in no queue', () => {
    const proposals = [{ committedDeliveryDate: '2026-06-10' }, { committedDeliveryDate: '2026-06-03' }];
    expect(complianceDueOn({ status: 'IN_COMPLIANCE_REVIEW', proposals } as never)).toBe('2026-06-03');
    expect(complianceDueOn({ status: 'RETURNED_BY_COMPLIANCE', proposals } as never)).toBeNull();
    expect(complianceDueAt('2026-06-03', 'America/La_Paz')).toEqual(new Date('2026-06-03T04:00:00Z'));
    expect(complianceDueAt(null, 'America/La_Paz')).toBeNull();
  });
});
