/*
 * Reading SOAP answers of the Metadata API (readMetadata results and faults), with
 * fast-xml-parser. Used by metadata.ts for answers and by errors.ts for a fault that jsforce
 * reports as an error (it puts the raw body of an HTTP 500 in the error's message).
 */
import { XMLParser } from 'fast-xml-parser';
import { isObject } from './records.js';

const soapParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'records' || name === 'realTimeEvents',
});

export function parseSoap(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string' || !text.includes('<')) return undefined;
  try {
    const parsed: unknown = soapParser.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function findKey(node: unknown, key: string): unknown {
  if (!isObject(node)) return undefined;
  if (key in node) return node[key];
  for (const value of Object.values(node)) {
    const found = findKey(value, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function faultFromObject(fault: Record<string, unknown>): { errorCode: string; message: string } {
  const code = String(fault.faultcode ?? 'SOAP_FAULT').replace(/^.*:/, '');
  return { errorCode: code, message: String(fault.faultstring ?? '') };
}

/** A SOAP fault carried by an HTTP 500 error (jsforce puts the raw body in the message). */
export function soapFaultOf(error: unknown): { errorCode: string; message: string } | undefined {
  const message = (error as { message?: unknown })?.message;
  const parsed = parseSoap(message);
  const fault = parsed ? findKey(parsed, 'Fault') : undefined;
  return isObject(fault) ? faultFromObject(fault) : undefined;
}
