export { runImport, type ImportOutcome, type ImportRequest, type ImportTrigger } from './import-pipeline/run-import';
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
