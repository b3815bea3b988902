/*
 * The Facts v1 structure the CLI fills (documented in code42Rules.js), and what the preflight
 * gatherer hands to its runner besides the facts: the user lists the JSON result shows.
 */
import type { Holder } from '../scope/holders.js';
import type { NotMonitored } from '../scope/users.js';
import type { ScopeEntry } from '../scope/scopeFile.js';
import type { ConnectionFacts } from './connection.js';

export type ScopeMode = 'all' | 'users' | 'groups';

export type ServiceUserFacts = {
  id: string;
  username: string;
  name: string;
  email: string;
  isActive: boolean;
  profileName: string | null;
  licenseName: string | null;
  lastLoginDate: string | null;
  isFrozen: boolean | null;
  isPasswordLocked: boolean | null;
  loginsLastHour: number | null;
  loginRateExceeded: boolean | null;
  permissionGrants: Record<string, Array<{ type: string; name: string }>> | null;
  unknownPermissions: string[];
};

export type Facts = {
  factsVersion: number;
  source: 'cli';
  collectedAt: string;
  org?: { id: string; name: string; edition: string; isSandbox: boolean; instanceUrl: string; myDomain?: string | null } | null;
  eventMonitoring?: { available: boolean; evidence: string } | null;
  streams?: Record<string, boolean> | null;
  serviceUserSelection: { requested?: string };
  serviceUsers?: ServiceUserFacts[] | null;
  holders?: { totalCount: number; inScopeCount: number } | null;
  scope: { mode: ScopeMode; entries: number; unmatched: ScopeEntry[] };
  sessions?: { inScopeUsersWithSessions: number } | null;
  limits?: { dailyApiRequests: { max: number; remaining: number } } | null;
  /** Permissions found by their describe label (REQUIRED_PERMISSIONS findByLabel): key -> field name. */
  permissionApiNames?: Record<string, string>;
  connection?: ConnectionFacts | null;
  unavailable: Record<string, string>;
};

/** The user lists behind the scope facts (what the preflight's JSON result lists). */
export type ScopeUsers = {
  /** Active Export Reports holders in the whole org (null: could not be read, or the scope failed). */
  holders: Holder[] | null;
  /** Holders in the chosen scope (what Code42 will monitor); empty when `holders` is null. */
  inScopeUsers: Holder[];
  /** Scope-file rows that are users Code42 will not monitor, and why. */
  notMonitored: NotMonitored[];
};

/** Everything the preflight read: the facts the rules evaluate, and the lists its result shows. */
export type PreflightGathered = {
  facts: Facts;
  users: ScopeUsers;
  /** In-scope users with an active session (AuthSession). */
  sessionsUserIds: string[];
  /** Notes about partial data an admin should know (e.g. roles could not be read). */
  notes: string[];
};
