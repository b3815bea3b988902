/*
 * Metadata API readMetadata over SOAP (one API call, at most 10 names). A SOAP fault that
 * concerns only this read (INSUFFICIENT_ACCESS, INVALID_TYPE...) comes back as a failure; a
 * fatal fault (INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED) stops the run (errors.ts).
 *
 * Why a hand-built envelope and not jsforce's `conn.metadata.read(type, fullNames)`: that goes
 * through jsforce's SOAP class (@jsforce/jsforce-node lib/api/metadata.js `_invoke`, lib/soap.js),
 * not through Connection.request, so it takes none of the per-request options Transport.send()
 * relies on: no --request-timeout per call, no `retry: { maxRetries: 0 }` (jsforce's own retries
 * and its session refresh would send requests this run does not count), and no transport wrapper
 * to see the HTTP status and Retry-After of a 5xx. Its faults come back as
 * `{ errorCode: 'sf:INSUFFICIENT_ACCESS' }` (namespace kept, lib/soap.js parseError), and it
 * casts records by its bundled schema. Keeping the envelope keeps one counted, bounded, retried
 * request path with the same error mapping as every other read.
 */
import { malformed, readFailure, readFailureOrThrow, type ReadFailure } from './errors.js';
import { isObject, type SfRecord } from './records.js';
import { faultFromObject, findKey, parseSoap, soapFaultOf } from './soap.js';
import type { Transport } from './transport.js';

export type MetadataReadOutcome = { ok: true; records: SfRecord[] } | ReadFailure;

/** Full names sent per readMetadata call (the limit this client has always applied: at most 10). */
export const METADATA_READ_MAX_NAMES = 10;

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function readMetadataEnvelope(sessionId: string, type: string, fullNames: string[]): string {
  const names = fullNames
    .slice(0, METADATA_READ_MAX_NAMES)
    .map((n) => `<met:fullNames>${escapeXml(n)}</met:fullNames>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata">' +
    `<soapenv:Header><met:SessionHeader><met:sessionId>${escapeXml(sessionId)}</met:sessionId></met:SessionHeader></soapenv:Header>` +
    `<soapenv:Body><met:readMetadata><met:type>${escapeXml(type)}</met:type>${names}</met:readMetadata></soapenv:Body>` +
    '</soapenv:Envelope>'
  );
}

export async function readMetadata(transport: Transport, type: string, fullNames: string[]): Promise<MetadataReadOutcome> {
  const envelope = readMetadataEnvelope(transport.conn.accessToken ?? '', type, fullNames);
  let text: string;
  try {
    text = await transport.retry(() =>
      transport.send<string>(
        {
          method: 'POST',
          url: `/services/Soap/m/${transport.apiVersion}`,
          body: envelope,
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
        },
        { responseType: 'text/plain' }
      )
    );
  } catch (error) {
    const fault = soapFaultOf(error);
    if (fault) return readFailure(fault.errorCode, fault.message, 500);
    return readFailureOrThrow(error);
  }
  const parsed = parseSoap(text);
  const fault = parsed ? findKey(parsed, 'Fault') : undefined;
  if (isObject(fault)) {
    const f = faultFromObject(fault);
    return readFailure(f.errorCode, f.message, 500);
  }
  const response = parsed ? findKey(parsed, 'readMetadataResponse') : undefined;
  if (!isObject(response)) throw malformed(`readMetadata ${type}`);
  const result = response.result;
  const records = isObject(result) ? result.records : undefined;
  const list = (Array.isArray(records) ? records : records === undefined ? [] : [records]).filter(isObject);
  return { ok: true, records: list };
}
