/*
 * The shape every metadata file must have: Apex sources paired with their -meta.xml, XML
 * well-formed (fast-xml-parser's XMLValidator, with the line), the root element expected for
 * the file suffix, in the Metadata API namespace, and apiVersion values that are numbers.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { XMLValidator } = require('fast-xml-parser');
const { parser, text } = require('./xml.js');

const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

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

function expectedRoot(file) {
  const base = path.basename(file);
  if (base.endsWith('.settings-meta.xml')) {
    return `${base.slice(0, -'.settings-meta.xml'.length)}Settings`;
  }
  const suffix = Object.keys(ROOT_BY_SUFFIX).find((s) => base.endsWith(s));
  return suffix ? ROOT_BY_SUFFIX[suffix] : null;
}

/** Apex sources and their meta files come in pairs. */
function checkApexPair(file, fileSet, add) {
  const base = path.basename(file);
  for (const ext of ['.cls', '.trigger']) {
    if (base.endsWith(ext) && !fileSet.has(`${file}-meta.xml`)) {
      add(file, `${base} has no ${base}-meta.xml: the deploy would leave it out silently.`);
    }
    if (base.endsWith(`${ext}-meta.xml`) && !fileSet.has(file.slice(0, -'-meta.xml'.length))) {
      add(file, `${base} has no ${base.slice(0, -'-meta.xml'.length)} next to it.`);
    }
  }
}

/**
 * Parse one XML file and check its root element, namespace and apiVersion. Returns
 * { rootName, root } for the checks of its content, or null when it is not well-formed.
 */
function checkXmlFile(file, add) {
  const base = path.basename(file);
  const xml = fs.readFileSync(file, 'utf8');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    add(file, `XML is not well-formed at line ${valid.err.line}: ${valid.err.msg}`);
    return null;
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
  return { rootName, root };
}

module.exports = { METADATA_NAMESPACE, ROOT_BY_SUFFIX, checkApexPair, checkXmlFile };
