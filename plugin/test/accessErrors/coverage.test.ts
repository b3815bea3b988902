/*
 * Drift: what Salesforce logs as Insufficient Access events is worded once in code42Rules
 * (INSUFFICIENT_ACCESS_EVENT, shown by the dashboard); the command's help and findings in
 * plugin/messages must say the very same sentences.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { INSUFFICIENT_ACCESS_EVENT } from '@code42-companion/rules';

const md = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'messages', 'code42.access-errors.md'), 'utf8');
function section(name: string): string {
  const start = md.indexOf(`# ${name}\n`);
  expect(start, `section ${name}`).to.be.at.least(0);
  const rest = md.slice(start + name.length + 3);
  const end = rest.search(/^# /m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('Insufficient Access coverage wording', () => {
  const { disabledByDefault, covers, action } = INSUFFICIENT_ACCESS_EVENT as Record<string, string>;

  it('the help, the no-files finding and the JSON explanation say what code42Rules says', () => {
    for (const name of ['description', 'finding.noLogFiles', 'explain.coverage']) {
      expect(section(name), name).to.include(disabledByDefault);
      expect(section(name), name).to.include(covers);
    }
    expect(section('finding.noLogFiles.actions')).to.include(action);
  });
});
