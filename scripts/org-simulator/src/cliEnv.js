import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment a Salesforce CLI process needs to run against a simulator without any login:
 * the instance URL (the access token goes in --target-org), its own HOME (core writes ~/.sf and
 * ~/.sfdx), the generic keychain, and no telemetry, update checks or release notes. The demo,
 * the end-to-end tests and the benchmark all start the CLI with it.
 *
 * With an HTTPS simulator, its self-signed certificate is written into HOME and trusted through
 * NODE_EXTRA_CA_CERTS, so the CLI warns about nothing. `trustCertificate: false` leaves it out (and
 * removes any NODE_EXTRA_CA_CERTS inherited): the CLI then meets a certificate it cannot verify, as
 * behind a TLS-inspecting proxy whose CA is not installed.
 *
 * @param {{ instanceUrl: string, certificate?: string }} sim a running simulator
 * @param {{ home: string, extra?: Record<string, string>, trustCertificate?: boolean }} options
 * @returns {NodeJS.ProcessEnv}
 */
export function cliEnv(sim, { home, extra = {}, trustCertificate = true }) {
  let trust = {};
  if (sim.certificate && trustCertificate) {
    mkdirSync(home, { recursive: true });
    const caFile = join(home, 'org-simulator-ca.pem');
    writeFileSync(caFile, sim.certificate);
    trust = { NODE_EXTRA_CA_CERTS: caFile };
  }
  const inherited = { ...process.env };
  if (!trustCertificate) delete inherited.NODE_EXTRA_CA_CERTS;
  return {
    ...inherited,
    ...trust,
    HOME: home,
    SF_ORG_INSTANCE_URL: sim.instanceUrl,
    SF_DISABLE_TELEMETRY: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    ...extra
  };
}
