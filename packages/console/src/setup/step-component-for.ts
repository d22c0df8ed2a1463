import type { NextStep } from '@conn/sdk';
import type { ComponentType } from 'react';
import { BrowserCollectorStep } from './browser-collector-step';
import { CollectorEnrollmentStep } from './collector-enrollment-step';
import { CredentialFormStep } from './credential-form-step';
import { DeploymentStep } from './deployment-step';
import { NoStep } from './no-step';
import { ProviderAuthorizationStep } from './provider-authorization-step';
import type { StepProps } from './step-props';
import { UploadStep } from './upload-step';

/**
 * The component that renders a next step, picked by its kind alone: the
 * console never decides a modality or a support state, it renders what the
 * plan's step and descriptor carry.
 */
export function stepComponentFor(kind: NextStep['kind']): ComponentType<StepProps> {
  switch (kind) {
    case 'capture_static_secret':
      return CredentialFormStep;
    case 'provide_import_file':
      return UploadStep;
    case 'enroll_local_collector':
      return CollectorEnrollmentStep;
    case 'open_provider_auth':
      return ProviderAuthorizationStep;
    case 'configure_deployment':
      return DeploymentStep;
    case 'enroll_browser_collector':
      return BrowserCollectorStep;
    case 'none':
    case 'unknown':
      return NoStep;
  }
}
