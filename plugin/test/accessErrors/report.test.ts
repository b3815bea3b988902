/*
 * access-errors' wording of what reading observed: a log file's trouble becomes the JSON result's
 * `problems` entry (keys in their public order) with its sentence from messages/code42.access-errors.md.
 */
import { expect } from 'chai';
import type { LogFileTrouble } from '../../src/accessErrors/gather.js';
import { wordProblem } from '../../src/accessErrors/report.js';

const file = { logFileId: '0AT000000000D04AAA', logDate: '2024-05-04T00:00:00.000+0000', interval: 'Daily' as const };

describe('access-errors report: log file problems', () => {
  it('keeps the JSON keys in their public order', () => {
    const problem = wordProblem({ ...file, rowsCounted: 3, kind: 'truncated', detail: '10 of 20 bytes' });
    expect(Object.keys(problem)).to.deep.equal(['logFileId', 'logDate', 'interval', 'kind', 'message', 'rowsCounted']);
    expect(problem).to.deep.include({ ...file, kind: 'truncated', rowsCounted: 3 });
  });

  it('says what is counted for each kind of trouble', () => {
    const message = (trouble: LogFileTrouble): string => wordProblem(trouble).message;
    expect(message({ ...file, rowsCounted: 3, kind: 'truncated', detail: '10 of 20 bytes' })).to.equal(
      'The file is cut short (10 of 20 bytes read). The 3 complete rows read are counted.'
    );
    expect(message({ ...file, rowsCounted: 1, kind: 'csv', detail: 'CSV_QUOTE_NOT_CLOSED: x' })).to.equal(
      'The file is damaged and could not be read to the end (CSV_QUOTE_NOT_CLOSED: x). The 1 complete rows before the damage are counted.'
    );
    expect(message({ ...file, rowsCounted: 0, kind: 'notALogFile', detail: 'empty file' })).to.equal(
      'The download is not an Insufficient Access log file (empty file); nothing from it is counted.'
    );
    expect(message({ ...file, rowsCounted: 2, kind: 'download', detail: 'ECONNRESET: socket hang up' })).to.equal(
      'The download broke off (ECONNRESET: socket hang up). The 2 complete rows read before that are counted.'
    );
    expect(message({ ...file, rowsCounted: 0, kind: 'refused', errorCode: 'INSUFFICIENT_ACCESS', detail: 'No access.' })).to.equal(
      'Salesforce refused the download (INSUFFICIENT_ACCESS: No access.); nothing from this file is counted.'
    );
    expect(message({ ...file, rowsCounted: 0, kind: 'notRead', detail: 'The request timed out.' })).to.equal(
      'Not read: The request timed out. It was tried again and still failed; nothing from this file is counted.'
    );
  });
});
