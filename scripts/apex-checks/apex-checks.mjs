/*
 * Apex checks that need no org:
 *   (a) syntax and formatting: prettier + prettier-plugin-apex parse every .cls/.trigger with
 *       Salesforce's own Apex parser (jorje). A parse error is a finding with its line; code that
 *       prettier would change is an "unformatted" finding (fix: npm run prettier).
 *   (b) PMD's recommended Apex rules through @salesforce/code-analyzer-core and the PMD engine
 *       (Java 17+). Severity 1 (Critical) and 2 (High) are failures; 3-5 are reported only.
 *
 * Usage: node scripts/apex-checks/apex-checks.mjs [dir=force-app] [--json] [--no-pmd]
 * Exit code 1 when any failure is found (syntax error, unformatted file, PMD severity 1-2).
 */
import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';
import * as prettier from 'prettier';

const require = createRequire(import.meta.url);
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** PMD severities that fail the check (code-analyzer SeverityLevel: 1 Critical, 2 High). */
export const FAILING_SEVERITY = 2;

export function findApexFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(cls|trigger)$/.test(entry.name)) out.push(full);
    }
  };
  walk(path.resolve(dir));
  return out.sort();
}

const rel = (file, root) => path.relative(root, file).split(path.sep).join('/');

/**
 * Line numbers of Apex parse errors, from the same native serializer prettier-plugin-apex uses
 * (prettier's error message carries no location). Empty when the binary is not available.
 */
function parseErrorLines(source, anonymous) {
  const pkg = `@prettier-apex/apex-ast-serializer-${process.platform}-${process.arch}`;
  let bin;
  try {
    bin = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), `apex-ast-serializer-${process.platform}-${process.arch}`);
  } catch {
    return [];
  }
  const result = spawnSync(bin, anonymous ? ['-a'] : [], { input: source, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 || !result.stdout) return [];
  const lines = [];
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.line === 'number') lines.push(node.line);
    for (const value of Object.values(node)) visit(value);
  };
  try {
    const ast = JSON.parse(result.stdout);
    const output = ast['apex.jorje.semantic.compiler.parser.ParserOutput'];
    for (const err of (output && output.parseErrors) || []) {
      const before = lines.length;
      visit(err);
      lines.splice(before + 1); // first location of each error
    }
  } catch {
    return [];
  }
  return lines;
}

/**
 * (a) Syntax and formatting. Returns findings [{ file, line?, kind: 'syntax'|'unformatted', message, failing }].
 */
export async function checkFormat(files, { root = PROJECT_ROOT } = {}) {
  const findings = [];
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const config = (await prettier.resolveConfig(file)) || {};
    const options = { ...config, filepath: file, plugins: config.plugins || ['prettier-plugin-apex'] };
    try {
      const formatted = await prettier.format(source, options);
      if (formatted !== source) {
        const a = source.split('\n');
        const b = formatted.split('\n');
        let line = 0;
        while (line < a.length && a[line] === b[line]) line += 1;
        findings.push({
          file: rel(file, root),
          line: line + 1,
          kind: 'unformatted',
          failing: true,
          message: `Not formatted as prettier-plugin-apex formats it (first difference at line ${line + 1}); run npm run prettier.`
        });
      }
    } catch (err) {
      const lines = parseErrorLines(source, false);
      const reason = String(err.message || err).replace(/\s+/g, ' ').trim();
      findings.push({
        file: rel(file, root),
        line: lines[0],
        kind: 'syntax',
        failing: true,
        message: `Apex syntax error${lines.length ? ` at line ${lines.join(', ')}` : ''}: ${reason}`
      });
    }
  }
  return findings;
}

/**
 * (b) PMD recommended rules. Returns findings [{ file, line, kind: 'pmd', rule, severity, message, failing }].
 * One JVM start per call: pass every file at once.
 */
export async function runPmd(files, { root = PROJECT_ROOT, selectors = ['pmd:Recommended'] } = {}) {
  if (files.length === 0) return [];
  const { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } = require('@salesforce/code-analyzer-core');
  const pmdEngine = require('@salesforce/code-analyzer-pmd-engine');
  const analyzer = new CodeAnalyzer(CodeAnalyzerConfig.withDefaults());
  const errors = [];
  analyzer.onEvent(EventType.LogEvent, (event) => {
    if (event.logLevel === LogLevel.Error) errors.push(event.message);
  });
  await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
  if (!analyzer.getEngineNames().includes('pmd')) {
    throw new Error(`The PMD engine did not start (is Java 11+ on the PATH?). ${errors.join(' ')}`);
  }
  const workspace = await analyzer.createWorkspace(files);
  const selection = await analyzer.selectRules(selectors, { workspace });
  const results = await analyzer.run(selection, { workspace });
  const findings = [];
  for (const v of results.getViolations()) {
    const loc = v.getPrimaryLocation();
    const severity = v.getRule().getSeverityLevel();
    findings.push({
      file: loc.getFile() ? rel(loc.getFile(), root) : '(unknown file)',
      line: loc.getStartLine(),
      kind: 'pmd',
      rule: v.getRule().getName(),
      severity,
      failing: severity <= FAILING_SEVERITY,
      message: `${v.getRule().getName()} (severity ${severity}): ${v.getMessage().trim()}`
    });
  }
  return findings;
}

/** Both checks over a directory. */
export async function checkApex(dir = path.join(PROJECT_ROOT, 'force-app'), { pmd = true, root = PROJECT_ROOT } = {}) {
  const files = findApexFiles(dir);
  const findings = [...(await checkFormat(files, { root }))];
  if (pmd) findings.push(...(await runPmd(files, { root })));
  return { files: files.map((f) => rel(f, root)), findings, failed: findings.some((f) => f.failing) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) || path.join(PROJECT_ROOT, 'force-app');
  const root = args.includes('--json') ? PROJECT_ROOT : process.cwd();
  checkApex(dir, { pmd: !args.includes('--no-pmd'), root })
    .then((result) => {
      if (args.includes('--json')) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        for (const f of result.findings) {
          console.log(`${f.failing ? 'FAIL' : 'info'} ${f.file}${f.line ? `:${f.line}` : ''} ${f.message}`);
        }
        const failing = result.findings.filter((f) => f.failing).length;
        console.log(`${result.files.length} Apex file(s) checked, ${failing} failing finding(s), ${result.findings.length - failing} other.`);
      }
      process.exitCode = result.failed ? 1 : 0;
    })
    .catch((err) => {
      console.error(err.stack || String(err));
      process.exitCode = 2;
    });
}
