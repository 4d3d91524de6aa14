/**
 * Attio's objects as the emulator knows them: which attribute of each is unique (what an
 * assertion may match on), which are multi-select (values appended), which hold references to
 * records of another object and how a reference may name its target. Attributes not listed are
 * custom attributes of the workspace, taken as written.
 */

export interface ObjectModel {
  /** Attributes an assertion may match on. Empty: any attribute (a custom object). */
  unique: readonly string[]
  multiselect: readonly string[]
  /** Attribute → the object its values point at. */
  references: Readonly<Record<string, string>>
  /** Attribute → what its values must be. */
  formats: Readonly<Record<string, 'email' | 'domain'>>
  /**
   * The attribute a reference to this object may name it by instead of its record id (a Person by
   * email, a Company by domain, a User by its ID), and whether a reference creates the record
   * when none has it, as Attio does for people and companies.
   */
  referencedBy?: { attribute: string; creates: boolean }
}

export const STANDARD_OBJECTS: Readonly<Record<string, ObjectModel>> = {
  people: {
    unique: ['email_addresses'],
    multiselect: ['email_addresses'],
    references: {},
    formats: { email_addresses: 'email' },
    referencedBy: { attribute: 'email_addresses', creates: true }
  },
  companies: {
    unique: ['domains'],
    multiselect: ['domains'],
    references: {},
    formats: { domains: 'domain' },
    referencedBy: { attribute: 'domains', creates: true }
  },
  users: {
    unique: ['user_id'],
    multiselect: [],
    references: { person: 'people' },
    formats: { primary_email_address: 'email' },
    referencedBy: { attribute: 'user_id', creates: false }
  },
  workspaces: {
    unique: ['workspace_id'],
    multiselect: ['users'],
    references: { company: 'companies', users: 'users' },
    formats: {},
    referencedBy: { attribute: 'workspace_id', creates: false }
  }
}

/** Objects a workspace has made itself: any attribute can be matched on. */
export const CUSTOM_OBJECT: ObjectModel = { unique: [], multiselect: [], references: {}, formats: {} }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i

export function fitsFormat(format: 'email' | 'domain', value: unknown): boolean {
  return typeof value === 'string' && (format === 'email' ? EMAIL : DOMAIN).test(value)
}
