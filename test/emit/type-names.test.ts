/** Generated type names are unique within a destination, even when `.map` names would collide. */
import { describe, expect, it } from 'vitest'
import { declarationTypeNames, typeName } from '../../src/compiler/emit/names.js'
import type { DestinationIR } from '../../src/compiler/ir.js'

const destination = (name: string, actions: string[]): DestinationIR => ({ name, actions: actions.map((a) => ({ name: a })) }) as unknown as DestinationIR

describe('type names', () => {
  it('are PascalCase with a suffix', () => {
    expect(typeName('identifyUser', 'Payload')).toBe('IdentifyUserPayload')
    expect(typeName('group_workspace', 'Payload')).toBe('GroupWorkspacePayload')
  })

  it('number the later of two names that would collide, in declaration order', () => {
    const names = declarationTypeNames(destination('shop', ['foo_bar', 'fooBar', 'FooBar', 'shop_settings']))
    expect([...names.payloads.values()]).toEqual(['FooBarPayload', 'FooBarPayload2', 'FooBarPayload3', 'ShopSettingsPayload'])
    expect(names.settings).toBe('ShopSettings')
  })
})
