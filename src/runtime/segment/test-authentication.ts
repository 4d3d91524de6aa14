/**
 * actions-core's `testAuthentication`: the `.map`'s `auth { test … }` request, sent through
 * actions-core's request client (which adds the auth headers from `extendRequest`). A failed
 * status rejects with actions-core's HTTPError, which Segment shows as the settings being wrong.
 */
import type { CompiledDestination } from '../contract.js'
import { contextOf, type HostInput } from './action-host.js'
import { requestContext, type RequestClient } from './request-context.js'

export async function testAuthentication(destination: CompiledDestination, request: RequestClient, input: Omit<HostInput<unknown>, 'payload'>): Promise<boolean> {
  if (!destination.testRequest) return true
  const { ctx, redactor } = contextOf(destination, input)
  await requestContext(request, ctx, redactor, { requests: 0 }).send(destination.testRequest(ctx))
  return true
}
