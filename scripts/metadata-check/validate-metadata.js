/*
 * Offline validation of the force-app metadata.
 *
 * `sf project convert source` and @salesforce/source-deploy-retrieve accept malformed XML, a wrong
 * root element, unknown settings names and an LWC bundle without its .js-meta.xml, and they drop
 * an Apex class without its -meta.xml silently. A deploy would find these mistakes in an org; this
 * module finds them without one, one module beside it per kind of check:
 *   - structure.js: XML well-formed (fast-xml-parser's XMLValidator, with the line), root
 *     element expected for the file suffix, in the Metadata API namespace, apiVersion values
 *     that are numbers, Apex classes/triggers paired with their -meta.xml,
 *   - lwcBundles.js: LWC bundles with their .js-meta.xml,
 *   - permissions.js: the Code42 service account permission set and profile grant exactly the
 *     permissions that code42Rules.js REQUIRED_PERMISSIONS marks `inMetadata`; other permission
 *     sets and profiles use only permission names from a short, known list,
 *   - streams.js: RealTimeEvent settings enable exactly the streams of code42Rules.js
 *     REQUIRED_STREAMS,
 *   - conversion.js: conversion to Metadata API format (source-deploy-retrieve) yields a
 *     package.xml with the types the source holds.
 * (xml.js reads the files for all of them.)
 *
 * Usage: node scripts/metadata-check/validate-metadata.js [force-app dir]
 * Prints one line per finding and exits 1 when there is any.
 */
'use strict';

const path = require('path');
const { findProjectRoot, walk } = require('./xml.js');
const { METADATA_NAMESPACE, ROOT_BY_SUFFIX, checkApexPair, checkXmlFile } = require('./structure.js');
const { KNOWN_OTHER_PERMISSIONS, checkPermissions } = require('./permissions.js');
const { checkStreamingSettings } = require('./streams.js');
const { checkLwcBundles } = require('./lwcBundles.js');
const { checkConversion } = require('./conversion.js');

/** The rules package (one source of truth), resolved from the workspace. */
const RULES_PATH = require.resolve('@code42-companion/rules');

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

  const files = walk(path.resolve(forceAppDir));
  const fileSet = new Set(files);
  for (const file of files) {
    checkApexPair(file, fileSet, add);
    if (!path.basename(file).endsWith('.xml')) continue;
    const parsed = checkXmlFile(file, add);
    if (!parsed) continue;
    checkPermissions(file, parsed.rootName, parsed.root, rules, add);
    checkStreamingSettings(file, parsed.rootName, parsed.root, rules, add);
  }
  checkLwcBundles(forceAppDir, files, fileSet, add);
  return findings;
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
