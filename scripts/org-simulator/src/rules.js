/**
 * The project's single source of truth (force-app/.../lwc/code42Rules/code42Rules.js), loaded as an ES
 * module from its text so Node does not warn about the CommonJS root package. Fixtures use its
 * REQUIRED_PERMISSIONS and names, so the simulator never keeps its own copy.
 */
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../../force-app/main/default/lwc/code42Rules/code42Rules.js', import.meta.url), 'utf8');
const rules = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

export const { REQUIRED_PERMISSIONS, SERVICE_PERMISSION_SET, SERVICE_PROFILE, EXPORT_REPORT_PERMISSION, THRESHOLDS } = rules;
export default rules;
