import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseScopeCsv, readScopeCsv } from '../../src/scope/scopeFile.js';

const values = (text: string | Buffer, kind: 'users' | 'groups' = 'users'): string[] =>
  parseScopeCsv(text, kind, 'scope.csv').entries.map((e) => e.value);

const errorOf = (fn: () => unknown): { message: string; actions?: string[] } => {
  try {
    fn();
  } catch (error) {
    return error as { message: string; actions?: string[] };
  }
  throw new Error('expected an error');
};

describe('scopeCsv', () => {
  it('strips a BOM and reads CRLF lines under a named header', () => {
    const parsed = parseScopeCsv('\uFEFFUsername\r\na@x.com\r\nb@x.com\r\n', 'users', 'u.csv');
    expect(parsed.entries).to.deep.equal([
      { row: 2, value: 'a@x.com' },
      { row: 3, value: 'b@x.com' },
    ]);
    expect(parsed.column).to.equal('Username');
  });

  it('reads quoted fields containing the delimiter and picks the named column among several', () => {
    expect(values('Name,Email\n"Smith, Ann",ann@x.com\n"Doe, Jo","jo@x.com"\n')).to.deep.equal(['ann@x.com', 'jo@x.com']);
  });

  it('detects ; as the delimiter', () => {
    expect(values('Group Name;Owner\nSales;ann\n"Support; Tier 2";jo\n', 'groups')).to.deep.equal(['Sales', 'Support; Tier 2']);
  });

  it('header names are matched without case, spaces or underscores (USER_NAME, Developer Name)', () => {
    expect(values('Title,USER_NAME\nx,a@x.com\n')).to.deep.equal(['a@x.com']);
    expect(values('Label,Developer Name\nSales Team,Sales_Team\n', 'groups')).to.deep.equal(['Sales_Team']);
  });

  it('a single unnamed column is read whole, header-less', () => {
    expect(values('a@x.com\n005000000000001\n\n  b@x.com  \n')).to.deep.equal(['a@x.com', '005000000000001', 'b@x.com']);
  });

  it('an empty file and a header-only file have no entries', () => {
    expect(values('')).to.deep.equal([]);
    expect(values('\uFEFF\r\n\r\n')).to.deep.equal([]);
    expect(values('Username\r\n')).to.deep.equal([]);
  });

  it('keeps more than 1,000 entries (the scope-entries check fails them, not the parser)', () => {
    const text = ['email', ...Array.from({ length: 1500 }, (_, i) => `u${i}@x.com`)].join('\n');
    expect(values(text)).to.have.length(1500);
  });

  it('several columns without a known header: error naming the file, row and the accepted names', () => {
    const e = errorOf(() => parseScopeCsv('foo,bar\n1,2\n', 'users', '/some/dir/people.csv'));
    expect(e.message).to.include('people.csv, row 1');
    expect((e.actions ?? []).join(' ')).to.include('username, email');
  });

  it('binary content (a spreadsheet) is refused with the fix', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
    const e = errorOf(() => parseScopeCsv(zip, 'users', 'users.xlsx'));
    expect(e.message).to.include('users.xlsx is not a CSV file');
    expect((e.actions ?? []).join(' ')).to.include('CSV UTF-8');
  });

  it('broken quoting is reported with the row', () => {
    const e = errorOf(() => parseScopeCsv('Username\na@x.com\n"b@x.com\n', 'users', 'u.csv'));
    expect(e.message).to.match(/u\.csv is not valid CSV at row \d/);
  });

  it('a missing file is an actionable error', async () => {
    try {
      await readScopeCsv(join(mkdtempSync(join(tmpdir(), 'c42-')), 'missing.csv'), 'users');
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).message).to.include('Cannot read the scoping CSV');
    }
  });

  it('reads from disk', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'c42-')), 'g.csv');
    writeFileSync(file, 'Id\n00G000000000001\n');
    expect((await readScopeCsv(file, 'groups')).entries).to.deep.equal([{ row: 2, value: '00G000000000001' }]);
  });
});
