/* The limits fact: the daily API requests, from the Sforce-Limit-Info header of our own calls, else one GET /limits. */
import type { SalesforceClient } from '../salesforce/client.js';
import type { SfRecord } from '../salesforce/records.js';
import { messages, unavailableReason, type FactOutcome } from './read.js';
import type { Facts } from './types.js';

export async function limitsFact(client: SalesforceClient): Promise<FactOutcome<NonNullable<Facts['limits']>>> {
  const fromHeader = client.dailyApiUsageFromHeaders();
  if (fromHeader) return { value: { dailyApiRequests: fromHeader } };
  const outcome = await client.get('/limits');
  const daily = outcome.ok ? (outcome.body?.DailyApiRequests as SfRecord | undefined) : undefined;
  if (daily && typeof daily.Max === 'number' && typeof daily.Remaining === 'number') {
    return { value: { dailyApiRequests: { max: daily.Max, remaining: daily.Remaining } } };
  }
  return { unavailable: outcome.ok ? messages.getMessage('unavailable.limits') : unavailableReason('Org limits', outcome) };
}
