/**
 * Metadata API over SOAP (POST /services/Soap/m/XX.X): readMetadata of RealTimeEventSettings
 * (fullName RealTimeEvent) and of Profile (its custom flag, userLicense, loginIpRanges and loginHours
 * only: the parts this project reads; Metadata API Developer Guide, Profile), answered the way the
 * Metadata API does, and SOAP faults
 * (sf:INVALID_SESSION_ID, sf:INSUFFICIENT_ACCESS, ...) with HTTP 500.
 * The session comes from <SessionHeader><sessionId>, not from the Authorization header.
 */
import { XMLParser } from 'fast-xml-parser';
import { METADATA_READ_PERMISSIONS, holdsAny } from './access.js';

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });
const MD_NS = 'http://soap.sforce.com/2006/04/metadata';

export { METADATA_READ_PERMISSIONS };

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function soapFault(code, message) {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="${MD_NS}"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${escape(`${code}: ${message}`)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
}

function envelope(inner) {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="${MD_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
}

/** Parses a SOAP request: { sessionId, method, args } (throws on malformed XML). */
export function parseSoapRequest(xml) {
  const doc = parser.parse(xml);
  const env = doc.Envelope;
  if (!env || !env.Body) throw new Error('Not a SOAP envelope');
  const method = Object.keys(env.Body).find((k) => k !== '#text');
  return { sessionId: env.Header?.SessionHeader?.sessionId, method, args: env.Body[method] || {} };
}

/** Does the running user hold a permission that allows readMetadata (see access.js for the source)? */
export function canReadMetadata(store) {
  return holdsAny(store, METADATA_READ_PERMISSIONS);
}

/** Answers a parsed, authenticated Metadata API call: { status, xml }. */
export function handleMetadataCall(store, { method, args }) {
  const org = store.org;
  if (method !== 'readMetadata') return { status: 500, xml: soapFault('UNKNOWN_EXCEPTION', `The org simulator does not implement the Metadata API operation '${method}'.`) };
  if (org.noAccess?.metadata || !canReadMetadata(store)) {
    return { status: 500, xml: soapFault('INSUFFICIENT_ACCESS', 'insufficient access rights on object id') };
  }
  const type = String(args.type || '');
  const names = args.fullNames == null ? [] : [].concat(args.fullNames).map(String);
  if (names.length > 10) return { status: 500, xml: soapFault('LIMIT_EXCEEDED', `Too many names requested: ${names.length}. The limit is 10.`) };
  const records = names.map((name) => readRecord(org, type, name));
  return { status: 200, xml: envelope(`<readMetadataResponse><result>${records.join('')}</result></readMetadataResponse>`) };
}

function readRecord(org, type, name) {
  const settings = org.settings?.[type];
  const missing = (org.missingObjects || []).includes(type);
  if (type === 'RealTimeEventSettings' && name === 'RealTimeEvent' && settings && !missing) {
    const events = Object.entries(settings).map(([entityName, on]) => `<realTimeEvents><entityName>${escape(entityName)}</entityName><isEnabled>${on ? 'true' : 'false'}</isEnabled></realTimeEvents>`).join('');
    return `<records xsi:type="RealTimeEventSettings"><fullName>RealTimeEvent</fullName>${events}</records>`;
  }
  if (type === 'Profile' && !missing) {
    const profile = (org.objects.Profile || []).find((p) => profileFullName(p) === name);
    if (profile) return profileRecord(org, profile, name);
  }
  // The Metadata API answers an unknown component with an empty record.
  return `<records xsi:nil="true"/>`;
}

/**
 * A profile's Metadata API fullName: custom profiles use their name; standard profiles have fixed
 * names (System Administrator is "Admin", Standard User "Standard": Metadata API, Profile).
 */
const STANDARD_PROFILE_FULL_NAMES = { 'System Administrator': 'Admin', 'Standard User': 'Standard', 'Read Only': 'ReadOnly', 'Marketing User': 'MarketingProfile' };

export function profileFullName(profile) {
  return STANDARD_PROFILE_FULL_NAMES[profile.Name] || profile.Name;
}

/** Login restrictions live in org.profileLogin[profileName]: { loginIpRanges: [{ startAddress, endAddress, description }], loginHours: { mondayStart: '480', ... } } (minutes after midnight). */
function profileRecord(org, profile, fullName) {
  const login = org.profileLogin?.[profile.Name] || {};
  const licence = (org.objects.UserLicense || []).find((l) => l.Id === profile.UserLicenseId);
  const ranges = (login.loginIpRanges || [])
    .map((r) => `<loginIpRanges>${r.description ? `<description>${escape(r.description)}</description>` : ''}<endAddress>${escape(r.endAddress)}</endAddress><startAddress>${escape(r.startAddress)}</startAddress></loginIpRanges>`)
    .join('');
  const hours = login.loginHours ? `<loginHours>${Object.entries(login.loginHours).map(([k, v]) => `<${k}>${escape(v)}</${k}>`).join('')}</loginHours>` : '';
  const custom = STANDARD_PROFILE_FULL_NAMES[profile.Name] ? 'false' : 'true';
  return `<records xsi:type="Profile"><fullName>${escape(fullName)}</fullName><custom>${custom}</custom>${ranges}${hours}${licence ? `<userLicense>${escape(licence.Name)}</userLicense>` : ''}</records>`;
}
