// Synthetic shadow first, as in Lightning Experience (SLDS styles reach into components).
import "@lwc/synthetic-shadow";
import { createElement } from "lwc";
import Code42Health from "c/code42Health";

const element = createElement("c-code42-health", { is: Code42Health });
document.querySelector("#root").appendChild(element);
window.__previewReady = true;
