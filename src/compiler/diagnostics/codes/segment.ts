import type { CodeInfo } from './index.js'

const error = (title: string, explanation: string): CodeInfo => ({ severity: 'error', title, explanation })
const warning = (title: string, explanation: string): CodeInfo => ({ severity: 'warning', title, explanation })

/**
 * `mapc build --target segment`: what a `.map` says that an `@segment/actions-core` destination
 * cannot say. Each is refused with the construct's span rather than approximated.
 */
export const segmentCodes = {
  MAPC6001: error(
    'required field without a mapping-kit default',
    "A required field's default has no mapping-kit form (it uses a built-in, a shape, a setting, a template or a path mapping-kit cannot spell), so it can only be computed in `perform`. actions-core validates required fields before `perform` runs, so such a field would always be missing. Make the field optional (mapc's own validation still applies), or write a default of paths, `??`, `if exists(…)`, objects and literals."
  ),
  MAPC6002: error(
    'reserved field name',
    'The Segment target adds a hidden field `mapc_event` that carries the event to `perform` for defaults computed there; a field of the `.map` cannot have that name. Rename the field.'
  ),
  MAPC6003: error(
    'setting type actions-core lacks',
    'actions-core destination settings are strings, passwords, numbers and booleans: an `integer` setting has no Segment form. Declare it as `number` (and check it in a rule if it must be whole).'
  ),
  MAPC6004: error(
    'field format actions-core lacks',
    "The field's string format is not one actions-core's fields accept (date, time, date-time, uri, uri-reference, uri-template, email, hostname, ipv4, ipv6, regex, uuid, password, text)."
  ),
  MAPC6005: error(
    'array field that is not `multiple`',
    'actions-core fields have no array type: a list is a field of its item type marked `multiple`. Declare the field as `<type> multiple`.'
  ),
  MAPC6007: error(
    'action named `mapc`',
    'The Segment target writes each action to `<slug>/<action>/` and the mapc modules it runs to `<slug>/mapc/`: an action named `mapc` would overwrite them. Rename the action.'
  ),
  MAPC6008: error(
    'setting pattern actions-core lacks',
    'actions-core destination settings have no `pattern`, and Segment does not run the settings schema of a destination, so a `string(pattern "…")` setting would go unchecked. Drop the pattern for the Segment target, or check the value with a `skip` or `reject` rule.'
  ),
  MAPC6006: warning(
    'title renamed for actions-core',
    "actions-core keys each action's payload schema in ajv by `<destination name>:<action title>`, and ajv (8.18 and later, which actions-core 3.170.0 requires) reads the part before the colon as a URI scheme: letters, digits, `+`, `-` and `.`, starting with a letter. A title such as `Attio (Actions)` would make every event fail inside actions-core, so the definition's `name` is the title with every other run of characters replaced by `-` (`Attio-Actions`). The title stays the `.map`'s everywhere else."
  )
} satisfies Record<string, CodeInfo>
