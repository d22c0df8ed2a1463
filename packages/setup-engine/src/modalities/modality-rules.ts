import type { z } from 'zod';
import type { Manifest, ManualUploadSetupSchema, SetupDescriptorOf } from '../manifest';
import type { NextStep, PlanDescriptor, ReadinessBlocker } from '../plan';
import type { PlanningContext } from '../planning-context';
import type { Remediation } from '../setup-state';
import type { ImplementationKind, Modality, SetupState, ValidationMode } from '../vocabulary';

/** A manifest whose setup block is of modality `M`. */
export type ManifestOf<M extends Modality> = Manifest & { setup: SetupDescriptorOf<M> };

/** Where a modality's records are collected. */
export type CollectionSite = 'server' | 'device' | 'upload' | 'none';

/** The upload rules of a file-import modality: which files, how large, how many. */
export type UploadRules = z.infer<typeof ManualUploadSetupSchema>['upload'];

/**
 * What turns a first setup into a working connection: the first accepted
 * ingest of a draft, a finished import of uploaded files, or the provider's
 * authorization (which creates the connection active).
 */
export type FirstSyncEnd =
  | 'first_ingest_accepted'
  | 'import_done'
  | 'authorization_completed'
  | null;

/** The facts a failed first sync is repaired from. */
export interface FailedFirstSync {
  connectionId: string;
  /** The failed run's error code, when it has one. */
  errorCode: string | null;
}

/** A connection the owner's next step lands on. */
export interface StepConnection {
  id: string;
  /** True when the owner took the path without a recorded proof. */
  unproven: boolean;
}

/**
 * Every rule of one setup modality, in one record. The planner, the setup
 * state projection and the services look these up instead of switching on
 * the modality; one file per modality holds its record.
 */
export interface ModalityRules<M extends Modality = Modality> {
  readonly modality: M;
  /** Who collects the records; the server's worker runs only `server` collections. */
  readonly collectionSite: CollectionSite;
  /** The path reaches a remote provider, so it needs a recorded proof before it is `supported`. */
  readonly proofGated: boolean;
  /** Implementations the server must have registered before the modality can run at all. */
  readonly requiredImplementations: readonly ImplementationKind[];
  /** The path stores sealed secrets (credential, tokens), so it needs the credential key. */
  readonly sealsSecrets: boolean;
  /** The setup state of a draft that holds no credential (and has no run) yet. */
  readonly awaitingState: Extract<
    SetupState,
    'awaiting_credential' | 'awaiting_owner_action' | 'awaiting_collector'
  >;
  /**
   * Whether a first pass that ends without an accepted record fails the
   * setup (a server sync, an import) or leaves it waiting for the next pass
   * (a device collector, for as long as its enrollment lives).
   */
  readonly firstPassFinal: boolean;
  /** Why a connection of this modality needs attention, and what reconnecting does, in owner words. */
  readonly attentionReason: string;
  /**
   * How an owner renews a credential the provider said is about to expire:
   * by entering a new one (a token), or by reconnecting (signing in at the
   * provider again).
   */
  readonly renewsCredentialBy: 'replacing' | 'reconnecting';
  /** What ends its first setup. */
  readonly firstSyncEnd: FirstSyncEnd;
  /**
   * Whether an unproven attempt may be offered with these implementations
   * registered: only where something here could carry it out.
   */
  offersUnprovenAttempt(registered: readonly ImplementationKind[]): boolean;
  /** When a credential is known to work; null for paths without an owner-typed credential. */
  validationMode(registered: readonly ImplementationKind[]): ValidationMode | null;
  /** The plan descriptor surfaces render, from the manifest's setup block. */
  describe(manifest: ManifestOf<M>, context: PlanningContext): PlanDescriptor;
  /** The owner's step before any connection exists, as taken when the owner goes ahead. */
  stepWithoutConnection(manifest: ManifestOf<M>, unproven: boolean): NextStep;
  /** The same step pointed at a connection that exists (its credential form, its enrollment). */
  stepWithConnection(manifest: ManifestOf<M>, connection: StepConnection): NextStep;
  /** The modality's own deployment prerequisites this deployment lacks (beyond the credential key). */
  blockers(manifest: ManifestOf<M>, context: PlanningContext): ReadinessBlocker[];
  /** The one repair offered when a first sync ended without turning the draft active. */
  firstSyncRepair(failed: FailedFirstSync): Remediation;
  /** The upload rules, for modalities that import files. */
  acceptedFiles(manifest: ManifestOf<M>): UploadRules | null;
}
