export { runImport, type ImportMode, type ImportOutcome, type ImportRequest, type ImportTrigger } from './import-pipeline/run-import';
export { describeImportFailure, type ImportFailure } from './import-pipeline/failure';
export { drainImportQueue, enqueueImport, isPending, runNextImport, runQueuedImport, waitForImport } from './import-pipeline/queue';
export { applyImport, discardImport } from './import-pipeline/review';
export { listPlannedChanges, type PlannedChange, type PlannedChangeKind } from './import-pipeline/plan';
export {
  getImport,
  getImportFeed,
  listImportChanges,
  listImportLogs,
  listImports,
  type ImportChange,
  type ImportListItem,
  type ImportLogLine,
} from './import-pipeline/queries';
