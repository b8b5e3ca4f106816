import type { DomainError } from '@vinculo/common';
import { decideTicketAssignment } from '../src/domain/ticket-assignment';

const at = new Date('2026-05-04T14:00:00Z');
const kindOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).kind;
  }
  return 'none';
};

describe('damage ticket assignment (issue #15)', () => {
  test('an open ticket is assigned, then reassigned, each step in the history', () => {
    const first = decideTicketAssignment({ status: 'WITH_COORDINATOR', assigneeId: null }, ' ana-1 ', 'coord-1', at);
    expect(first).toEqual({
      set: { assigneeId: 'ana-1' },
      history: { from: 'WITH_COORDINATOR', to: 'WITH_COORDINATOR', by: 'coord-1', at, note: 'assigned to ana-1' },
    });
    const next = decideTicketAssignment({ status: 'DISPATCHED', assigneeId: 'ana-1' }, 'coord-2', 'coord-1', at);
    expect(next.history.note).toBe('reassigned from ana-1 to coord-2');
  });

  test('a closed ticket is a wrong state, the same person an act already done, a blank person bad input', () => {
    expect(kindOf(() => decideTicketAssignment({ status: 'CLOSED_RESOLVED' }, 'ana-1', 'c', at))).toBe('illegal_transition');
    expect(kindOf(() => decideTicketAssignment({ status: 'IN_REMOTE_DIAGNOSIS', assigneeId: 'ana-1' }, 'ana-1', 'c', at))).toBe('already_exists');
    expect(kindOf(() => decideTicketAssignment({ status: 'IN_REMOTE_DIAGNOSIS' }, '  ', 'c', at))).toBe('invalid_input');
  });
});
