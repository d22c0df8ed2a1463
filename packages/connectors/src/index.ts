/**
 * @conn/connectors — the bundled connector catalog: one folder per connector
 * (manifest, and later its probe / collector / upload validator and importer)
 * and the registry that hands them to the setup engine and the server.
 *
 * Individual manifests are deliberately not exported: consumers reach a
 * connector through the registry by key, so no code outside this package
 * needs to name one.
 */

export { BatchingEmitter, maxBatchSize } from './batching-emitter';
export { bundledConnectors, createBundledRegistry } from './create-bundled-registry';
export type {
  AccountIdentity,
  BlobPutOptions,
  BlobReference,
  BlobSink,
  CollectedRecord,
  CollectionResult,
  Collector,
  CollectorInput,
  ConnectionFields,
  ConnectorDefinition,
  ConnectorImplementations,
  FetchFunction,
  HydrationStatus,
  ImportProvenance,
  Probe,
  ProbeInput,
  ProbeResult,
  RecordSink,
  StagedFile,
  StreamCounts,
  UploadAcquisition,
  UploadedFile,
  UploadImporter,
  UploadImportInput,
  UploadValidationInput,
  UploadValidationReport,
  UploadValidator,
} from './implementation';
export { invalidUploadReport } from './invalid-upload-report';
export { ProviderError, type ProviderErrorCode, type ProviderErrorFacts } from './provider-error';
export { type ConnectorDefinitionInput, ConnectorRegistry } from './registry';
