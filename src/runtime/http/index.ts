export {
  createHttpClient,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_ERROR_BODY_LIMIT_BYTES,
  type HttpClient,
  type HttpClientOptions
} from './client.js'
export type { HttpRequest, HttpResponse, RequestMeta } from './types.js'
export {
  DEFAULT_RETRY_POLICY,
  resolveRetryPolicy,
  backoffCeilingMs,
  backoffDelayMs,
  retryDelayMs,
  type RetryPolicy
} from './retry-policy.js'
export { parseRetryAfter } from './retry-after.js'
export { parseBody, isJsonMediaType } from './response-body.js'
export { realSleep, MAX_TIMER_DELAY_MS, type Sleep } from './sleep.js'
