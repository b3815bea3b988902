/* The streams fact: which of the required event streams RealTimeEventSettings enables. */
import { hiddenFromRunningUser, REQUIRED_STREAMS } from '@code42-companion/rules';
import type { MetadataReadOutcome } from '../salesforce/metadata.js';
import type { SfRecord } from '../salesforce/records.js';
import { unavailableReason, type FactOutcome } from './read.js';

export function streamsFact(outcome: MetadataReadOutcome): FactOutcome<Record<string, boolean>> {
  if (!outcome.ok) {
    return {
      unavailable:
        outcome.errorCode === 'INSUFFICIENT_ACCESS'
          ? (hiddenFromRunningUser('streams', `(Salesforce answered ${outcome.errorCode}.)`) as string)
          : unavailableReason('RealTimeEventSettings (Metadata API)', outcome),
    };
  }
  const record = outcome.records.find((r) => r.fullName === 'RealTimeEvent') ?? outcome.records[0];
  const events = (record?.realTimeEvents ?? []) as SfRecord[];
  const streams: Record<string, boolean> = {};
  for (const stream of REQUIRED_STREAMS as Array<{ entityName: string }>) {
    const entry = events.find((e) => e.entityName === stream.entityName);
    streams[stream.entityName] = entry ? String(entry.isEnabled).toLowerCase() === 'true' : false;
  }
  return { value: streams };
}
