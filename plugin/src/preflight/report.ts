/*
 * Human output of the preflight: the org line, the connection status Code42 would show, a
 * checks table, remediation steps (with Setup paths) for warnings and failures, the in-scope
 * count, partial-data notes, and the API calls spent. Pure: returns text; the command prints.
 */
import { Messages } from '@salesforce/core';
import { formatCount } from '@code42-companion/rules';
import { failingChecks, type FailOn } from '../shared/exitCodes.js';
import type { PreflightResult } from './result.js';
import { boundRow } from '../shared/tableCells.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');

const STATUS_LABEL: Record<string, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };
const count = (n: number): string => formatCount(n) as string;

export type CheckRow = { status: string; id: string; check: string; message: string };

export function checkRows(result: PreflightResult): CheckRow[] {
  return result.checks.map((c) => boundRow({ status: STATUS_LABEL[c.status] ?? c.status, id: c.id, check: c.title, message: c.message }));
}

export function headerLines(result: PreflightResult): string[] {
  const o = result.org;
  const lines = [
    messages.getMessage('report.org', [
      o.name || '?',
      o.id || '?',
      o.edition || '?',
      o.isSandbox ? messages.getMessage('report.sandbox') : '',
      o.instanceUrl,
    ]),
  ];
  if (o.myDomain) {
    lines.push(messages.getMessage('report.myDomain', [o.myDomain]));
    if (o.isSandbox) lines.push(`  ${messages.getMessage('report.myDomainSandbox')}`);
  }
  if (result.connectionStatus) {
    lines.push(messages.getMessage('report.connection', [result.connectionStatus.state, result.connectionStatus.message]));
  }
  return lines;
}

export function remediationLines(result: PreflightResult): string[] {
  const problems = result.checks.filter((c) => c.status === 'warn' || c.status === 'fail');
  if (problems.length === 0) return [];
  const lines = [messages.getMessage('report.remediation')];
  for (const c of problems) {
    lines.push('', `${STATUS_LABEL[c.status]}  ${c.title} [${c.id}]`, `  ${c.message}`);
    c.remediation.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
    if (c.setupLink) lines.push(`  ${messages.getMessage('report.setup', [c.setupLink.label, c.setupLink.path])}`);
  }
  return lines;
}

/** Checks that could not run, with the full reason (the table may cut it short). */
export function skippedLines(result: PreflightResult): string[] {
  const skipped = result.checks.filter((c) => c.status === 'skip');
  if (skipped.length === 0) return [];
  return ['', messages.getMessage('report.skipped'), ...skipped.map((c) => `  - ${c.title} [${c.id}]: ${c.message}`)];
}

export function footerLines(result: PreflightResult, options: { outputFile?: string; failOn: FailOn; exitCode: number }): string[] {
  const lines: string[] = [];
  if (result.holdersTotal === null) lines.push(messages.getMessage('report.inScopeUnknown'));
  else
    lines.push(
      messages.getMessage('report.inScope', [
        `${count(result.inScopeUsers.length)} ${result.inScopeUsers.length === 1 ? 'user' : 'users'}`,
        count(result.holdersTotal),
      ])
    );
  if (result.scope.file) {
    const column = result.scope.column ? `read the "${result.scope.column}" column` : 'read its single column (no header)';
    const unused = result.scope.unusedColumns?.length
      ? `; ${result.scope.unusedColumns.map((c) => `"${c}"`).join(', ')} ${result.scope.unusedColumns.length === 1 ? 'is' : 'are'} also there and not used`
      : '';
    lines.push(messages.getMessage('report.scopeColumn', [result.scope.file, column + unused]));
  }
  if (result.scope.notMonitored.length > 0) {
    const shown = result.scope.notMonitored
      .slice(0, 10)
      .map((n) => `row ${n.row}: ${n.value} (${n.reason === 'inactive' ? 'inactive user' : 'no Export Reports'})`)
      .join('; ');
    const more = result.scope.notMonitored.length > 10 ? `; and ${result.scope.notMonitored.length - 10} more` : '';
    lines.push(messages.getMessage('report.notMonitored', [shown + more]));
  }
  if (options.outputFile) lines.push(messages.getMessage('report.outputFile', [options.outputFile]));
  if (result.notes.length > 0) {
    lines.push(messages.getMessage('report.notes'), ...result.notes.map((n) => `  - ${n}`));
  }
  const daily = result.limits?.dailyApiRequests;
  lines.push(
    messages.getMessage('report.apiCalls', [
      String(result.apiCalls),
      daily ? `${count(daily.remaining)} of ${count(daily.max)}` : 'unknown',
    ])
  );
  if (result.savedResultId) lines.push(messages.getMessage('report.saved', [result.savedResultId]));
  if (options.exitCode !== 0) {
    const reached = failingChecks(result.checks, options.failOn);
    lines.push(messages.getMessage('report.exit', [String(options.exitCode), String(reached.length), options.failOn]));
  }
  return lines;
}
