import { Readable } from 'node:stream';
import { expect } from 'chai';
import { eventTime, parseIsoTimestamp, parseLogTimestamp } from '../../src/accessErrors/timestamps.js';
import { resolveWindow, WindowError } from '../../src/accessErrors/window.js';
import { AccessErrorAggregator } from '../../src/accessErrors/aggregate.js';
import { idMatchKeyIfId } from '../../src/salesforce/ids.js';
import { selectLogFiles, type LogFileRecord } from '../../src/accessErrors/logFiles/select.js';
import { parseLogFileStream } from '../../src/accessErrors/logFiles/parse.js';
import { ANA_18, RAJ_18, SERVICE_18, lazyLogFile, logFile, row, type Row } from './helpers.js';

const WEEK = { start: Date.parse('2024-05-01T00:00:00Z'), end: Date.parse('2024-05-07T23:59:59.999Z') };

describe('access-errors: timestamps', () => {
  it('reads TIMESTAMP as yyyyMMddHHmmss.SSS in GMT (the article example)', () => {
    expect(new Date(parseLogTimestamp('20130715233322.670')!).toISOString()).to.equal('2013-07-15T23:33:22.670Z');
    expect(new Date(parseLogTimestamp('20240102030405')!).toISOString()).to.equal('2024-01-02T03:04:05.000Z');
    expect(new Date(parseLogTimestamp('20240102030405.5')!).toISOString()).to.equal('2024-01-02T03:04:05.500Z');
  });

  it('rejects values that are not such a timestamp, including rolled-over parts', () => {
    for (const bad of ['', '2013-07-15', '20131315233322.670', '20130732233322.000', '20130715253322.000', 'abc', '2013071523332']) {
      expect(parseLogTimestamp(bad), bad).to.equal(undefined);
    }
  });

  it('reads TIMESTAMP_DERIVED as ISO-8601, with Z or an offset', () => {
    expect(parseIsoTimestamp('2015-07-27T11:32:59.555Z')).to.equal(Date.parse('2015-07-27T11:32:59.555Z'));
    expect(parseIsoTimestamp('2015-07-27T13:32:59.555+0200')).to.equal(Date.parse('2015-07-27T11:32:59.555Z'));
    expect(parseIsoTimestamp('2015-07-27 11:32')).to.equal(undefined);
  });

  it('prefers TIMESTAMP_DERIVED and falls back to TIMESTAMP, then ERROR_TIMESTAMP', () => {
    expect(eventTime({ TIMESTAMP_DERIVED: '2015-07-27T11:32:59.555Z', TIMESTAMP: '20130715233322.670' })).to.equal(Date.parse('2015-07-27T11:32:59.555Z'));
    expect(eventTime({ TIMESTAMP_DERIVED: '', TIMESTAMP: '20130715233322.670' })).to.equal(Date.parse('2013-07-15T23:33:22.670Z'));
    expect(eventTime({ ERROR_TIMESTAMP: '20130715233322.670' })).to.equal(Date.parse('2013-07-15T23:33:22.670Z'));
    expect(eventTime({ TIMESTAMP: 'garbage' })).to.equal(undefined);
  });
});

describe('access-errors: window', () => {
  const now = Date.parse('2024-05-10T12:00:00Z');
  it('defaults to the last 7 days', () => {
    expect(resolveWindow(undefined, undefined, now)).to.deep.equal({ start: now - 7 * 86400000, end: now });
  });
  it('reads dates as whole GMT days and date-times as given', () => {
    expect(resolveWindow('2024-05-01', '2024-05-07', now)).to.deep.equal(WEEK);
    expect(resolveWindow('2024-05-01T08:00:00+02:00', '2024-05-01T10:00', now)).to.deep.equal({
      start: Date.parse('2024-05-01T06:00:00Z'),
      end: Date.parse('2024-05-01T10:00:00Z'),
    });
  });
  it('refuses bad dates and a start after the end', () => {
    expect(() => resolveWindow('May 1', undefined, now)).to.throw(WindowError).with.property('reason', 'badStart');
    expect(() => resolveWindow(undefined, '2024-02-30', now)).to.throw(WindowError).with.property('reason', 'badEnd');
    expect(() => resolveWindow('2024-05-08', '2024-05-07', now)).to.throw(WindowError).with.property('reason', 'startAfterEnd');
  });
});

describe('access-errors: 15- and 18-character Ids', () => {
  it('compares a 15-character USER_ID with an 18-character Id, case-insensitively on the 18-character form', () => {
    expect(idMatchKeyIfId(SERVICE_18.slice(0, 15))).to.equal(idMatchKeyIfId(SERVICE_18));
    expect(idMatchKeyIfId(SERVICE_18.toLowerCase())).to.equal(idMatchKeyIfId(SERVICE_18));
    // Same letters, other case: another user.
    expect(idMatchKeyIfId('0055g000004xyzq')).not.to.equal(idMatchKeyIfId(SERVICE_18));
    expect(idMatchKeyIfId('not an id')).to.equal(undefined);
  });

  it('counts rows that only carry the 15-character USER_ID, and rows with only USER_ID_DERIVED', () => {
    const agg = new AccessErrorAggregator([{ id: SERVICE_18.slice(0, 15), username: 'svc@x.test', reasons: ['service user'] }], WEEK);
    expect(agg.add(row(SERVICE_18, '2024-05-02T10:00:00Z', { USER_ID_DERIVED: '' }))).to.equal('counted');
    expect(agg.add(row(SERVICE_18, '2024-05-02T11:00:00Z', { USER_ID: '' }))).to.equal('counted');
    expect(agg.add(row(ANA_18, '2024-05-02T11:00:00Z'))).to.equal('otherUser');
    const [group] = agg.result();
    expect(group.userId).to.equal(SERVICE_18);
    expect(group.count).to.equal(2);
  });
});

describe('access-errors: grouping', () => {
  it('groups by user, ACCESS_ERROR, ENTITY_TYPE and REQUESTED_ACCESS_LEVEL with counts, first/last time and up to 5 record ids', () => {
    const agg = new AccessErrorAggregator(
      [
        { id: SERVICE_18, username: 'svc@x.test', reasons: ['service user'] },
        { id: ANA_18, username: 'ana@x.test', reasons: ['requested'] },
      ],
      WEEK
    );
    const outcomes: string[] = [];
    const add = (r: Parameters<typeof agg.add>[0]): number => outcomes.push(agg.add(r));
    for (let i = 0; i < 7; i++) {
      add(row(SERVICE_18, `2024-05-0${i + 1}T0${i}:00:00Z`, { RECORD_ID: `001XXXXXXXXXX0${i}` }));
    }
    add(row(SERVICE_18, '2024-05-03T09:00:00Z', { RECORD_ID: '001XXXXXXXXXX00' })); // repeated record
    add(row(SERVICE_18, '2024-05-03T09:00:00Z', { ACCESS_ERROR: 'DATA_NOT_AVAILABLE' }));
    add(row(ANA_18, '2024-05-04T09:00:00Z', { ENTITY_TYPE: 'Case', REQUESTED_ACCESS_LEVEL: 'TRANSFER', ACTUAL_LOGGED_IN_USER_ID: RAJ_18.slice(0, 15) }));
    add(row(ANA_18, '2024-05-04T09:30:00Z', { ENTITY_TYPE: 'Case', REQUESTED_ACCESS_LEVEL: 'WRITE' }));
    add(row(SERVICE_18, '2024-04-30T23:59:59Z')); // before the window
    add(row(RAJ_18, '2024-05-04T09:00:00Z')); // not asked for
    add({ EVENT_TYPE: 'InsufficientAccess', USER_ID: SERVICE_18.slice(0, 15) }); // no time at all

    const groups = agg.result();
    expect(groups.map((g) => [g.username, g.accessError, g.entityType, g.requestedAccessLevel, g.count])).to.deep.equal([
      ['ana@x.test', 'NO_ACCESS', 'Case', 'TRANSFER', 1],
      ['ana@x.test', 'NO_ACCESS', 'Case', 'WRITE', 1],
      ['svc@x.test', 'NO_ACCESS', 'Account', 'READ', 8],
      ['svc@x.test', 'DATA_NOT_AVAILABLE', 'Account', 'READ', 1],
    ]);
    const svc = groups[2];
    expect(svc.firstTime).to.equal('2024-05-01T00:00:00.000Z');
    expect(svc.lastTime).to.equal('2024-05-07T06:00:00.000Z');
    expect(svc.exampleRecordIds).to.deep.equal(['001XXXXXXXXXX00', '001XXXXXXXXXX01', '001XXXXXXXXXX02', '001XXXXXXXXXX03', '001XXXXXXXXXX04']);
    expect(groups[0].initiatedByOthers).to.equal(1);
    expect(groups[0].initiatedBy).to.deep.equal([RAJ_18]);
    expect(groups[1].initiatedByOthers).to.equal(0);
    const tally = (o: string): number => outcomes.filter((x) => x === o).length;
    expect([agg.counted, tally('counted'), tally('outsideWindow'), tally('otherUser'), tally('unreadable')]).to.deep.equal([11, 11, 1, 1, 1]);
  });
});

describe('access-errors: hourly and daily files', () => {
  const f = (Id: string, LogDate: string, Interval: string | null, Sequence = 1): LogFileRecord => ({ Id, LogDate, Interval, Sequence, LogFileLength: 100 });

  it('reads the daily file of a day that has one and skips that day\'s hourly files; other days use hourly files', () => {
    const records = [
      f('h1', '2024-05-01T09:00:00.000+0000', 'Hourly'),
      f('h2', '2024-05-01T10:00:00.000+0000', 'Hourly'),
      f('h2b', '2024-05-01T10:00:00.000+0000', 'Hourly', 2),
      f('d1', '2024-05-01T00:00:00.000+0000', 'Daily'),
      f('h3', '2024-05-02T23:00:00.000+0000', 'Hourly'),
      f('h4', '2024-05-02T00:00:00.000+0000', 'Hourly'),
      f('h4b', '2024-05-02T00:00:00.000+0000', 'Hourly', 2),
    ];
    const { selected, skipped } = selectLogFiles(records);
    expect(selected.map((r) => r.Id)).to.deep.equal(['d1', 'h4', 'h4b', 'h3']);
    expect(skipped.map((s) => s.record.Id).sort()).to.deep.equal(['h1', 'h2', 'h2b']);
  });

  it('treats files without an Interval as daily, and lists a repeated record once', () => {
    const d = f('d', '2024-05-01T00:00:00.000+0000', null);
    const { selected, skipped } = selectLogFiles([d, f('h', '2024-05-01T05:00:00.000+0000', 'Hourly'), d]);
    expect(selected.map((r) => r.Id)).to.deep.equal(['d']);
    expect(skipped).to.have.length(1);
  });

  it('counts each event once when hourly and daily files hold the same events', async () => {
    const events = [row(SERVICE_18, '2024-05-01T09:10:00Z'), row(SERVICE_18, '2024-05-01T10:20:00Z'), row(SERVICE_18, '2024-05-01T10:40:00Z')];
    const bodies: Record<string, string> = {
      h9: logFile(events.slice(0, 1)),
      h10: logFile(events.slice(1)),
      d: logFile(events),
    };
    const records = [
      f('h9', '2024-05-01T09:00:00.000+0000', 'Hourly'),
      f('h10', '2024-05-01T10:00:00.000+0000', 'Hourly'),
      f('d', '2024-05-01T00:00:00.000+0000', 'Daily'),
    ];
    const agg = new AccessErrorAggregator([{ id: SERVICE_18, reasons: [] }], WEEK);
    for (const r of selectLogFiles(records).selected) {
      // eslint-disable-next-line no-await-in-loop
      await parseLogFileStream(Readable.from([bodies[r.Id]]), { onRow: (x) => agg.add(x) });
    }
    expect(agg.counted).to.equal(3);
  });
});

describe('access-errors: streaming parse', () => {
  it('reads a complete file and counts its bytes', async () => {
    const text = logFile([row(SERVICE_18, '2024-05-01T09:10:00Z', { ERROR_DESCRIPTION: 'He said "no", then left,\nlater' })]);
    const rows: Row[] = [];
    const outcome = await parseLogFileStream(Readable.from([Buffer.from(text)]), { expectedLength: Buffer.byteLength(text), onRow: (r) => rows.push(r) });
    expect(outcome).to.deep.equal({ rows: 1, bytes: Buffer.byteLength(text) });
    expect(rows[0].ERROR_DESCRIPTION).to.equal('He said "no", then left,\nlater');
  });

  it('reports a file cut inside a quoted value, keeping the complete rows before it', async () => {
    const text = logFile([row(SERVICE_18, '2024-05-01T09:10:00Z'), row(SERVICE_18, '2024-05-01T09:20:00Z'), row(SERVICE_18, '2024-05-01T09:30:00Z')]);
    const cut = text.slice(0, text.lastIndexOf('"InsufficientAccess"') + 30);
    const rows: Row[] = [];
    const outcome = await parseLogFileStream(Readable.from([cut]), { expectedLength: Buffer.byteLength(text), onRow: (r) => rows.push(r) });
    expect(outcome.damage?.kind).to.equal('csv');
    expect(outcome.damage?.detail).to.match(/CSV_QUOTE_NOT_CLOSED/);
    expect(outcome.rows).to.equal(2);
    expect(rows).to.have.length(2);
  });

  it('reports a file cut at a line end as truncated when it is shorter than LogFileLength', async () => {
    const text = logFile([row(SERVICE_18, '2024-05-01T09:10:00Z'), row(SERVICE_18, '2024-05-01T09:20:00Z')]);
    const cut = text.slice(0, text.indexOf('\n', text.indexOf('\n') + 1) + 1);
    const outcome = await parseLogFileStream(Readable.from([cut]), { expectedLength: Buffer.byteLength(text), onRow: () => undefined });
    expect(outcome.rows).to.equal(1);
    expect(outcome.damage).to.deep.equal({ kind: 'truncated', detail: `${Buffer.byteLength(cut)} of ${Buffer.byteLength(text)} bytes` });
  });

  it('reports a row with the wrong number of columns', async () => {
    const text = logFile([row(SERVICE_18, '2024-05-01T09:10:00Z')]) + '"InsufficientAccess","20240501091000.000"\n';
    const outcome = await parseLogFileStream(Readable.from([text]), { onRow: () => undefined });
    expect(outcome.damage?.kind).to.equal('csv');
    expect(outcome.damage?.line).to.equal(3);
    expect(outcome.rows).to.equal(1);
  });

  it('refuses a body that is not an Insufficient Access log (an HTML error page)', async () => {
    const outcome = await parseLogFileStream(Readable.from(['<html><body>Service unavailable</body></html>\n']), { onRow: () => undefined });
    expect(outcome.damage?.kind).to.equal('notALogFile');
    expect(outcome.rows).to.equal(0);
  });

  it('reports a download that breaks off', async () => {
    const source = new Readable({ read() {} });
    source.push(logFile([row(SERVICE_18, '2024-05-01T09:10:00Z'), row(SERVICE_18, '2024-05-01T09:11:00Z'), row(SERVICE_18, '2024-05-01T09:12:00Z')]));
    // The connection drops once the first row has been read (csv-parse holds back the last
    // bytes it has until it knows the line is over, so the third row never comes out).
    const outcome = await parseLogFileStream(source, {
      onRow: () => setImmediate(() => source.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))),
    });
    expect(outcome.damage?.kind).to.equal('download');
    expect(outcome.damage?.detail).to.match(/ECONNRESET/);
    expect(outcome.rows).to.be.within(1, 2);
  });

  it('parses 50,000 rows as they arrive, without the file ever existing whole', async () => {
    const users = [SERVICE_18, ANA_18, RAJ_18];
    const start = Date.parse('2024-05-01T00:00:00Z');
    const file = lazyLogFile(50_000, (i) =>
      row(users[i % 3], new Date(start + i * 1000).toISOString(), { ACCESS_ERROR: i % 10 === 0 ? 'DATA_NOT_AVAILABLE' : 'NO_ACCESS' })
    );
    let producedAtFirstRow = -1;
    const agg = new AccessErrorAggregator([{ id: SERVICE_18, reasons: [] }], WEEK);
    const outcome = await parseLogFileStream(file.stream, {
      onRow: (r) => {
        if (producedAtFirstRow < 0) producedAtFirstRow = file.produced();
        agg.add(r);
      },
    });
    expect(outcome.rows).to.equal(50_000);
    expect(outcome.bytes).to.equal(file.bytes());
    expect(outcome.bytes).to.be.greaterThan(10_000_000);
    expect(outcome.damage).to.equal(undefined);
    // The first row was handled while most of the file had not been produced yet.
    expect(producedAtFirstRow).to.be.greaterThan(0).and.lessThan(5_000);
    expect(agg.counted).to.equal(16_667);
    expect(agg.result().find((g) => g.accessError === 'DATA_NOT_AVAILABLE')?.count).to.equal(1667);
  });
});
