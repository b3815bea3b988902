import { LightningElement } from "lwc";
import getHealthFacts from "@salesforce/apex/Code42HealthController.getHealthFacts";
import {
  REQUIRED_PERMISSIONS,
  SERVICE_PERMISSION_SET,
  SERVICE_PROFILE,
  DASHBOARD_PERMISSION_SET,
  EVENT_MONITORING_ENTITIES
} from "c/code42Rules";
import {
  dashboardOf,
  readableError,
  PREFLIGHT_COMMAND,
  ACCESS_ERRORS_COMMAND
} from "./healthFacts";

/**
 * The Code42 Health dashboard: calls Apex, turns its answer into Facts (healthFacts.js), lets
 * c/code42Rules decide, and hands the results to one small component per section. Refresh
 * calls Apex again; an Apex error is shown in its place.
 */
export default class Code42Health extends LightningElement {
  isLoading = false;
  errorMessage;
  facts;
  results;
  status;
  savedPreflight;

  preflightCommand = PREFLIGHT_COMMAND;
  accessErrorsCommand = ACCESS_ERRORS_COMMAND;
  dashboardPermissionSet = DASHBOARD_PERMISSION_SET;

  /** The watch timeline judges each stored snapshot with this same pipeline. */
  evaluateSnapshot = (raw) => dashboardOf(raw).status;

  connectedCallback() {
    this.load();
  }

  handleRefresh() {
    this.load();
  }

  async load() {
    this.isLoading = true;
    this.errorMessage = undefined;
    try {
      const raw = await getHealthFacts({
        permissionNames: REQUIRED_PERMISSIONS.map((p) => p.name),
        servicePermissionSet: SERVICE_PERMISSION_SET,
        serviceProfile: SERVICE_PROFILE,
        eventMonitoringEntities: EVENT_MONITORING_ENTITIES,
        permissionLabels: Object.fromEntries(
          REQUIRED_PERMISSIONS.filter((p) => p.findByLabel).map((p) => [
            p.name,
            p.label
          ])
        )
      });
      const { facts, savedPreflight, results, status } = dashboardOf(raw);
      this.facts = facts;
      this.savedPreflight = savedPreflight;
      this.results = results;
      this.status = status;
    } catch (error) {
      this.facts = undefined;
      this.results = undefined;
      this.status = undefined;
      this.savedPreflight = undefined;
      this.errorMessage = readableError(error);
    } finally {
      this.isLoading = false;
    }
  }

  get hasData() {
    return !!this.status && !this.errorMessage;
  }

  get showInitialSpinner() {
    return this.isLoading && !this.hasData;
  }

  get refreshDisabled() {
    return this.isLoading;
  }

  get savedPreflightUnavailable() {
    return this.facts.unavailable.latestPreflight;
  }
}
