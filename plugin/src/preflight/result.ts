/*
 * The preflight result (the `result` of the --json envelope). The keys of the issue's
 * interface (org, checks, scope, inScopeUsers, summary, apiCalls) are stable; the rest are
 * extras.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type PreflightCheck = {
  id: string;
  title: string;
  status: CheckStatus;
  message: string;
  remediation: string[];
  setupLink?: { label: string; path: string };
  [extra: string]: unknown;
};

export type PreflightResult = {
  org: { id: string; name: string; edition: string; instanceUrl: string; isSandbox: boolean; myDomain?: string | null };
  checks: PreflightCheck[];
  scope: {
    mode: 'all' | 'users' | 'groups';
    entries: number;
    unmatched: Array<{ row: number; value: string }>;
    file?: string;
    /** The header of the column read, and the other recognized columns that were not read. */
    column?: string;
    unusedColumns?: string[];
    duplicates?: Array<{ row: number; value: string; firstRow: number }>;
    notMonitored: Array<{ row: number; value: string; reason: 'inactive' | 'noExportReports'; username: string }>;
  };
  inScopeUsers: Array<{ id: string; username: string; name: string; email: string; grantedBy: string[] }>;
  summary: { pass: number; warn: number; fail: number; skip: number };
  apiCalls: number;
  // extras
  status: 'pass' | 'warn' | 'fail';
  connectionStatus: { state: string; message: string; causes: string[] };
  serviceUsers: Array<Record<string, unknown>>;
  holdersTotal: number | null;
  activeSessionUserIds: string[];
  limits: { dailyApiRequests: { max: number; remaining: number } } | null;
  apiVersion: string;
  unavailable: Record<string, string>;
  notes: string[];
  /** Facts of the authorization checks (connected app, Code42's OAuth token without its values, licences). */
  connection?: Record<string, unknown> | null;
  savedResultId?: string;
};
