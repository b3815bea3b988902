/*
 * Offline validation of the force-app metadata.
 *
 * `sf project convert source` and @salesforce/source-deploy-retrieve accept malformed XML, a wrong
 * root element, unknown settings names and an LWC bundle without its .js-meta.xml, and they drop
 * an Apex class without its -meta.xml silently. A deploy would find these mistakes in an org; this
 * module finds them without one:
 *   - XML well-formed (fast-xml-parser's XMLValidator, with the line),
 *   - root element expected for the file suffix, in the Metadata API namespace,
 *   - Apex classes/triggers paired with their -meta.xml, LWC bundles with their .js-meta.xml,
 *   - apiVersion values that are numbers,
 *   - the Code42 service account permission set and profile grant exactly the permissions that
 *     code42Rules.js REQUIRED_PERMISSIONS marks `inMetadata`; other permission sets and profiles
 *     use only permission names from a short, known list,
 *   - RealTimeEvent settings enable exactly the streams of code42Rules.js REQUIRED_STREAMS,
 *   - conversion to Metadata API format (source-deploy-retrieve) yields a package.xml with the
 *     types the source holds.
 *
 * Usage: node scripts/metadata-check/validate-metadata.js [force-app dir]
 * Prints one line per finding and exits 1 when there is any.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { XMLParser, XMLValidator } = require('fast-xml-parser');

const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
/** The rules package (one source of truth), resolved from the workspace. */
const RULES_PATH = require.resolve('@code42-companion/rules');

/** File suffix -> expected root element (Metadata API type name). */
const ROOT_BY_SUFFIX = {
  '.cls-meta.xml': 'ApexClass',
  '.trigger-meta.xml': 'ApexTrigger',
  '.page-meta.xml': 'ApexPage',
  '.component-meta.xml': 'ApexComponent',
  '.js-meta.xml': 'LightningComponentBundle',
  '.permissionset-meta.xml': 'PermissionSet',
  '.permissionsetgroup-meta.xml': 'PermissionSetGroup',
  '.mutingpermissionset-meta.xml': 'MutingPermissionSet',
  '.profile-meta.xml': 'Profile',
  '.tab-meta.xml': 'CustomTab',
  '.app-meta.xml': 'CustomApplication',
  '.object-meta.xml': 'CustomObject',
  '.field-meta.xml': 'CustomField',
  '.listView-meta.xml': 'ListView',
  '.layout-meta.xml': 'Layout',
  '.flexipage-meta.xml': 'FlexiPage',
  '.customPermission-meta.xml': 'CustomPermission',
  '.labels-meta.xml': 'CustomLabels',
  '.resource-meta.xml': 'StaticResource',
  '.remoteSite-meta.xml': 'RemoteSiteSetting',
  '.flow-meta.xml': 'Flow',
  '.md-meta.xml': 'CustomMetadata',
  '.notiftype-meta.xml': 'CustomNotificationType',
  '.group-meta.xml': 'Group'
};

/**
 * Permission names other permission sets and profiles (e.g. the dashboard's
 * Code42_Health_Dashboard) may use. Taken from the PermissionSet describe's Permissions* fields
 * (API v64.0), without the "Permissions" prefix. Add to it when a new permission is needed.
 */
const KNOWN_OTHER_PERMISSIONS = [
  'ApiEnabled',
  'AssignPermissionSets',
  'CustomizeApplication',
  'ExportReport',
  'FreezeUsers',
  'LightningExperienceUser',
  'ManageCustomPermissions',
  'ManageInternalUsers',
  'ManageProfilesPermissionsets',
  'ManagePvtRptsAndDashbds',
  'ManageUsers',
  'ModifyMetadata',
  'MonitorLoginHistory',
  'RunReports',
  'ViewAllData',
  'ViewAllProfiles',
  'ViewAllUsers',
  'ViewDeveloperName',
  'ViewEventLogFiles',
  'ViewHealthCheck',
  'ViewPlatformEvents',
  'ViewPublicReports',
  'ViewRoles',
  'ViewSetup',
  'ViewUserPII'
];

/** Types package.xml must list whenever the source holds files of that kind. */
const TYPE_EVIDENCE = [
  { type: 'ApexClass', test: (f) => f.endsWith('.cls') },
  { type: 'ApexTrigger', test: (f) => f.endsWith('.trigger') },
  { type: 'LightningComponentBundle', test: (f) => f.endsWith('.js-meta.xml') },
  { type: 'CustomTab', test: (f) => f.endsWith('.tab-meta.xml') },
  { type: 'CustomApplication', test: (f) => f.endsWith('.app-meta.xml') },
  { type: 'CustomObject', test: (f) => f.endsWith('.object-meta.xml') },
  { type: 'CustomField', test: (f) => f.endsWith('.field-meta.xml') },
  { type: 'PermissionSet', test: (f) => f.endsWith('.permissionset-meta.xml') },
  { type: 'Profile', test: (f) => f.endsWith('.profile-meta.xml') },
  { type: 'Settings', test: (f) => f.endsWith('.settings-meta.xml') },
  { type: 'CustomMetadata', test: (f) => f.endsWith('.md-meta.xml') },
  { type: 'CustomNotificationType', test: (f) => f.endsWith('.notiftype-meta.xml') },
  { type: 'Group', test: (f) => f.endsWith('.group-meta.xml') }
];

let rulesCache = null;

/**
 * Load the rules package (ES modules). Under jest, babel makes require() work; plain node
 * imports it.
 */
async function loadRules() {
  if (rulesCache) return rulesCache;
  if (process.env.JEST_WORKER_ID !== undefined) {
    rulesCache = require(RULES_PATH);
  } else {
    rulesCache = await import('@code42-companion/rules');
  }
  return rulesCache;
}

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__tests__' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

function findProjectRoot(dir) {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, 'sfdx-project.json'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return path.dirname(path.resolve(dir));
    current = parent;
  }
}

function expectedRoot(file) {
  const base = path.basename(file);
  if (base.endsWith('.settings-meta.xml')) {
    return `${base.slice(0, -'.settings-meta.xml'.length)}Settings`;
  }
  const suffix = Object.keys(ROOT_BY_SUFFIX).find((s) => base.endsWith(s));
  return suffix ? ROOT_BY_SUFFIX[suffix] : null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => ['userPermissions', 'realTimeEvents', 'types', 'members'].includes(name)
});

function asArray(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function text(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return String(value['#text'] ?? '');
  return String(value).trim();
}

/** Compare a permission list with what it must be; returns messages. */
function comparePermissions(entries, expected, what) {
  const messages = [];
  const names = entries.map((p) => text(p.name));
  const seen = new Set();
  for (const p of entries) {
    const name = text(p.name);
    if (seen.has(name)) messages.push(`${what} lists permission ${name} twice.`);
    seen.add(name);
    if (!expected.includes(name)) {
      messages.push(
        `${what} grants ${name}, which is not in code42Rules.js REQUIRED_PERMISSIONS with inMetadata: true (expected exactly: ${expected.join(', ')}).`
      );
    } else if (text(p.enabled) !== 'true') {
      messages.push(`${what} lists ${name} but does not enable it (<enabled>${text(p.enabled)}</enabled>).`);
    }
  }
  for (const name of expected) {
    if (!names.includes(name)) {
      messages.push(`${what} is missing the required permission ${name} (code42Rules.js REQUIRED_PERMISSIONS).`);
    }
  }
  return messages;
}

/**
 * Check the source files of a force-app directory. Returns findings [{ file, message }], with
 * `file` relative to the project root.
 */
async function validateSource(forceAppDir, options = {}) {
  const rules = await loadRules();
  const projectRoot = options.projectRoot || findProjectRoot(forceAppDir);
  const rel = (f) => path.relative(projectRoot, f).split(path.sep).join('/');
  const findings = [];
  const add = (file, message) => findings.push({ file: rel(file), message });

  const requiredInMetadata = rules.REQUIRED_PERMISSIONS.filter((p) => p.inMetadata).map((p) => p.name);
  const requiredStreams = rules.REQUIRED_STREAMS.map((s) => s.entityName);
  const files = walk(path.resolve(forceAppDir));
  const fileSet = new Set(files);

  for (const file of files) {
    const base = path.basename(file);
    // Apex sources and their meta files come in pairs.
    for (const ext of ['.cls', '.trigger']) {
      if (base.endsWith(ext) && !fileSet.has(`${file}-meta.xml`)) {
        add(file, `${base} has no ${base}-meta.xml: the deploy would leave it out silently.`);
      }
      if (base.endsWith(`${ext}-meta.xml`) && !fileSet.has(file.slice(0, -'-meta.xml'.length))) {
        add(file, `${base} has no ${base.slice(0, -'-meta.xml'.length)} next to it.`);
      }
    }
    if (!base.endsWith('.xml')) continue;

    const xml = fs.readFileSync(file, 'utf8');
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      add(file, `XML is not well-formed at line ${valid.err.line}: ${valid.err.msg}`);
      continue;
    }
    const doc = parser.parse(xml);
    const rootName = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
    const root = doc[rootName] && typeof doc[rootName] === 'object' ? doc[rootName] : {};
    const expected = expectedRoot(file);
    if (expected && rootName !== expected) {
      add(file, `Root element is <${rootName}>, expected <${expected}> for a ${base.replace(/^[^.]*/, '')} file.`);
    }
    if (base.endsWith('-meta.xml')) {
      const ns = root['@_xmlns'];
      if (ns !== METADATA_NAMESPACE) {
        add(
          file,
          ns
            ? `Namespace is "${ns}", expected xmlns="${METADATA_NAMESPACE}".`
            : `Root element <${rootName}> has no xmlns="${METADATA_NAMESPACE}".`
        );
      }
    }
    if (root.apiVersion !== undefined && !/^\d+(\.\d+)?$/.test(text(root.apiVersion))) {
      add(file, `apiVersion "${text(root.apiVersion)}" is not a number.`);
    }

    // Permissions.
    if (rootName === 'PermissionSet' || rootName === 'Profile') {
      const entries = asArray(root.userPermissions);
      const fullName = base.replace(/\.(permissionset|profile)-meta\.xml$/, '');
      const isService =
        (rootName === 'PermissionSet' && fullName === rules.SERVICE_PERMISSION_SET) ||
        (rootName === 'Profile' && fullName === rules.SERVICE_PROFILE);
      if (isService) {
        for (const m of comparePermissions(entries, requiredInMetadata, `${rootName} ${fullName}`)) add(file, m);
        if (rootName === 'Profile') {
          if (text(root.custom) !== 'true') add(file, `Profile ${fullName} must be a custom profile (<custom>true</custom>).`);
          if (text(root.userLicense) !== 'Salesforce') {
            add(file, `Profile ${fullName} must use the Salesforce user licence (<userLicense>Salesforce</userLicense>); Code42's service account needs one.`);
          }
        }
      } else {
        for (const p of entries) {
          const name = text(p.name);
          if (!KNOWN_OTHER_PERMISSIONS.includes(name)) {
            add(file, `Unknown permission name ${name} (not in the known list in scripts/metadata-check/validate-metadata.js).`);
          }
        }
      }
    }

    // Streaming settings.
    if (rootName === 'RealTimeEventSettings') {
      const events = asArray(root.realTimeEvents);
      const names = events.map((e) => text(e.entityName));
      for (const e of events) {
        const name = text(e.entityName);
        if (!requiredStreams.includes(name)) {
          add(file, `RealTimeEventSettings names ${name}; only ${requiredStreams.join(', ')} belong here (code42Rules.js REQUIRED_STREAMS).`);
        } else if (text(e.isEnabled) !== 'true') {
          add(file, `RealTimeEventSettings does not enable ${name} (<isEnabled>${text(e.isEnabled)}</isEnabled>); Code42's connection goes to Error without it.`);
        }
      }
      for (const name of requiredStreams) {
        if (!names.includes(name)) add(file, `RealTimeEventSettings does not enable ${name}, which Code42 needs.`);
      }
    }
  }

  // LWC bundles: a folder under lwc/ needs <name>.js(or .ts) and <name>.js-meta.xml.
  const lwcDirs = new Set(
    files
      .map((f) => path.relative(path.resolve(forceAppDir), f).split(path.sep))
      .filter((parts) => parts.length >= 3 && parts[parts.length - 3] === 'lwc')
      .map((parts) => path.join(path.resolve(forceAppDir), ...parts.slice(0, -1)))
  );
  for (const dir of lwcDirs) {
    const name = path.basename(dir);
    if (!fileSet.has(path.join(dir, `${name}.js-meta.xml`))) {
      add(path.join(dir, `${name}.js`), `LWC bundle ${name} has no ${name}.js-meta.xml: Salesforce cannot deploy the bundle.`);
    }
    if (!fileSet.has(path.join(dir, `${name}.js`)) && !fileSet.has(path.join(dir, `${name}.ts`))) {
      add(path.join(dir, `${name}.js-meta.xml`), `LWC bundle ${name} has no ${name}.js.`);
    }
  }
  return findings;
}

/**
 * Convert the source to Metadata API format with source-deploy-retrieve and check the generated
 * package.xml. Returns { findings, types: { [type]: [members] }, outputDir }.
 */
async function checkConversion(forceAppDir, options = {}) {
  const { ComponentSet, MetadataConverter } = require('@salesforce/source-deploy-retrieve');
  // Not under the project's .tmp/: source-deploy-retrieve writes only package.xml, and none of
  // the components, into an output path with a folder that starts with ".".
  const outputDir = fs.mkdtempSync(path.join(options.tmpDir || os.tmpdir(), 'c42-metadata-check-'));
  const findings = [];
  const pkgRel = 'package.xml (converted)';
  let types = {};
  try {
    const set = ComponentSet.fromSource(path.resolve(forceAppDir));
    if (set.size === 0) {
      findings.push({
        file: pkgRel,
        message: `source-deploy-retrieve found no metadata in ${forceAppDir} (note: it ignores any path with a folder that starts with ".").`
      });
      return { findings, types, outputDir };
    }
    await new MetadataConverter().convert(set, 'metadata', {
      type: 'directory',
      outputDirectory: outputDir,
      genUniqueDir: false
    });
    const pkg = parser.parse(fs.readFileSync(path.join(outputDir, 'package.xml'), 'utf8'));
    for (const t of asArray(pkg.Package && pkg.Package.types)) {
      types[text(t.name)] = asArray(t.members).map(text);
    }
    const written = [
      ...(types.Profile || []).map((m) => `profiles/${m}.profile`),
      ...(types.PermissionSet || []).map((m) => `permissionsets/${m}.permissionset`),
      ...(types.Settings || []).map((m) => `settings/${m}.settings`),
      ...(types.ApexClass || []).map((m) => `classes/${m}.cls`)
    ];
    for (const rel of written) {
      if (!fs.existsSync(path.join(outputDir, rel))) {
        findings.push({ file: pkgRel, message: `package.xml lists ${rel}, but the conversion did not write it.` });
      }
    }
  } catch (err) {
    findings.push({ file: pkgRel, message: `Conversion to Metadata API format failed: ${err.message}` });
    return { findings, types, outputDir };
  } finally {
    if (!options.keepOutput) fs.rmSync(outputDir, { recursive: true, force: true });
  }
  const files = walk(path.resolve(forceAppDir));
  for (const { type, test } of TYPE_EVIDENCE) {
    if (files.some((f) => test(f)) && !(types[type] && types[type].length)) {
      findings.push({ file: pkgRel, message: `package.xml does not list ${type}, although the source has such files.` });
    }
  }
  for (const must of ['Profile', 'PermissionSet']) {
    if (!types[must]) findings.push({ file: pkgRel, message: `package.xml does not list ${must}.` });
  }
  if (!(types.Settings || []).includes('RealTimeEvent')) {
    findings.push({ file: pkgRel, message: 'package.xml does not list Settings: RealTimeEvent.' });
  }
  const classes = files.filter((f) => f.endsWith('.cls')).map((f) => path.basename(f, '.cls'));
  for (const name of classes) {
    if (!(types.ApexClass || []).includes(name)) {
      findings.push({ file: pkgRel, message: `package.xml leaves out the Apex class ${name}.` });
    }
  }
  return { findings, types, outputDir };
}

/** Both checks. Conversion runs only when the source checks pass, unless options.alwaysConvert. */
async function validateMetadata(forceAppDir, options = {}) {
  const findings = await validateSource(forceAppDir, options);
  let types = {};
  if (options.convert !== false && (findings.length === 0 || options.alwaysConvert)) {
    const conversion = await checkConversion(forceAppDir, options);
    findings.push(...conversion.findings);
    types = conversion.types;
  }
  return { findings, types };
}

module.exports = {
  METADATA_NAMESPACE,
  ROOT_BY_SUFFIX,
  KNOWN_OTHER_PERMISSIONS,
  loadRules,
  validateSource,
  checkConversion,
  validateMetadata
};

if (require.main === module) {
  const dir = process.argv[2] || path.join(__dirname, '..', '..', 'force-app');
  validateMetadata(dir, { alwaysConvert: true })
    .then(({ findings, types }) => {
      for (const f of findings) console.log(`${f.file}: ${f.message}`);
      if (findings.length > 0) {
        console.log(`${findings.length} metadata problem(s) found.`);
        process.exitCode = 1;
      } else {
        const summary = Object.entries(types)
          .map(([t, m]) => `${t} (${m.length})`)
          .join(', ');
        console.log(`Metadata OK: ${summary}`);
      }
    })
    .catch((err) => {
      console.error(err.stack || String(err));
      process.exitCode = 2;
    });
}
