/** One audit entry as the table shows it: times and JSON already formatted on the server. */
export interface AuditRow {
  id: number;
  atIso: string;
  atRelative: string;
  atAbsolute: string;
  actor: string;
  action: string;
  applicationSlug: string | null;
  applicationName: string | null;
  summary: string;
  before: string | null;
  after: string | null;
}
