import { DomainError } from '../src/errors/codes';
import { provedByFiles, requirementsMissing } from '../src/readmodels/requirement-files';

const known = new Map([
  ['att_cus_a', { customerId: 'c-1', kind: 'REQUIREMENT' }],
  ['att_cus_b', { customerId: 'c-1', kind: 'BACKING_DOCUMENT' }],
  ['att_cus_other', { customerId: 'c-2', kind: 'REQUIREMENT' }],
  ['att_cus_logo', { customerId: 'c-1', kind: 'CLAIM_EVIDENCE' }],
]);

describe('a requirement counts only when its file exists (issue #16)', () => {
  it('a known file of the customer and of an allowed kind proves its document (spelled upper-case, first file wins)', () => {
    const r = provedByFiles(
      'c-1',
      [
        { document: ' request_letter ', attachmentId: 'att_cus_a' },
        { document: 'TAX_ID', attachmentId: 'att_cus_b' },
        { document: 'REQUEST_LETTER', attachmentId: 'att_cus_b' },
      ],
      known,
      ['REQUIREMENT', 'BACKING_DOCUMENT'],
    );
    expect(r.proved).toEqual([
      { document: 'REQUEST_LETTER', attachmentId: 'att_cus_a' },
      { document: 'TAX_ID', attachmentId: 'att_cus_b' },
    ]);
    expect(r.refused).toEqual([]);
  });

  it("an unknown file (not uploaded, another tenant's, still arriving), another customer's or another kind does not count, each with why", () => {
    const r = provedByFiles(
      'c-1',
      [
        { document: 'ID_DOCUMENT', attachmentId: 'att_cus_nowhere' },
        { document: 'TAX_ID', attachmentId: 'att_cus_other' },
        { document: 'POWER_OF_ATTORNEY', attachmentId: 'att_cus_logo' },
        { document: 'REQUEST_LETTER', attachmentId: 'att_cus_b' },
      ],
      known,
      ['REQUIREMENT'],
    );
    expect(r.proved).toEqual([]);
    expect(r.refused.map((f) => [f.document, f.reason])).toEqual([
      ['ID_DOCUMENT', 'UNKNOWN'],
      ['TAX_ID', 'OTHER_CUSTOMER'],
      ['POWER_OF_ATTORNEY', 'WRONG_KIND'],
      ['REQUEST_LETTER', 'WRONG_KIND'],
    ]);
  });

  it('R-SAL-2 the refusal lists what is missing and each file that did not count; retryable only when a file may still be travelling', () => {
    const unknown = requirementsMissing(['TAX_ID'], [{ document: 'TAX_ID', attachmentId: 'att_cus_x', reason: 'UNKNOWN' }], 'R-SAL-2');
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown.kind).toBe('rule_violated');
    expect(unknown.message).toMatch(/^Requirements incomplete: missing TAX_ID; files that do not count: TAX_ID \(att_cus_x: not known here/);
    expect(unknown.details).toEqual({
      rule: 'R-SAL-2',
      missing: ['TAX_ID'],
      refusedFiles: [{ document: 'TAX_ID', attachmentId: 'att_cus_x', reason: 'UNKNOWN' }],
      retryable: true,
    });
    const foreign = requirementsMissing([], [{ document: 'TAX_ID', attachmentId: 'att_cus_y', reason: 'OTHER_CUSTOMER' }]);
    expect(foreign.details).toEqual({ missing: [], refusedFiles: [{ document: 'TAX_ID', attachmentId: 'att_cus_y', reason: 'OTHER_CUSTOMER' }] });
    expect(foreign.message).toContain("another customer's file");
  });
});
