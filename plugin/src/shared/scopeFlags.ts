/*
 * The scoping flags both commands take (--scope, --users-file, --groups-file): each scope has its
 * file, a file is only used with its scope, and the scope's CSV is read before any API call.
 * `sf code42 preflight` and `sf code42 access-errors --in-scope` share this; parsing the CSV
 * itself is scope/scopeFile.ts.
 */
import { Messages } from '@salesforce/core';
import type { ScopeMode } from '../facts/types.js';
import { readScopeCsv, type ScopeFile } from '../scope/scopeFile.js';
import { USAGE_EXIT_CODE } from './exitCodes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const errors = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.errors');

export type ScopeFlags = { scope: ScopeMode; usersFile?: string; groupsFile?: string };

/** Flag combinations: each scope has its file, and a file is only used with its scope (exit 2). */
function checkFlagCombination(options: ScopeFlags): void {
  if (options.scope === 'users' && !options.usersFile) throw errors.createError('error.UsersFileRequired', [], [], USAGE_EXIT_CODE);
  if (options.scope === 'groups' && !options.groupsFile) throw errors.createError('error.GroupsFileRequired', [], [], USAGE_EXIT_CODE);
  if (options.usersFile && options.scope !== 'users') {
    throw errors.createError('error.FileWithoutScope', ['--users-file', 'users'], ['users', '--users-file'], USAGE_EXIT_CODE);
  }
  if (options.groupsFile && options.scope !== 'groups') {
    throw errors.createError('error.FileWithoutScope', ['--groups-file', 'groups'], ['groups', '--groups-file'], USAGE_EXIT_CODE);
  }
}

/** Check the scope flags, then read the scope's CSV (none for `--scope all`). */
export async function scopeFileFromFlags(options: ScopeFlags): Promise<ScopeFile | undefined> {
  checkFlagCombination(options);
  if (options.scope === 'users') return readScopeCsv(options.usersFile as string, 'users');
  if (options.scope === 'groups') return readScopeCsv(options.groupsFile as string, 'groups');
  return undefined;
}
