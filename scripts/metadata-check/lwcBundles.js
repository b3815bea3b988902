/*
 * LWC bundles: a folder under lwc/ needs <name>.js (or .ts) and <name>.js-meta.xml, or
 * Salesforce cannot deploy it.
 */
'use strict';

const path = require('path');

function checkLwcBundles(forceAppDir, files, fileSet, add) {
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
}

module.exports = { checkLwcBundles };
