/*
 * The one exit-code module: what each command's --help promises, decided in one place.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  accessErrorsExitCode,
  exitCodeFor,
  EXIT_WATCH_NOT_RUNNING,
  USAGE_EXIT_CODE,
  watchExitCode,
} from '../../src/shared/exitCodes.js';

describe('exit codes', () => {
  it('preflight: 1 only when a check reaches --fail-on', () => {
    const checks = [{ status: 'pass' }, { status: 'warn' }, { status: 'skip' }];
    expect(exitCodeFor(checks, 'fail')).to.equal(0);
    expect(exitCodeFor(checks, 'warn')).to.equal(1);
    expect(exitCodeFor([...checks, { status: 'fail' }], 'fail')).to.equal(1);
  });

  it('access-errors: 1 only when a finding fails (the log files could not be read), warnings exit 0', () => {
    expect(accessErrorsExitCode([{ status: 'info' }, { status: 'warn' }])).to.equal(0);
    expect(accessErrorsExitCode([{ status: 'warn' }, { status: 'fail' }])).to.equal(1);
    expect(accessErrorsExitCode([])).to.equal(0);
  });

  it('watch status: 3 when the watch is not scheduled, 0 when it is', () => {
    expect(watchExitCode(true)).to.equal(0);
    expect(watchExitCode(false)).to.equal(3);
  });

  it('the codes are the ones the --help texts and package.json list', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      oclif: { exitCodes: Record<string, number> };
    };
    expect(pkg.oclif.exitCodes.failedFlagParsing).to.equal(USAGE_EXIT_CODE);
    const read = (name: string): string => readFileSync(new URL(`../../messages/${name}.md`, import.meta.url), 'utf8');
    expect(read('code42.preflight')).to.contain(`- ${USAGE_EXIT_CODE}: bad flags or files`);
    expect(read('code42.access-errors')).to.contain(`- ${USAGE_EXIT_CODE}: bad flags or files`);
    expect(read('code42.watch')).to.contain(`- ${EXIT_WATCH_NOT_RUNNING}: the watch is not scheduled`);
  });
});
