/**
 * The project's single source of truth, the @code42-companion/rules workspace package. Fixtures use
 * its REQUIRED_PERMISSIONS and names, so the simulator never keeps its own copy.
 */
import * as rules from '@code42-companion/rules';

export const { REQUIRED_PERMISSIONS, SERVICE_PERMISSION_SET, SERVICE_PROFILE, EXPORT_REPORT_PERMISSION, THRESHOLDS } = rules;
export default rules;
