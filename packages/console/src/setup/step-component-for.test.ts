import { nextStepKinds } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { BrowserCollectorStep } from './browser-collector-step';
import { CollectorEnrollmentStep } from './collector-enrollment-step';
import { CredentialFormStep } from './credential-form-step';
import { DeploymentStep } from './deployment-step';
import { NoStep } from './no-step';
import { ProviderAuthorizationStep } from './provider-authorization-step';
import { stepComponentFor } from './step-component-for';
import { UploadStep } from './upload-step';

describe('stepComponentFor', () => {
  it('picks one component for every next-step kind of the engine, and a neutral one for a kind it does not know', () => {
    const picked = Object.fromEntries(nextStepKinds.map((kind) => [kind, stepComponentFor(kind)]));
    expect(picked).toEqual({
      capture_static_secret: CredentialFormStep,
      provide_import_file: UploadStep,
      enroll_local_collector: CollectorEnrollmentStep,
      open_provider_auth: ProviderAuthorizationStep,
      configure_deployment: DeploymentStep,
      enroll_browser_collector: BrowserCollectorStep,
      none: NoStep,
    });
    expect(stepComponentFor('unknown')).toBe(NoStep);
  });
});
