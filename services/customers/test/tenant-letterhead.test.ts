import { defaultTenantPolicy, DEFAULT_TENANT_SETTINGS } from '@vinculo/common';
import { domainErrorOf } from '@vinculo/common/testing';
import { decideSettingsChange } from '../src/domain/tenant';
import { tenantPolicyData } from '../src/events/snapshots';

const policy = defaultTenantPolicy('BOB');
const profile = { name: 'coop', ...DEFAULT_TENANT_SETTINGS };

describe('configureTenant: the letterhead of generated documents (issue #16)', () => {
  test('tax id and address set trimmed, kept by later changes, cleared by an empty string; the same values change nothing', () => {
    const set = decideSettingsChange(profile, policy, { taxId: ' 1020304050 ', address: 'Calle Jordán 250, Cochabamba' }).profile;
    expect(set).toMatchObject({ taxId: '1020304050', address: 'Calle Jordán 250, Cochabamba' });
    expect(decideSettingsChange(set, policy, { name: 'Cooperativa' }).profile).toMatchObject({
      name: 'Cooperativa',
      taxId: '1020304050',
      address: 'Calle Jordán 250, Cochabamba',
    });
    expect(decideSettingsChange(set, policy, { taxId: '' }).profile.taxId).toBeNull();
    expect(domainErrorOf(() => decideSettingsChange(set, policy, { taxId: '1020304050' })).message).toBe('nothing to change');
    expect(domainErrorOf(() => decideSettingsChange(set, policy, { address: 'x' })).details.field).toBe('address');
    const withLogo = decideSettingsChange(set, policy, { logoAttachmentId: 'att_cus_1' }).profile;
    expect(withLogo).toMatchObject({ taxId: '1020304050', logoAttachmentId: 'att_cus_1' });
    expect(decideSettingsChange(withLogo, policy, { logoAttachmentId: '' }).profile.logoAttachmentId).toBeNull();
  });

  test('the TenantPolicyChanged snapshot carries them only when set (optional in v1)', () => {
    const base = { ...profile, policy };
    expect(tenantPolicyData({ ...base, taxId: null, address: null }, 2)).not.toHaveProperty('taxId');
    expect(tenantPolicyData({ ...base, taxId: '1020304050', address: 'Calle Jordán 250' }, 2)).toMatchObject({
      taxId: '1020304050',
      address: 'Calle Jordán 250',
    });
    const logo = { attachmentId: 'att_cus_1', contentType: 'image/png' as const, base64: 'iVBORw0K' };
    expect(tenantPolicyData({ ...base, logo }, 2).logo).toEqual(logo);
  });
});
