/**
 * The codes of every runtime error, one per error class. A caller can `switch` on `error.code`
 * instead of chaining `instanceof` checks; a code is never reused for another meaning.
 */
export type MapcErrorCode =
  | 'PAYLOAD_VALIDATION'
  | 'INVALID_REQUEST'
  | 'HTTP_STATUS'
  | 'AUTHENTICATION'
  | 'RATE_LIMIT'
  | 'SERVER_ERROR'
  | 'CLIENT_ERROR'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'CANCELLED'
  | 'RESPONSE_VALUE_MISSING'
  | 'RESPONSE_TOO_LARGE'
  | 'MAPPING'
  | 'CONFIG'
  | 'BATCHER_CLOSED'
  | 'BATCH_OUTCOME_MISSING'
  | 'INVALID_EVENT'
  | 'ITEM_REJECTED'
  | 'INTERNAL'
