/*
 * Salesforce Code Analyzer's Graph Engine (SFGE, @salesforce/code-analyzer-sfge-engine): the
 * data-flow analysis of the AppExchange security review (FLS and sharing on every path from an
 * entry point: @AuraEnabled, @RestResource, Schedulable..., DML in loops, null dereferences),
 * run through @salesforce/code-analyzer-core beside PMD (apex-checks.mjs). Severity 1 (Critical)
 * and 2 (High) fail; 3-5 are reported. Needs Java 11+ on the PATH, like PMD.
 *
 * Usage: node scripts/apex-checks/sfge.mjs [dir=force-app] [--json]
 * Exit code 1 on a failing violation, 2 when the engine cannot run (the reason is printed).
 */
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FAILING_SEVERITY = 2;

const rel = (file) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/');

export async function runSfge(dir = path.join(PROJECT_ROOT, 'force-app')) {
  const { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } = require('@salesforce/code-analyzer-core');
  const sfgeEngine = require('@salesforce/code-analyzer-sfge-engine');
  const analyzer = new CodeAnalyzer(CodeAnalyzerConfig.withDefaults());
  const errors = [];
  analyzer.onEvent(EventType.LogEvent, (event) => {
    if (event.logLevel <= LogLevel.Error) errors.push(event.message);
  });
  await analyzer.addEnginePlugin(sfgeEngine.createEnginePlugin());
  if (!analyzer.getEngineNames().includes('sfge')) {
    throw new Error(`The Graph Engine did not start (is Java 11+ on the PATH?). ${errors.join(' ')}`);
  }
  // The whole source tree: SFGE resolves custom objects and fields from their metadata.
  const workspace = await analyzer.createWorkspace([path.resolve(dir)]);
  const selection = await analyzer.selectRules(['sfge'], { workspace });
  const results = await analyzer.run(selection, { workspace });
  const engineErrors = [];
  const runResults = results.getEngineRunResults ? results.getEngineRunResults('sfge') : null;
  if (runResults && runResults.getEngineErrors) engineErrors.push(...runResults.getEngineErrors());
  const findings = results.getViolations().map((v) => {
    const loc = v.getPrimaryLocation();
    const severity = v.getRule().getSeverityLevel();
    return {
      file: loc.getFile() ? rel(loc.getFile()) : '(unknown file)',
      line: loc.getStartLine(),
      rule: v.getRule().getName(),
      severity,
      failing: severity <= FAILING_SEVERITY,
      message: `${v.getRule().getName()} (severity ${severity}): ${v.getMessage().trim()}`
    };
  });
  return {
    rules: selection.getEngineNames().includes('sfge') ? selection.getRulesFor('sfge').map((r) => r.getName()) : [],
    findings,
    errors: [...errors, ...engineErrors],
    failed: findings.some((f) => f.failing)
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) || path.join(PROJECT_ROOT, 'force-app');
  if (!fs.existsSync(dir)) {
    console.error(`sfge: ${dir} does not exist`);
    process.exit(2);
  }
  runSfge(dir)
    .then((result) => {
      if (args.includes('--json')) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        for (const f of result.findings) console.log(`${f.failing ? 'FAIL' : 'info'} ${f.file}:${f.line} ${f.message}`);
        for (const e of result.errors) console.log(`error ${e}`);
        const failing = result.findings.filter((f) => f.failing).length;
        console.log(`Graph Engine: ${result.rules.length} rule(s): ${result.rules.join(', ')}`);
        console.log(`sfge: ${failing === 0 ? 1 : 0} passed, ${failing === 0 ? 0 : 1} failed (${failing} failing violation(s), ${result.findings.length - failing} other)`);
      }
      process.exitCode = result.failed ? 1 : 0;
    })
    .catch((err) => {
      console.error(`sfge: the Graph Engine could not run: ${err.stack || err.message}`);
      console.log('sfge: 0 passed, 1 failed');
      process.exitCode = 2;
    });
}
