/**
 * `mapc docs` output beyond the seeds' tables: text from the `.map` that Markdown would read as
 * table syntax stays inside its cell.
 */
import { describe, expect, it } from 'vitest'
import { destinationDocs } from '../../src/compiler/emit/docs.js'
import { compileOrThrow, withInlineApi } from '../support/build-destination.js'
import { tableAfter } from '../support/markdown-tables.js'

const source = `destination plans {
  title "Plans"
  accepts track
  action track {
    title "Track"
    trigger type = "track"
    field plan: string required {
      label "Plan | tier"
      description "One of free | pro.\\nSee billing."
      default $.properties.plan
    }
    perform { send POST "https://api.plans.test/v1/events" { json { plan: plan } } }
  }
}
`

const api = { oneOf: [{ 'x-mapc-endpoint': 'POST https://api.plans.test/v1/events', type: 'object' }] }

describe('destination docs', () => {
  it('keeps a pipe or a line break of a label or description inside its table cell', () => {
    const docs = destinationDocs(compileOrThrow(source, 'plans.map', withInlineApi('plans.map', api)))
    expect(tableAfter(docs, '### Track')).toEqual([{ Field: 'Plan | tier', Description: 'One of free | pro. See billing.', Required: 'Yes', Type: 'STRING' }])
  })
})
