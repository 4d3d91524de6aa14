/**
 * What the system said about a failed connection, in words that do not assume one knows undici.
 * Both attempt kinds (the pool's and fetch's) describe failures through here, so the same
 * failure reads the same whichever sent the request.
 */

/** undici's words for some failures assume one knows undici; these say what happened. */
const PLAIN_REASONS: Record<string, string> = {
  UND_ERR_SOCKET: 'the connection closed before the response was complete',
  ECONNRESET: 'the connection was reset'
}

/** The reason and system code of a failure: fetch's `TypeError` (through its cause) or undici's own error. */
export function describeNetworkFailure(error: unknown): { reason: string; systemCode?: string } {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  const message = cause instanceof Error ? cause.message : String(cause)
  const code = (cause as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return { reason: message === '' ? 'the connection failed' : message }
  const plain = PLAIN_REASONS[code]
  return { reason: plain ?? message, systemCode: code }
}
