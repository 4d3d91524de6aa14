/** docs/diagnostics.md is generated from the code registry; this fails when it is stale. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { codes } from '../../src/compiler/diagnostics/codes/index.js'
import { diagnosticsReference } from '../../src/compiler/diagnostics/reference.js'

describe('docs/diagnostics.md', () => {
  it('is what `npm run grammar` writes from the registry (run it after changing a code)', () => {
    expect(readFileSync('docs/diagnostics.md', 'utf8')).toBe(diagnosticsReference())
  })

  it('explains every code under its own heading', () => {
    const page = diagnosticsReference()
    for (const [code, info] of Object.entries(codes)) {
      expect(page).toContain(`### ${code}: ${info.title}`)
      expect(page).toContain(info.explanation)
    }
  })
})
