/* sf code42 preflight: --output-file, --json, --fail-on, --save-result (the only write) and bad flags. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { harness, runWith } from '../../helpers/run.js';
import { RESULT_OBJECT, deployResultObject } from '../../helpers/resultObject.js';
import { acmeOrg, rows, simulatedOrgs, userNamed } from './acme.js';
import { commandCalls } from '../../e2e/cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'c42-preflight-'));

describe('sf code42 preflight: output', () => {
  const h = harness();
  const orgs = simulatedOrgs();

  it('--output-file writes Id, Username, Name, Email, GrantedBy', async () => {
    // Alice holds Export Reports through her profile and through a permission set group too.
    const sim = await orgs.acme(({ b, alice }) => {
      b.permissionSetGroup('Sales_Bundle', 'Sales Bundle', ['Report_Exporters']);
      b.assignGroup(alice, 'Sales_Bundle');
    });
    const file = join(tmp(), 'out.csv');
    await runWith(h, sim, ['--output-file', file]);
    const text = readFileSync(file, 'utf8');
    const [alice, bob] = ['alice@acme.com', 'bob@acme.com'].map((u) => userNamed(sim, u).Id as string);
    expect(text.split('\n')[0]).to.equal('Id,Username,Name,Email,GrantedBy');
    expect(text).to.include(`${alice},alice@acme.com,alice,alice@acme.com,profile:System Administrator; permissionSetGroup:Sales_Bundle`);
    expect(text).to.include(`${bob},bob@acme.com,bob,bob@acme.com,permissionSet:Report_Exporters`);
  });

  it('--json: the result only, no human output, exit status 1 when a check fails', async () => {
    const sim = await orgs.acme(({ b }) => {
      for (const ps of b.org.objects.PermissionSet) delete ps.PermissionsExportReport;
    });
    const result = await runWith(h, sim, ['--json']);
    expect(h.ux().log.called).to.equal(false);
    expect(h.ux().table.called).to.equal(false);
    expect(Object.keys(result)).to.include.members(['org', 'checks', 'scope', 'inScopeUsers', 'summary', 'apiCalls']);
    expect(process.exitCode).to.equal(1);
  });

  it('--fail-on warn turns a warning into exit code 1; the default does not', async () => {
    const sim = await orgs.acme(({ b, alice }) => b.session(alice, { minutesAgo: 5 }));
    await runWith(h, sim);
    expect(process.exitCode).to.equal(0);
    await runWith(h, sim, ['--fail-on', 'warn']);
    expect(process.exitCode).to.equal(1);
  });
});

describe('sf code42 preflight: --save-result (the only write)', () => {
  const h = harness();
  const orgs = simulatedOrgs();

  it('creates one Code42_Preflight_Result__c record with status, summary and the JSON', async () => {
    const sim = await orgs.start(deployResultObject(acmeOrg()));
    const result = await runWith(h, sim, ['--save-result']);
    expect(sim.writeRequests().map((w) => `${w.method} ${w.path}`)).to.deep.equal([`POST /services/data/v62.0/sobjects/${RESULT_OBJECT}`]);
    const saved = rows(sim, RESULT_OBJECT);
    expect(saved).to.have.length(1);
    expect(saved[0].Status__c).to.equal('pass');
    expect(saved[0].Summary__c).to.equal('17 pass, 0 warn, 0 fail, 1 skip');
    expect(JSON.parse(saved[0].Result_JSON__c as string).org.name).to.equal('Acme');
    expect(result.savedResultId).to.equal(saved[0].Id);
  });

  it('says to deploy force-app first when the object is missing', async () => {
    const sim = await orgs.acme();
    try {
      await runWith(h, sim, ['--save-result']);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as { actions: string[] }).actions.join(' ')).to.include('Deploy force-app first');
    }
    expect(rows(sim, RESULT_OBJECT)).to.deep.equal([]);
  });
});

describe('sf code42 preflight: flags', () => {
  const h = harness();
  const orgs = simulatedOrgs();

  it('--scope users without --users-file is a clear error', async () => {
    const sim = await orgs.acme();
    try {
      await runWith(h, sim, ['--scope', 'users']);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).message).to.include('--scope users needs --users-file');
    }
    expect(commandCalls(sim)).to.equal(0);
  });

  it('--groups-file without --scope groups is a clear error', async () => {
    const sim = await orgs.acme();
    const file = join(tmp(), 'g.csv');
    writeFileSync(file, 'Sales\n');
    try {
      await runWith(h, sim, ['--groups-file', file]);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).message).to.include('--groups-file is only used with --scope groups');
    }
    expect(commandCalls(sim)).to.equal(0);
  });
});
