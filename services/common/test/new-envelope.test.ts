/**
 * Producers are checked against the generated event map: `newEnvelope`'s data must be its type's
 * contract data (EventVersionMap), from the type's own source, at a version the type has. Each
 * `@ts-expect-error` below is a compile-time refusal (`npm run typecheck:tests` fails if the
 * compiler stops refusing it); at run time the contract assert still refuses the same data.
 */
import { newEnvelope, SYSTEM_ACTOR } from '@vinculo/common';

const who = { tenantId: 'demo', actor: SYSTEM_ACTOR };
const stored = {
  attachmentId: 'att_cus_0123456789abcdef0123456789abcdef',
  customerId: 'cus_1',
  kind: 'REQUIREMENT',
  name: 'ci.pdf',
  contentType: 'application/pdf',
  size: 10,
  sha256: '0'.repeat(64),
} as const;

describe('newEnvelope is typed by the event map', () => {
  test('data that fits its contract: typed envelope of that type, version 1 when not named', () => {
    const e = newEnvelope('customers', who, { type: 'customers.AttachmentStored', subject: 'cus_1', data: stored });
    expect(e).toMatchObject({ type: 'customers.AttachmentStored', version: 1, source: 'customers', data: stored });
    const kind: 'REQUIREMENT' | 'BACKING_DOCUMENT' | 'CLAIM_EVIDENCE' | 'NETWORK_IMPORT' | 'LOGO' = e.data.kind; // the contract's enum, not string
    expect(kind).toBe('REQUIREMENT');
  });

  test('a value outside the contract enum is refused by the compiler and by the contract (GENERATED is no AttachmentStored kind)', () => {
    expect(() =>
      // @ts-expect-error GENERATED is not in customers.AttachmentStored v1's kind enum
      newEnvelope('customers', who, { type: 'customers.AttachmentStored', subject: 'cus_1', data: { ...stored, kind: 'GENERATED' } }),
    ).toThrow(/customers\.AttachmentStored v1/);
  });

  test('a missing required field is refused by the compiler and by the contract', () => {
    const { sha256: _dropped, ...partial } = stored;
    // @ts-expect-error sha256 is required by customers.AttachmentStored v1
    expect(() => newEnvelope('customers', who, { type: 'customers.AttachmentStored', subject: 'cus_1', data: partial })).toThrow(/sha256/);
  });

  test("another subgraph's event type or a version the type has no contract for does not compile", () => {
    // @ts-expect-error sales does not publish customers.* events
    expect(() => newEnvelope('sales', who, { type: 'customers.AttachmentStored', subject: 'cus_1', data: stored })).toThrow(
      'customers.AttachmentStored is published by customers, not sales',
    );
    // @ts-expect-error customers.AttachmentStored has only a v1 contract
    expect(() => newEnvelope('customers', who, { type: 'customers.AttachmentStored', version: 2, subject: 'cus_1', data: stored })).toThrow(/v2/);
  });
});
