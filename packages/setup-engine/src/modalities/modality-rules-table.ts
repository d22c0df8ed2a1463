import type { Manifest } from '../manifest';
import type { Modality } from '../vocabulary';
import { browserBound } from './browser-bound';
import { localCollector } from './local-collector';
import { manualOrUpload } from './manual-or-upload';
import type { ModalityRules } from './modality-rules';
import { providerAuthorization } from './provider-authorization';
import { staticSecret } from './static-secret';
import { unsupported } from './unsupported';

/** Every modality's record; the mapped type makes a missing or mismatched one a type error. */
export const modalityRules: { readonly [M in Modality]: ModalityRules<M> } = {
  local_collector: localCollector,
  browser_bound: browserBound,
  static_secret: staticSecret,
  provider_authorization: providerAuthorization,
  manual_or_upload: manualOrUpload,
  unsupported,
};

/**
 * The rules of one modality.
 *
 * @example
 * if (rulesFor(modality).collectionSite === 'server') queueSync();
 */
export function rulesFor<M extends Modality>(modality: M): ModalityRules<M> {
  return modalityRules[modality] as ModalityRules<M>;
}

/**
 * The rules of a manifest's modality, typed so the manifest can be handed to them.
 *
 * @example
 * const step = rulesOf(manifest).stepWithoutConnection(manifest, false);
 */
export function rulesOf(manifest: Manifest): ModalityRules<Modality> {
  return rulesFor(manifest.setup.modality);
}
