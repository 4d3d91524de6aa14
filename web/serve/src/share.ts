/**
 * The page's state in its URL fragment, so a link carries the .map text, the event and the
 * action and nothing is stored on a server (the fragment is never sent to one). The JSON is
 * deflated (the browser's CompressionStream) and base64url-encoded.
 */
export interface SharedState {
  file: string
  text: string
  event: string
  action: string
  sample?: string
}

const PREFIX = '#s='

export async function encodeState(state: SharedState): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(state))
  const deflated = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer())
  let binary = ''
  for (const b of deflated) binary += String.fromCharCode(b)
  return PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The state in a fragment, undefined when there is none, or an error message when it cannot be read. */
export async function decodeState(hash: string): Promise<SharedState | { problem: string } | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined
  try {
    const binary = atob(hash.slice(PREFIX.length).replace(/-/g, '+').replace(/_/g, '/'))
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text()
    const state = JSON.parse(text) as Partial<SharedState>
    if (typeof state.text !== 'string' || typeof state.event !== 'string' || typeof state.action !== 'string' || typeof state.file !== 'string') {
      return { problem: 'the shared link does not hold a .map, an event and an action' }
    }
    return state as SharedState
  } catch {
    return { problem: 'the shared link is damaged (cut off or edited): it could not be read, so the files as opened are shown' }
  }
}
