// Typed access to the local org simulator (scripts/org-simulator, plain ESM JavaScript) for
// the end-to-end tests.
import * as sim from '@code42-companion/org-simulator';

export type SimRequest = {
  method: string;
  path: string;
  soql?: string;
  subrequests?: Array<{ method: string; url: string; soql?: string }>;
  apiCall: boolean;
  write: boolean;
  status: number;
};
export type Fault = {
  kind:
    | 'invalid-session'
    | 'request-limit'
    | 'server-error'
    | 'unavailable'
    | 'hang'
    | 'slow'
    | 'malformed'
    | 'html'
    | 'garbage'
    | 'empty'
    | 'close'
    | 'drip'
    | 'api-error';
  /** `where` (api-error only): a field the query's WHERE clause filters on. */
  match?: { path?: string | RegExp; object?: string; soap?: boolean; method?: string; where?: string };
  times?: number;
  delayMs?: number;
  status?: number;
  retryAfter?: number;
  afterBytes?: number;
  chunkBytes?: number;
  intervalMs?: number;
  /** api-error: the error the resource (or its Composite subrequest) answers. */
  errorCode?: string;
  message?: string;
};
export type SimOrg = { objects: Record<string, Array<Record<string, unknown>>>; [key: string]: unknown };
export type Simulator = {
  instanceUrl: string;
  accessToken: string;
  apiVersion?: string;
  requests: SimRequest[];
  org: SimOrg;
  apiCalls(): number;
  writeRequests(): SimRequest[];
  resetLog(): void;
  setFaults(faults: Fault[]): void;
  faultsFired(): number[];
  certificate?: string;
  stop(): Promise<void>;
};

export const startSimulator = sim.startSimulator as unknown as (options: {
  org: SimOrg;
  pageSize?: number;
  latencyMs?: number;
  faults?: Fault[];
  https?: boolean;
}) => Promise<Simulator>;
export const buildDemoOrg = sim.buildDemoOrg as unknown as (options?: { adminLacks?: string[] }) => SimOrg;
/** What the demo org's delegated administrator lacks (the demo-delegated-admin fixture). */
export const DEMO_DELEGATED_ADMIN_LACKS = sim.DEMO_DELEGATED_ADMIN_LACKS as unknown as string[];
export const demoScopeCsvs = sim.demoScopeCsvs as unknown as (org: SimOrg) => { usersCsv: string; groupsCsv: string };
/** The benchmark's generated org: `users` active users, about 20% of them holding Export Reports. */
export const generateOrg = sim.generateOrg as unknown as (options: { users: number; seed?: number }) => { org: SimOrg; groupsCsv: string };
export const buildScenarioOrg = sim.buildScenarioOrg as unknown as (name: string) => SimOrg;
export const simulatorCliEnv = sim.cliEnv as unknown as (
  simulator: Simulator,
  options: { home: string; extra?: Record<string, string>; trustCertificate?: boolean }
) => NodeJS.ProcessEnv;
