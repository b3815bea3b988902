/*
 * The org the access-errors command tests run against, built with the simulator's OrgBuilder and
 * served in-process: the admin running the command, the service user code42@acme.com (assigned
 * Code42_Service_Account), Ana and Raj, and InsufficientAccess event log files whose LogFile
 * bodies the simulator serves. The simulator evaluates the EventLogFile and user queries.
 */
import { REQUIRED_PERMISSIONS, SERVICE_PERMISSION_SET } from '@code42-companion/rules';
import { newOrgBuilder, type OrgBuilder, type SimOrg } from '../helpers/simulatedOrg.js';
import { logFile, type Row as LogRow } from './helpers.js';

type Row = Record<string, any>;
export type EventOrg = { b: OrgBuilder; service: Row; ana: Row; raj: Row; serviceAssignment: Row };

/** One InsufficientAccess log file; `cut` serves only that many characters of its body (a truncated download). */
export function addLogFile(b: OrgBuilder, logDate: string, interval: 'Hourly' | 'Daily', rows: LogRow[], opts: { cut?: number } = {}): Row {
  const text = logFile(rows);
  const file = b.eventLogFile('InsufficientAccess', { csv: text });
  Object.assign(file, { LogDate: logDate, Interval: interval, LogFileLength: Buffer.byteLength(text), CreatedDate: logDate });
  if (opts.cut) (b.org.logFiles as Record<string, string>)[file.Id as string] = text.slice(0, opts.cut);
  return file;
}

/** Builds the org; `edit` adds log files or changes it before it is built. */
export function eventOrg(edit?: (o: EventOrg) => void): SimOrg {
  const b = newOrgBuilder({ name: 'Acme', domain: 'acme.com' });
  b.license('Salesforce', 'SFDC', 100);
  b.profile('System Administrator', {
    custom: false,
    perms: ['ApiEnabled', 'ModifyAllData', 'ViewAllData', 'CustomizeApplication', 'ViewSetup', 'ManageUsers', 'ViewEventLogFiles', 'ViewRealTimeEventMonitoringData', 'ExportReport'],
  });
  b.profile('Standard User', { custom: false, perms: ['ApiEnabled', 'RunReports'] });
  b.permissionSet(SERVICE_PERMISSION_SET, 'Code42 Service Account', REQUIRED_PERMISSIONS.map((p) => p.name));
  const admin = b.user({ first: 'Sam', last: 'Admin', username: 'admin@acme.com', profile: 'System Administrator', lastLoginDaysAgo: 0 });
  b.org.currentUserId = admin.Id;
  const service = b.user({ first: 'Code42', last: 'Service', username: 'code42@acme.com', profile: 'Standard User' });
  const serviceAssignment = b.assign(service, SERVICE_PERMISSION_SET);
  const ana = b.user({ first: 'Ana', last: '', username: 'ana@acme.com', profile: 'Standard User' });
  const raj = b.user({ first: 'Raj', last: '', username: 'raj@acme.com', profile: 'Standard User' });
  edit?.({ b, service, ana, raj, serviceAssignment });
  return b.build();
}
