/*
 * The streaming settings (RealTimeEventSettings) enable exactly the streams of code42Rules.js
 * REQUIRED_STREAMS: Code42's connection goes to Error without any of them.
 */
'use strict';

const { asArray, text } = require('./xml.js');

/** The realTimeEvents of a RealTimeEventSettings file; other roots are not checked here. */
function checkStreamingSettings(file, rootName, root, rules, add) {
  if (rootName !== 'RealTimeEventSettings') return;
  const requiredStreams = rules.REQUIRED_STREAMS.map((s) => s.entityName);
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

module.exports = { checkStreamingSettings };
