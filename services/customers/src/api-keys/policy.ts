import { definePolicy } from '@vinculo/common';

/** Who may manage the tenant's API keys: its ADMIN only (a key grants machine access to the tenant). */
export const apiKeyPolicy = definePolicy({
  manageApiKeys: ['ADMIN'],
});
