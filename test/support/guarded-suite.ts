/**
 * The tripwires of test/emit/support/global-guards.ts around a whole suite that runs hostile
 * input: installed before it, checked after every test (the canary never called, no global or
 * built-in prototype changed), removed after it together with the suite's builds.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { installGlobalGuards, type GlobalGuards } from '../emit/support/global-guards.js'
import { removeBuilds } from './build-destination.js'

/** The guards of the suite, for assertions inside a property run; valid once the suite has started. */
export function guardSuite(suite: string): { readonly current: GlobalGuards } {
  const handle: { current: GlobalGuards } = { current: undefined as unknown as GlobalGuards }
  beforeAll(() => {
    handle.current = installGlobalGuards()
  })
  afterEach(() => {
    expect(handle.current.calls, 'the canary was called: hostile text ran as code').toEqual([])
    expect(handle.current.changes(), 'a global or a built-in prototype changed').toEqual([])
  })
  afterAll(() => {
    handle.current.uninstall()
    removeBuilds(suite)
  })
  return handle
}
