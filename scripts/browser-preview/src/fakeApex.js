/*
 * Stands in for `@salesforce/apex/Code42HealthController.getHealthFacts` in the browser preview.
 * It answers with the jest fixture named by the page's ?state= parameter, exactly like the jest
 * mock does, so the preview and the jest tests show the same states.
 */
import fixtures from "preview:fixtures";

export const LOADING_STATE = "loading";

function currentState() {
  return new URLSearchParams(window.location.search).get("state") || "healthy";
}

export default function getHealthFacts(params) {
  const state = currentState();
  window.__apexCalls = (window.__apexCalls || 0) + 1;
  window.__apexLastParams = params;
  if (state === LOADING_STATE) {
    return new Promise(() => {});
  }
  const fixture = fixtures[state];
  if (!fixture) {
    return Promise.reject({
      body: { message: `No preview fixture named "${state}".` }
    });
  }
  const copy = JSON.parse(JSON.stringify(fixture));
  // Answer asynchronously, like a server round trip.
  return new Promise((resolve, reject) => {
    setTimeout(
      () => (state === "apexError" ? reject(copy) : resolve(copy)),
      30
    );
  });
}
