/** The page's calls to its server (src/serve/server.ts): JSON in, JSON out, errors as messages. */
import type { CheckAnswer, CompileAnswer, RunAnswer } from '../../../src/serve/tester.js'
import type { SampleEvent } from '../../../src/serve/sample-events.js'
import type { OpenedFile } from '../../../src/serve/opened-files.js'

export type { CheckAnswer, CompileAnswer, RunAnswer, SampleEvent, OpenedFile }
export type Run = Extract<RunAnswer, { destination: string }> & { records?: unknown }

export interface Session {
  files: OpenedFile[]
  samples: SampleEvent[]
  limits: { mapBytes: number; eventBytes: number; batchEvents: number }
  endpoints: Record<string, { url: string; emulated: boolean }>
}

/** A refusal or failure the server explained (its `error`), or a network failure, in words. */
export class ApiError extends Error {}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    })
  } catch (error) {
    throw new ApiError(`mapc serve did not answer (${(error as Error).message}): is it still running?`)
  }
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ApiError(`mapc serve answered ${response.status} with something that is not JSON`)
  }
  if (!response.ok) throw new ApiError((parsed as { error?: string }).error ?? `mapc serve answered ${response.status}`)
  return parsed as T
}

export const api = {
  session: () => call<Session>('GET', '/api/session'),
  check: (file: string, text: string) => call<CheckAnswer>('POST', '/api/check', { file, text }),
  compile: (file: string, text: string, action: string) => call<CompileAnswer>('POST', '/api/compile', { file, text, action }),
  dryRun: (file: string, text: string, action: string, event: unknown) => call<RunAnswer>('POST', '/api/dry-run', { file, text, action, event }),
  send: (file: string, text: string, action: string, event: unknown) => call<RunAnswer & { records?: unknown }>('POST', '/api/send', { file, text, action, event }),
  batch: (file: string, text: string, action: string, event: unknown, count: number) =>
    call<RunAnswer & { records?: unknown }>('POST', '/api/batch', { file, text, action, event, count }),
  save: (file: string, text: string) => call<{ file: string; text: string; saved: true }>('POST', '/api/save', { file, text })
}
