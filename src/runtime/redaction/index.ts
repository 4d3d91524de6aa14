export { createRedactor, REDACTED, MIN_REDACTABLE_SECRET_LENGTH, type Redactor, type HeaderInput } from './redactor.js'
export { isSensitiveName } from './sensitive-names.js'
export { redactUrl, redactUrlTemplate, type RedactedUrl } from './redact-url.js'
