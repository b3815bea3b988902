/*
 * Flags that several commands take, defined once (as salesforcecli/plugin-org shares its flags).
 * Texts that are the same for every command live in messages/code42.flags.md; where a command's
 * help legitimately says more (what --request-timeout covers, what --scope is for), the command
 * passes its own summary.
 */
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from '../salesforce/coreRequestTimeout.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.flags');

/** --target-org and --api-version: the org every command reads. */
export const orgFlags = {
  'target-org': Flags.requiredOrg(),
  'api-version': Flags.orgApiVersion(),
};

/** --service-user: replaces the look-up by the Code42 permission set and profile. */
export const serviceUserFlag = Flags.string({
  summary: messages.getMessage('flags.service-user.summary'),
  description: messages.getMessage('flags.service-user.description'),
});

/** Code42's three scoping choices (Code42: "Salesforce scoping"). */
export const SCOPE_OPTIONS = ['all', 'users', 'groups'] as const;

export type ScopeFlagTexts = { summary: string; description?: string };

export const scopeFlags = (texts: { scope: ScopeFlagTexts; usersFile: ScopeFlagTexts; groupsFile: ScopeFlagTexts }) => ({
  scope: Flags.option({ ...texts.scope, options: SCOPE_OPTIONS, default: 'all' })(),
  'users-file': Flags.file(texts.usersFile),
  'groups-file': Flags.file(texts.groupsFile),
});

/** --request-timeout: seconds per request to Salesforce, also bounding the login (coreRequestTimeout.ts). */
export const requestTimeoutFlag = (summary: string) =>
  Flags.integer({ summary, default: DEFAULT_REQUEST_TIMEOUT_SECONDS, min: 1, max: 3600 });

/** --output-file: where a command writes its CSV (checked before any API call, outputTarget.ts). */
export const outputFileFlag = (summary: string) => Flags.file({ summary });
