// What every Keel plugin's admin extensions share. Compiled into each plugin's admin bundle
// (see README.md: how it is consumed and why it is not a runtime dependency).
export { EmptyState, ErrorState, LoadingState } from "./states.js"
export { QueryView } from "./query-view.js"
export { errorMessage, toastError, useErrorToast } from "./errors.js"
export { sdk } from "./sdk.js"
