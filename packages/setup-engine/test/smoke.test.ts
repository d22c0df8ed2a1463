import { describe, expect, it } from 'vitest';
import { parseManifest, planSetup, SetupPlanSchema } from '../src/index';

describe('smoke', () => {
  it('plans a static-secret connector', () => {
    const m = parseManifest({
      key: 'demo',
      name: 'Demo',
      description: 'A demo',
      category: 'code',
      streams: [{ name: 'items', label: 'Items', description: 'Items', record_key: 'id' }],
      setup: {
        modality: 'static_secret',
        credential_kind: 'api_key',
        fields: [{ name: 'token', label: 'API key', type: 'password', secret: true }],
      },
    });
    const plan = planSetup(m, {
      deployment: {
        credential_key_provider: 'env',
        provider_apps: [],
        public_origin: 'http://127.0.0.1:7777',
      },
      proofs: [],
      implementations: { demo: ['collector', 'probe'] },
    });
    expect(plan.support_state).toBe('proof_gated');
    expect(SetupPlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });
});
