import { provedRequirements } from '../src/domain/requirements';

describe('postsale: a requirement brought later counts only with its file (issue #16)', () => {
  test('names with a file are proved; a name without one is reported; a file alone proves its requirement', () => {
    const { proved, unproved } = provedRequirements(
      ['ID_DOCUMENT', 'TAX_ID'],
      [
        { requirement: 'ID_DOCUMENT', attachmentId: 'att_cus_1' },
        { requirement: 'POWER_OF_ATTORNEY', attachmentId: 'att_cus_2' },
      ],
    );
    expect(unproved).toEqual(['TAX_ID']);
    expect([...proved]).toEqual([
      ['ID_DOCUMENT', 'att_cus_1'],
      ['POWER_OF_ATTORNEY', 'att_cus_2'],
    ]);
  });
});
