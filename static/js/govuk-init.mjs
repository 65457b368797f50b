import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

// Module scripts run only in browsers govuk-frontend supports (upstream's own test).
document.body.classList.add("govuk-frontend-supported");
initAll();
