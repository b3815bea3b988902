/*
 * Writes the in-scope users (--output-file) as CSV, ready to reconcile with Code42's export:
 * Id, Username, Name, Email, GrantedBy (how each user got Export Reports, `; `-separated).
 * Formula-like cells are neutralized (csvOutput.ts). (The scope CSV the admin gives, --users-file or
 * --groups-file, is read by scope/scopeFile.ts.)
 */
import { stringify } from 'csv-stringify/sync';
import { SAFE_CSV_OPTIONS } from '../shared/csvOutput.js';
import { writeOutputFile } from '../shared/outputTarget.js';

export const IN_SCOPE_USERS_CSV_COLUMNS = ['Id', 'Username', 'Name', 'Email', 'GrantedBy'];

export type InScopeCsvUser = { id: string; username: string; name: string; email: string; grantedBy: string[] };

export function inScopeUsersCsv(users: InScopeCsvUser[]): string {
  return stringify(
    users.map((u) => [u.id, u.username, u.name, u.email, u.grantedBy.join('; ')]),
    { ...SAFE_CSV_OPTIONS, header: true, columns: IN_SCOPE_USERS_CSV_COLUMNS }
  );
}

export async function writeInScopeUsersCsv(path: string, users: InScopeCsvUser[]): Promise<void> {
  await writeOutputFile(path, inScopeUsersCsv(users));
}
