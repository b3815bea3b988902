/*
 * This project's Code42_Preflight_Result__c object "deployed" into a simulated org: an empty table
 * with the fields force-app defines (read from its metadata, lengths enforced by the simulator),
 * so --save-result tests follow the metadata.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { SimOrg } from './simulatedOrg.js';
import { repoRoot } from '../e2e/cli.js';

export const RESULT_OBJECT = 'Code42_Preflight_Result__c';
const SIM_TYPES: Record<string, string> = { DateTime: 'datetime', Text: 'string', LongTextArea: 'textarea' };

type FieldXml = { CustomField: { fullName: string; type: string; length?: number } };
/** The fields force-app defines for the object, with their lengths. */
export function resultFields(): Record<string, { type: string; length?: number }> {
  const dir = join(repoRoot, 'force-app', 'main', 'default', 'objects', RESULT_OBJECT, 'fields');
  const parser = new XMLParser();
  const fields: Record<string, { type: string; length?: number }> = {};
  for (const file of readdirSync(dir)) {
    const field = (parser.parse(readFileSync(join(dir, file), 'utf8')) as FieldXml).CustomField;
    fields[field.fullName] = { type: SIM_TYPES[field.type] ?? 'string', ...(field.length ? { length: Number(field.length) } : {}) };
  }
  return fields;
}

/** "Deploy" the object into a simulated org: an empty table with the fields force-app defines. */
export function deployResultObject(org: SimOrg): SimOrg {
  org.objects[RESULT_OBJECT] = [];
  org.extraFields = { ...((org.extraFields as Record<string, unknown>) ?? {}), [RESULT_OBJECT]: resultFields() };
  return org;
}
