/**
 * Segment's own trigger implementation, the reference the differential tests compare with:
 * `parseFql` and `validate` from `@segment/destination-subscriptions`, as the actions runtime
 * calls them (`validate(parseFql(subscribe), event)`).
 */
import { parseFql, validate, type Subscription } from '@segment/destination-subscriptions'

export function segmentParse(fql: string): Subscription {
  return parseFql(fql)
}

export function segmentMatches(fql: string, event: object): boolean {
  return validate(parseFql(fql), event)
}
