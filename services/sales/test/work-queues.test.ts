import { installedAtOf } from '../src/domain/work-queues';

const h = (to: string, at: string) => ({ from: null, to, by: 'x', at: new Date(at) });

describe('the completion-call queue order (issue #15)', () => {
  test('an INSTALLED order is ordered by its last installation; any other status waits in no call queue', () => {
    const history = [
      h('PLACED', '2026-05-01T10:00:00Z'),
      h('INSTALLED', '2026-05-02T10:00:00Z'),
      h('TECHNICAL_FOLLOW_UP', '2026-05-03T10:00:00Z'),
      h('INSTALLED', '2026-05-04T10:00:00Z'),
    ];
    expect(installedAtOf({ status: 'INSTALLED', history } as never)).toEqual(new Date('2026-05-04T10:00:00Z'));
    expect(installedAtOf({ status: 'COMPLETED', history } as never)).toBeNull();
  });
});
