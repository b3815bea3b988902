/*
 * Conversion to Metadata API format (source-deploy-retrieve, as `sf project convert source`
 * does) and the generated package.xml: it must list the types the source holds, every Apex
 * class (a class without its -meta.xml is dropped silently), the service profile and
 * permission sets and the RealTimeEvent settings, and the files it names must be written.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { parser, asArray, text, walk } = require('./xml.js');

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

module.exports = { checkConversion };
