/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import { REQUIRED_PERMISSIONS, REQUIRED_STREAMS, SAVED_RESULT_MAX_CHARS } from '../../../force-app/main/default/lwc/code42Rules/code42Rules.js';

const { validateMetadata, validateSource, checkConversion } = require('../validate-metadata.js');

const PROJECT = path.resolve(__dirname, '..', '..', '..');
const FORCE_APP = path.join(PROJECT, 'force-app');
const DEFAULT = 'force-app/main/default';
// Copies live outside the project's .tmp/: source-deploy-retrieve (and so `sf`) ignores any path
// with a folder that starts with "." (a copy under .tmp/ would convert to an empty package).
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'c42-metadata-check-tests-'));

const PERMSET = `${DEFAULT}/permissionsets/Code42_Service_Account.permissionset-meta.xml`;
const PROFILE = `${DEFAULT}/profiles/Code42 Service Account.profile-meta.xml`;
const SETTINGS = `${DEFAULT}/settings/RealTimeEvent.settings-meta.xml`;
const RULES_META = `${DEFAULT}/lwc/code42Rules/code42Rules.js-meta.xml`;

jest.setTimeout(60000);

let counter = 0;
/** Copy the project's force-app (and sfdx-project.json) into a fresh temp project. */
function copyProject() {
  counter += 1;
  const root = path.join(TMP, `case-${counter}`);
  fs.mkdirSync(root, { recursive: true });
  fs.cpSync(FORCE_APP, path.join(root, 'force-app'), {
    recursive: true,
    filter: (src) => !src.split(path.sep).includes('__tests__')
  });
  fs.copyFileSync(path.join(PROJECT, 'sfdx-project.json'), path.join(root, 'sfdx-project.json'));
  return root;
}

function edit(root, rel, change) {
  const file = path.join(root, rel);
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before); // the breakage really happened
  fs.writeFileSync(file, after);
}

async function findingsAfter(breakage) {
  const root = copyProject();
  breakage(root);
  const { findings } = await validateMetadata(path.join(root, 'force-app'), { convert: false });
  return findings;
}

afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

describe('the real force-app', () => {
  test('passes every source check and converts to a package with the expected types', async () => {
    const { findings, types } = await validateMetadata(FORCE_APP);
    expect(findings).toEqual([]);
    expect(types.Profile).toEqual(['Code42 Service Account']);
    expect(types.PermissionSet).toContain('Code42_Service_Account');
    expect(types.Settings).toEqual(['RealTimeEvent']);
    expect(types.LightningComponentBundle).toContain('code42Rules');
    // The watch: generated Custom Metadata records, the notification type and the alert group.
    expect(types.CustomMetadata).toContain('Code42_Watch_Setting.Default');
    expect(types.CustomMetadata).toContain('Code42_Watch_Fact.Frozen');
    expect(types.CustomNotificationType).toEqual(['Code42_Health_Alert']);
    expect(types.Group).toEqual(['Code42_Health_Alerts']);
    expect(types.CustomObject).toEqual(
      expect.arrayContaining(['Code42_Watch_Snapshot__c', 'Code42_Watch_Fact__mdt', 'Code42_Watch_Setting__mdt'])
    );
    expect(types.PermissionSet).toEqual(expect.arrayContaining(['Code42_Health_Watch', 'Code42_Health_Alert_Recipient']));
  });

  test('the watch metadata (custom metadata record, notification type, group) must have its own root element', async () => {
    const findings = await findingsAfter((root) => {
      edit(root, `${DEFAULT}/groups/Code42_Health_Alerts.group-meta.xml`, (s) => s.replace(/<(\/?)Group\b/g, '<$1Queue'));
      edit(root, `${DEFAULT}/notificationtypes/Code42_Health_Alert.notiftype-meta.xml`, (s) =>
        s.replace('</masterLabel>', '</masterLabl>')
      );
      edit(root, `${DEFAULT}/customMetadata/Code42_Watch_Setting.Default.md-meta.xml`, (s) =>
        s.replace(/<(\/?)CustomMetadata\b/g, '<$1CustomObject')
      );
    });
    const files = findings.map((f) => path.basename(f.file));
    expect(files).toEqual(
      expect.arrayContaining([
        'Code42_Health_Alerts.group-meta.xml',
        'Code42_Health_Alert.notiftype-meta.xml',
        'Code42_Watch_Setting.Default.md-meta.xml'
      ])
    );
  });

  test('the service permission set and profile grant exactly the inMetadata permissions of code42Rules.js', () => {
    const expected = REQUIRED_PERMISSIONS.filter((p) => p.inMetadata)
      .map((p) => p.name)
      .sort();
    // The decision the metadata encodes: confirmed permissions are deployed, unconfirmed are not,
    // nor one whose API name is unpublished (found by its label at run time: a guessed name fails the deploy).
    expect(expected).not.toContain('ViewRealTimeEventMonitoringData');
    expect(expected).toEqual(
      REQUIRED_PERMISSIONS.filter((p) => p.confidence === 'confirmed' && !p.findByLabel)
        .map((p) => p.name)
        .sort()
    );
    for (const rel of [PERMSET, PROFILE]) {
      const xml = fs.readFileSync(path.join(PROJECT, rel), 'utf8');
      const names = [...xml.matchAll(/<name>([^<]+)<\/name>/g)].map((m) => m[1]).sort();
      expect(names).toEqual(expected);
    }
  });

  test('the streaming settings enable exactly the three streams Code42 needs', () => {
    const xml = fs.readFileSync(path.join(PROJECT, SETTINGS), 'utf8');
    const names = [...xml.matchAll(/<entityName>([^<]+)<\/entityName>/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(REQUIRED_STREAMS.map((s) => s.entityName).sort());
    expect(names).toEqual(['LoginEventStream', 'LogoutEventStream', 'ReportEventStream']);
  });
});

describe('each kind of breakage is named with its file', () => {
  test('malformed XML, with the line', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, PERMSET, (s) => s.replace('</label>', '</labl>'))
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].file).toBe(PERMSET);
    expect(findings[0].message).toMatch(/not well-formed at line \d+/);
  });

  test('wrong root element for the suffix', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, PROFILE, (s) => s.replace(/<(\/?)Profile\b/g, '<$1PermissionSet'))
    );
    expect(findings).toContainEqual({
      file: PROFILE,
      message: expect.stringMatching(/Root element is <PermissionSet>, expected <Profile>/)
    });
  });

  test('settings root must match the file name (RealTimeEvent -> RealTimeEventSettings)', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, SETTINGS, (s) => s.replace(/RealTimeEventSettings/g, 'EventSettings'))
    );
    expect(findings).toContainEqual({
      file: SETTINGS,
      message: expect.stringMatching(/expected <RealTimeEventSettings>/)
    });
  });

  test('wrong namespace', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, SETTINGS, (s) => s.replace('2006/04/metadata', '2006/04/metadat'))
    );
    expect(findings).toEqual([
      { file: SETTINGS, message: expect.stringMatching(/Namespace is ".*metadat", expected xmlns=/) }
    ]);
  });

  test('missing namespace', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, PERMSET, (s) => s.replace(' xmlns="http://soap.sforce.com/2006/04/metadata"', ''))
    );
    expect(findings).toEqual([{ file: PERMSET, message: expect.stringMatching(/has no xmlns=/) }]);
  });

  test('an Apex class without its -meta.xml, and a -meta.xml without its class', async () => {
    const findings = await findingsAfter((root) => {
      const dir = path.join(root, DEFAULT, 'classes');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'Orphan.cls'), 'public with sharing class Orphan {}\n');
      fs.writeFileSync(
        path.join(dir, 'Ghost.cls-meta.xml'),
        '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>\n'
      );
    });
    expect(findings).toContainEqual({
      file: `${DEFAULT}/classes/Orphan.cls`,
      message: expect.stringMatching(/no Orphan\.cls-meta\.xml/)
    });
    expect(findings).toContainEqual({
      file: `${DEFAULT}/classes/Ghost.cls-meta.xml`,
      message: expect.stringMatching(/no Ghost\.cls next to it/)
    });
  });

  test('an LWC bundle without its .js-meta.xml', async () => {
    const findings = await findingsAfter((root) => fs.rmSync(path.join(root, RULES_META)));
    expect(findings).toEqual([
      {
        file: `${DEFAULT}/lwc/code42Rules/code42Rules.js`,
        message: expect.stringMatching(/code42Rules has no code42Rules\.js-meta\.xml/)
      }
    ]);
  });

  test('apiVersion that is not a number', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, RULES_META, (s) => s.replace(/<apiVersion>[^<]*<\/apiVersion>/, '<apiVersion>v62</apiVersion>'))
    );
    expect(findings).toEqual([{ file: RULES_META, message: 'apiVersion "v62" is not a number.' }]);
  });

  test('the service permission set grants a permission that is not in REQUIRED_PERMISSIONS', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, PERMSET, (s) =>
        s.replace(
          '<userPermissions>',
          '<userPermissions>\n        <enabled>true</enabled>\n        <name>ModifyAllData</name>\n    </userPermissions>\n    <userPermissions>'
        )
      )
    );
    expect(findings).toEqual([
      { file: PERMSET, message: expect.stringMatching(/grants ModifyAllData, which is not in code42Rules\.js/) }
    ]);
  });

  test('the service profile misses a required permission, or lists it disabled', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, PROFILE, (s) =>
        s
          .replace(/<userPermissions>\s*<enabled>true<\/enabled>\s*<name>ApiEnabled<\/name>\s*<\/userPermissions>/, '')
          .replace(/<enabled>true<\/enabled>(\s*<name>ViewSetup<\/name>)/, '<enabled>false</enabled>$1')
      )
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        { file: PROFILE, message: expect.stringMatching(/missing the required permission ApiEnabled/) },
        { file: PROFILE, message: expect.stringMatching(/lists ViewSetup but does not enable it/) }
      ])
    );
    expect(findings).toHaveLength(2);
  });

  test('the service profile must stay a custom profile on the Salesforce licence', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, PROFILE, (s) => s.replace('<userLicense>Salesforce</userLicense>', '<userLicense>Salesforce Platform</userLicense>'))
    );
    expect(findings).toEqual([{ file: PROFILE, message: expect.stringMatching(/Salesforce user licence/) }]);
  });

  test('another permission set (the dashboard one) with an unknown permission name', async () => {
    const rel = `${DEFAULT}/permissionsets/Code42_Health_Dashboard_Probe.permissionset-meta.xml`;
    const findings = await findingsAfter((root) => {
      fs.writeFileSync(
        path.join(root, rel),
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
          '    <label>Probe</label>',
          '    <userPermissions><enabled>true</enabled><name>ViewSetup</name></userPermissions>',
          '    <userPermissions><enabled>true</enabled><name>ViewSetupp</name></userPermissions>',
          '</PermissionSet>',
          ''
        ].join('\n')
      );
    });
    expect(findings).toEqual([{ file: rel, message: expect.stringMatching(/Unknown permission name ViewSetupp/) }]);
    // The message names the file that holds the known list, where the fix goes.
    const listFile = /not in the known list in (\S+)\)/.exec(findings[0].message)[1];
    expect(fs.readFileSync(path.join(PROJECT, listFile), 'utf8')).toMatch(/const KNOWN_OTHER_PERMISSIONS = \[/);
  });

  test('streaming settings naming another entity', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, SETTINGS, (s) => s.replace('ReportEventStream', 'ApiEventStream'))
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        { file: SETTINGS, message: expect.stringMatching(/names ApiEventStream; only LoginEventStream/) },
        { file: SETTINGS, message: expect.stringMatching(/does not enable ReportEventStream/) }
      ])
    );
  });

  test('streaming settings with one of the three disabled', async () => {
    const findings = await findingsAfter((root) =>
      edit(root, SETTINGS, (s) =>
        s.replace(/(<entityName>LogoutEventStream<\/entityName>\s*<isEnabled>)true/, '$1false')
      )
    );
    expect(findings).toEqual([
      { file: SETTINGS, message: expect.stringMatching(/does not enable LogoutEventStream \(<isEnabled>false/) }
    ]);
  });
});

describe('conversion to Metadata API format', () => {
  test('a class that conversion drops silently (no -meta.xml) is reported from package.xml too', async () => {
    const root = copyProject();
    const dir = path.join(root, DEFAULT, 'classes');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Orphan.cls'), 'public with sharing class Orphan {}\n');
    const { findings, types } = await checkConversion(path.join(root, 'force-app'));
    expect(findings).toEqual([
      { file: 'package.xml (converted)', message: 'package.xml leaves out the Apex class Orphan.' }
    ]);
    expect(types.ApexClass || []).not.toContain('Orphan');
    expect(types.Settings).toEqual(['RealTimeEvent']);
  });

  test('`sf project convert source` (the real CLI) converts force-app with the three types', () => {
    const out = path.join(TMP, 'cli-output');
    const home = path.join(TMP, 'home');
    fs.mkdirSync(home, { recursive: true });
    const sf = path.join(PROJECT, 'node_modules', '.bin', 'sf');
    const result = spawnSync(sf, ['project', 'convert', 'source', '--source-dir', 'force-app', '--output-dir', out, '--json'], {
      cwd: PROJECT,
      encoding: 'utf8',
      timeout: 120000,
      env: {
        ...process.env,
        HOME: home,
        SF_DISABLE_TELEMETRY: 'true',
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        SF_USE_GENERIC_UNIX_KEYCHAIN: 'true'
      }
    });
    expect(result.status).toBe(0);
    const pkg = fs.readFileSync(path.join(out, 'package.xml'), 'utf8');
    expect(pkg).toMatch(/<members>Code42 Service Account<\/members>\s*<name>Profile<\/name>/);
    expect(pkg).toMatch(/<members>Code42_Service_Account<\/members>[\s\S]*?<name>PermissionSet<\/name>/);
    expect(pkg).toMatch(/<members>RealTimeEvent<\/members>\s*<name>Settings<\/name>/);
    expect(fs.existsSync(path.join(out, 'settings', 'RealTimeEvent.settings'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'profiles', 'Code42 Service Account.profile'))).toBe(true);
  });
});

describe('the command line', () => {
  test('prints each finding and exits non-zero on a broken copy, zero on the real one', () => {
    const root = copyProject();
    edit(root, SETTINGS, (s) => s.replace('</realTimeEvents>', '</realTimeEvent>'));
    const script = path.join(__dirname, '..', 'validate-metadata.js');
    const bad = spawnSync(process.execPath, [script, path.join(root, 'force-app')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`${SETTINGS}: XML is not well-formed at line`);
    const good = spawnSync(process.execPath, [script, FORCE_APP], { encoding: 'utf8', cwd: PROJECT });
    expect(good.stderr).toBe('');
    expect(good.stdout).toMatch(/^Metadata OK: .*Profile \(1\)/m);
    expect(good.status).toBe(0);
  });
});

test('validateSource is usable alone (no conversion)', async () => {
  expect(await validateSource(FORCE_APP)).toEqual([]);
});

test('the saved-result size bound of code42Rules is the length of Result_JSON__c', () => {
  const xml = fs.readFileSync(path.join(FORCE_APP, 'main/default/objects/Code42_Preflight_Result__c/fields/Result_JSON__c.field-meta.xml'), 'utf8');
  expect(Number(/<length>(\d+)<\/length>/.exec(xml)[1])).toBe(SAVED_RESULT_MAX_CHARS);
});
