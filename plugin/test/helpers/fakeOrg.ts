/*
 * A tiny in-memory org for unit tests: answers the REST Composite, query, describe, limits and
 * Metadata SOAP requests the preflight makes, and records every request so tests can count
 * API calls and prove the run is read-only. Plug it into TestContext.fakeConnectionRequest.
 */
import type { AnyJson } from '@salesforce/ts-types';
import { holderRow } from './assignmentRows.js';

export type Rec = Record<string, any>;
export type FailSpec = { status: number; errorCode: string; message: string };

export type FakeOrgState = {
  org: Rec;
  serviceUsers: Rec[]; // User-like rows: Id, Username, Name, Email, IsActive, ...
  serviceAssignments: Rec[]; // PermissionSetAssignment rows for service users
  userLogins: Rec[];
  loginHistory: Rec[]; // aggregate rows: UserId, Status, logins
  holders: Rec[]; // PermissionSetAssignment rows with Assignee.*
  sessions: Rec[];
  groupComponents: Rec[];
  muting: Rec[];
  groups: Rec[];
  groupMembers: Rec[];
  roles: Rec[];
  users: Rec[]; // all users for lookups: Id, Username, Email, IsActive
  permissionSetFields: string[];
  assignmentFields: string[];
  eventEntities: string[]; // which of ReportEvent/ReportEventStream exist
  streams: Record<string, boolean> | null; // null -> no record
  soapFault?: { code: string; message: string };
  limits: { Max: number; Remaining: number } | null;
  /** Fail a subrequest whose referenced object/path matches the key (regex source). */
  failures: Record<string, FailSpec>;
  /** Throw for the whole HTTP request when the URL matches. */
  throwFor?: { match: RegExp; error: Error };
  pageSize: number;
  createResult?: Rec;
  createError?: FailSpec;
  // The authorization checks (src/facts/connection.ts)
  oauthTokens?: Rec[];
  connectedApps?: Rec[];
  connectedAppAccess?: Rec[];
  userLicenses?: Rec[];
  /** Describe labels of PermissionSet fields (name -> label). */
  permissionSetLabels?: Record<string, string>;
  /** Metadata API Profile records by fullName (loginIpRanges, loginHours). */
  profiles?: Record<string, { loginIpRanges?: Array<Record<string, string>>; loginHours?: Record<string, string> }>;
};

export type RequestLog = Array<{ method: string; url: string; body?: string; subrequests?: Array<{ method: string; url: string }> }>;

export const ORG_ID = '00D000000000001EAA';

export function baseState(): FakeOrgState {
  return {
    org: { Id: ORG_ID, Name: 'Acme', OrganizationType: 'Enterprise Edition', IsSandbox: false, InstanceName: 'NA1' },
    serviceUsers: [
      {
        Id: '005000000000SVCAAA',
        Username: 'code42@acme.com',
        Name: 'Code42 Service',
        Email: 'code42@acme.com',
        IsActive: true,
        LastLoginDate: '2026-01-01T00:00:00.000+0000',
        Profile: { Name: 'Minimum Access - Salesforce', UserLicense: { Name: 'Salesforce' } },
      },
    ],
    serviceAssignments: [
      {
        AssigneeId: '005000000000SVCAAA',
        PermissionSetId: '0PS000000000001AAA',
        PermissionSet: {
          Name: 'Code42_Service_Account',
          Label: 'Code42 Service Account',
          Type: 'Regular',
          IsOwnedByProfile: false,
          PermissionsApiEnabled: true,
          PermissionsCustomizeApplication: true,
          PermissionsViewSetup: true,
          PermissionsViewRoles: true,
          PermissionsManageCustomPermissions: true,
          PermissionsViewRealTimeEventMonitoringData: true,
          PermissionsManagePvtRptsAndDashbds: true,
        },
        PermissionSetGroupId: null,
        ExpirationDate: null,
        IsActive: true,
      },
    ],
    userLogins: [{ UserId: '005000000000SVCAAA', IsFrozen: false, IsPasswordLocked: false }],
    loginHistory: [{ UserId: '005000000000SVCAAA', Status: 'Success', logins: 12 }],
    holders: [
      holderRow('005000000000AAAAAA', 'alice@acme.com', { profile: 'System Administrator' }),
      holderRow('005000000000BBBAAA', 'bob@acme.com', { permissionSet: 'Report_Exporters' }),
    ],
    sessions: [],
    groupComponents: [],
    muting: [],
    groups: [],
    groupMembers: [],
    roles: [],
    users: [],
    permissionSetFields: [
      'Id',
      'Name',
      'PermissionsExportReport',
      'PermissionsApiEnabled',
      'PermissionsCustomizeApplication',
      'PermissionsViewSetup',
      'PermissionsViewRoles',
      'PermissionsManageCustomPermissions',
      'PermissionsViewRealTimeEventMonitoringData',
      'PermissionsManagePvtRptsAndDashbds',
      'PermissionsApiUserOnly',
    ],
    assignmentFields: ['Id', 'AssigneeId', 'PermissionSetId', 'PermissionSetGroupId', 'ExpirationDate', 'IsActive'],
    eventEntities: ['ReportEvent', 'ReportEventStream'],
    streams: { LoginEventStream: true, LogoutEventStream: true, ReportEventStream: true },
    limits: { Max: 15000, Remaining: 14000 },
    failures: {},
    pageSize: 2000,
    // Healthy authorization: Code42's app is installed, admits the Code42_Service_Account permission
    // set, and the service user's token was used an hour ago.
    connectedApps: [{ Id: '0H4000000000001AAA', Name: 'Code42 for Salesforce', OptionsAllowAdminApprovedUsersOnly: true }],
    connectedAppAccess: [{ SetupEntityId: '0H4000000000001AAA', Parent: { Name: 'Code42_Service_Account', IsOwnedByProfile: false, Profile: null } }],
    oauthTokens: [
      {
        AppName: 'Code42 for Salesforce',
        UserId: '005000000000SVCAAA',
        CreatedDate: '2026-01-01T00:00:00.000+0000',
        LastUsedDate: new Date(Date.now() - 3_600_000).toISOString(),
        UseCount: 1234,
      },
    ],
    userLicenses: [{ Name: 'Salesforce', TotalLicenses: 100, UsedLicenses: 40 }],
    permissionSetLabels: { PermissionsApiUserOnly: 'API Only User' },
    profiles: { 'Minimum Access - Salesforce': {} },
  };
}

function profileXml(profiles: NonNullable<FakeOrgState['profiles']>, names: string[]): string {
  const records = names.map((name) => {
    const p = profiles[name];
    if (!p) return '<records xsi:nil="true"/>';
    const ranges = (p.loginIpRanges ?? [])
      .map((r) => `<loginIpRanges>${Object.entries(r).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</loginIpRanges>`)
      .join('');
    const hours = p.loginHours ? `<loginHours>${Object.entries(p.loginHours).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</loginHours>` : '';
    return `<records xsi:type="Profile"><fullName>${name}</fullName>${ranges}${hours}</records>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><readMetadataResponse><result>${records.join('')}</result></readMetadataResponse></soapenv:Body></soapenv:Envelope>`
  );
}

function soapXml(streams: Record<string, boolean> | null): string {
  const events = streams
    ? Object.entries(streams)
        .map(([name, on]) => `<realTimeEvents><entityName>${name}</entityName><isEnabled>${on}</isEnabled></realTimeEvents>`)
        .join('')
    : '';
  const record = streams ? `<records xsi:type="RealTimeEventSettings"><fullName>RealTimeEvent</fullName>${events}</records>` : '<records xsi:nil="true"/>';
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><readMetadataResponse><result>${record}</result></readMetadataResponse></soapenv:Body></soapenv:Envelope>`
  );
}

export function soapFaultXml(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="http://soap.sforce.com/2006/04/metadata">' +
    `<soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${message}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  );
}

function httpError(status: number, errorCode: string, message: string): Error {
  const error = new Error(message) as Error & { errorCode: string; data: unknown };
  error.name = errorCode;
  error.errorCode = errorCode;
  error.data = { status };
  return error;
}

const idsIn = (soql: string): string[] => {
  const m = /IN \(([^)]*)\)/.exec(soql);
  return m ? m[1].split(',').map((s) => s.trim().replace(/^'|'$/g, '')) : [];
};

export class FakeOrg {
  public readonly log: RequestLog = [];
  private cursors = new Map<string, Rec[]>();
  private cursorSeq = 0;

  public constructor(public state: FakeOrgState = baseState()) {}

  /** Number of HTTP requests (API calls) made. */
  public get calls(): number {
    return this.log.length;
  }

  /** Requests made by the preflight itself (core's own auth/org checks use absolute URLs). */
  public get callsAfterAuth(): number {
    return this.log.filter((r) => r.url.startsWith('/')).length;
  }

  public handler() {
    return async (request: AnyJson): Promise<AnyJson> => this.handle(request as Rec) as AnyJson;
  }

  public handle(request: Rec): unknown {
    const url = String(request.url);
    const method = String(request.method ?? 'GET');
    const entry: RequestLog[number] = { method, url, body: typeof request.body === 'string' ? request.body : undefined };
    this.log.push(entry);
    if (this.state.throwFor && this.state.throwFor.match.test(url)) throw this.state.throwFor.error;

    if (url.includes('/services/Soap/m/')) {
      if (this.state.soapFault) {
        throw httpError(500, 'ERROR_HTTP_500', soapFaultXml(this.state.soapFault.code, this.state.soapFault.message));
      }
      const body = String(request.body ?? '');
      if (/<met:type>Profile<\/met:type>/.test(body)) {
        const names = [...body.matchAll(/<met:fullNames>([^<]*)<\/met:fullNames>/g)].map((m) => m[1]);
        return profileXml(this.state.profiles ?? {}, names);
      }
      return soapXml(this.state.streams);
    }
    if (/\/composite$/.test(url) && method === 'POST') {
      const body = JSON.parse(String(request.body)) as { compositeRequest: Rec[] };
      entry.subrequests = body.compositeRequest.map((s) => ({ method: s.method, url: s.url }));
      const queries = body.compositeRequest.filter((s) => /\/query/.test(String(s.url))).length;
      if (body.compositeRequest.length > 25 || queries > 5) {
        throw httpError(400, 'INVALID_BATCH_REQUEST', 'too many subrequests');
      }
      return {
        compositeResponse: body.compositeRequest.map((s) => {
          const { status, body: subBody } = this.sub(String(s.url));
          return { body: subBody, httpStatusCode: status, referenceId: s.referenceId, httpHeaders: {} };
        }),
      };
    }
    if (/\/limits$/.test(url)) {
      if (!this.state.limits) throw httpError(404, 'NOT_FOUND', 'no limits');
      return { DailyApiRequests: this.state.limits };
    }
    if (/\/sobjects\/[A-Za-z0-9_]+$/.test(url) && method === 'POST') {
      if (this.state.createError) {
        const e = this.state.createError;
        throw httpError(e.status, e.errorCode, e.message);
      }
      return this.state.createResult ?? { id: 'a00000000000001AAA', success: true, errors: [] };
    }
    const { status, body } = this.sub(url);
    if (status >= 400) {
      const err = (body as Rec[])[0];
      throw httpError(status, err.errorCode, err.message);
    }
    return body;
  }

  private failureFor(key: string): FailSpec | undefined {
    for (const [pattern, spec] of Object.entries(this.state.failures)) {
      if (new RegExp(pattern).test(key)) return spec;
    }
    return undefined;
  }

  private sub(url: string): { status: number; body: unknown } {
    const fail = (spec: FailSpec): { status: number; body: unknown } => ({
      status: spec.status,
      body: [{ errorCode: spec.errorCode, message: spec.message }],
    });
    const next = /\/query\/(cursor\d+)-(\d+)$/.exec(url);
    if (next) {
      const rows = this.cursors.get(next[1]) ?? [];
      return { status: 200, body: this.page(next[1], rows, Number(next[2])) };
    }
    const q = /\/query\?q=(.*)$/.exec(url);
    if (q) {
      const soql = decodeURIComponent(q[1]);
      const failure = this.failureFor(soql);
      if (failure) return fail(failure);
      const rows = this.rowsFor(soql);
      const cursor = `cursor${++this.cursorSeq}`;
      this.cursors.set(cursor, rows);
      return { status: 200, body: this.page(cursor, rows, 0) };
    }
    const d = /\/sobjects\/([A-Za-z0-9_]+)\/describe$/.exec(url);
    if (d) {
      const failure = this.failureFor(`describe:${d[1]}`);
      if (failure) return fail(failure);
      const name = d[1];
      if (name === 'PermissionSet') {
        // Describe labels as Salesforce gives them; permissions with unpublished API names are found by their label.
        const labels: Record<string, string> = {
          PermissionsViewRealTimeEventMonitoringData: 'View Real-Time Event Monitoring Data',
          ...(this.state.permissionSetLabels ?? {}),
        };
        return { status: 200, body: { name, fields: this.state.permissionSetFields.map((f) => ({ name: f, label: labels[f] ?? f })) } };
      }
      if (name === 'PermissionSetAssignment') return { status: 200, body: { name, fields: this.state.assignmentFields.map((f) => ({ name: f })) } };
      if (this.state.eventEntities.includes(name)) return { status: 200, body: { name, fields: [{ name: 'Id' }] } };
      return fail({ status: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' });
    }
    return fail({ status: 404, errorCode: 'NOT_FOUND', message: `unknown ${url}` });
  }

  private page(cursor: string, rows: Rec[], offset: number): Rec {
    const size = this.state.pageSize;
    const records = rows.slice(offset, offset + size);
    const done = offset + size >= rows.length;
    return {
      totalSize: rows.length,
      done,
      records,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v62.0/query/${cursor}-${offset + size}` }),
    };
  }

  private rowsFor(soql: string): Rec[] {
    const s = this.state;
    if (/FROM Organization/.test(soql)) return [s.org];
    if (/FROM User WHERE/.test(soql)) {
      const values = new Set(
        [...soql.matchAll(/IN \(([^)]*)\)/g)].flatMap((m) => m[1].split(',').map((v) => v.trim().replace(/^'|'$/g, '').toLowerCase()))
      );
      return [...s.serviceUsers, ...s.users.filter((u) => !s.serviceUsers.includes(u))].filter((u) => values.has(String(u.Username).toLowerCase()) || values.has(String(u.Email).toLowerCase()) || values.has(String(u.Id).toLowerCase()));
    }
    if (/FROM PermissionSetAssignment WHERE PermissionSet.Name =/.test(soql)) {
      return s.serviceUsers.map((u) => ({ AssigneeId: u.Id, Assignee: u }));
    }
    if (/FROM PermissionSetAssignment WHERE AssigneeId IN/.test(soql)) {
      const ids = idsIn(soql);
      return s.serviceAssignments.filter((a) => ids.includes(a.AssigneeId));
    }
    if (/FROM PermissionSetAssignment WHERE PermissionSet.PermissionsExportReport = true/.test(soql)) return s.holders;
    if (/FROM UserLogin/.test(soql)) return s.userLogins;
    if (/FROM LoginHistory/.test(soql)) return s.loginHistory;
    if (/FROM AuthSession/.test(soql)) return s.sessions;
    if (/FROM PermissionSetGroupComponent/.test(soql)) return s.groupComponents;
    if (/FROM MutingPermissionSet/.test(soql)) return s.muting;
    if (/FROM Group WHERE/.test(soql)) return s.groups;
    if (/FROM GroupMember/.test(soql)) {
      const ids = idsIn(soql).map((i) => i.toUpperCase());
      return s.groupMembers.filter((m) => ids.includes(String(m.GroupId).toUpperCase()));
    }
    if (/FROM UserRole/.test(soql)) return s.roles;
    if (/FROM OauthToken/.test(soql)) return s.oauthTokens ?? [];
    if (/FROM SetupEntityAccess/.test(soql)) return s.connectedAppAccess ?? [];
    if (/FROM ConnectedApplication/.test(soql)) return s.connectedApps ?? [];
    if (/FROM UserLicense/.test(soql)) return s.userLicenses ?? [{ Name: 'Salesforce', TotalLicenses: 100, UsedLicenses: 40 }];
    throw new Error(`FakeOrg: no answer for ${soql}`);
  }
}
