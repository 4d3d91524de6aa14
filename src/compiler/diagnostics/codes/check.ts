import type { CodeInfo } from './index.js'

const error = (title: string, explanation: string): CodeInfo => ({ severity: 'error', title, explanation })
const warning = (title: string, explanation: string): CodeInfo => ({ severity: 'warning', title, explanation })

export const checkCodes = {
  // -- names and structure -------------------------------------------------------------------
  MAPC2001: error(
    'unknown name',
    'A name does not refer to any field, parameter, `let` binding or loop variable in scope. Fields are read by their name inside an action; the event is read with `$.` paths in field defaults.'
  ),
  MAPC2002: error(
    'duplicate declaration',
    'Two settings, fields, actions, shapes, upsert declarations, presets, `let` bindings or parameters share a name. Rename one.'
  ),
  MAPC2003: error('unknown attribute', 'This attribute does not exist here. Each declaration accepts the attributes listed in docs/language.md.'),
  MAPC2004: error('missing attribute', 'A required attribute (such as `title` of a destination or action, or `label` of a field) is missing.'),
  MAPC2005: error('repeated attribute', 'An attribute is given twice; the second would silently win. Keep one.'),
  MAPC2006: error('unknown modifier', 'Settings and fields take the modifiers `required`, `hidden`, `secret`, `keyvalue` and `multiple`.'),
  MAPC2007: error('unknown type', 'Fields have the types string, number, integer, boolean, datetime, object and array; settings string, password, number, integer and boolean.'),
  MAPC2008: error('unknown action', 'A preset names an action the destination does not declare.'),
  MAPC2009: error('one destination per file', 'A `.map` file declares exactly one destination.'),
  MAPC2010: error('unknown event type', 'Event types are identify, track, group, page, screen and alias.'),
  MAPC2011: warning('unused field', 'No request, rule or batch reads this field, so mapping it has no effect.'),
  MAPC2012: warning(
    'required field nobody can map',
    'A hidden required field without a default can never be filled in: every event fails validation.'
  ),
  MAPC2013: warning(
    'required field without a default in a preset',
    'A preset subscribes with the default mappings; without a default this required field fails validation for every event until a user maps it.'
  ),
  MAPC2014: error('unknown auth scheme', 'Auth schemes are `api_key`, `oauth`, `basic` and `none`.'),
  MAPC2015: error('no OAuth token here', '`auth.` values exist only for destinations whose auth scheme is `oauth`; API keys are settings (`settings.apiKey`).'),
  MAPC2016: error('wrong number of arguments', 'A shape or upsert declaration is used with a different number of arguments than it declares.'),
  MAPC2017: error('unknown upsert declaration', 'An `upsert` step names no upsert declaration of the destination. (A call of an unknown function or shape is MAPC3006.)'),
  MAPC2018: error('action sends nothing', 'An action needs a `perform` block, a `batch` block, or both.'),
  MAPC2019: error('`batch` outside a batch block', 'The list of batched payloads, `batch`, exists only inside a `batch` block; there, fields are read through the loop variable.'),
  MAPC2020: error('field read directly in a batch block', 'Inside a `batch` block there is no single payload: read fields through the loop variable of `[for x in batch: …]`.'),
  MAPC2021: error('default reads a field', 'A field default may read the event, settings and constants, not other fields: defaults are resolved independently of each other.'),
  MAPC2022: error('reject names an unknown field', 'A `reject` rule must name a field of its action.'),
  MAPC2023: error('recursive shape', 'A shape uses itself, directly or through others; shapes are expanded at compile time and cannot recurse.'),
  MAPC2024: error('unknown setting', 'The destination declares no setting of this name.'),
  MAPC2025: error('repeated block', 'A destination has at most one `auth`; an action at most one `trigger`, `perform` and `batch`.'),
  MAPC2026: error('invalid attribute value', 'The attribute expects a different kind of value (for example a string literal for `title`).'),
  MAPC2027: error(
    'event read outside a default',
    'Requests, rules and shapes read fields, not the event: declare a field whose default is the `$.` path, so that subscriptions can map it.'
  ),
  MAPC2028: error('no destination', 'The file declares no destination.'),
  MAPC2030: error(
    'reserved name',
    '`__proto__` cannot name a field or a setting: JSON Schema validators and JavaScript objects treat that key specially, so its value could never be validated. Choose another name.'
  ),
  MAPC2031: error(
    'basic auth sends no credentials',
    '`auth basic` builds the `Authorization: Basic …` header from `username` and `password` (either may be left out, not both): `auth basic { username settings.siteId  password settings.apiKey }`.'
  ),
  MAPC2032: error(
    'basic auth header given twice',
    '`auth basic` with `username`/`password` builds the `authorization` header itself; a `header authorization = …` beside them would send two. Keep one of the two ways.'
  ),
  MAPC2040: error(
    'invalid pattern',
    'A setting declared `string(pattern "…")` needs a regular expression that compiles in unicode mode (as JSON Schema\'s `pattern`). Fields take no pattern: a `reject … when not matches(…)` rule says why a value is refused.'
  ),
  MAPC2029: error('invalid batch block', 'A batch block sends at least one request and its `enabled` and `size` attributes name fields of the action.'),
  MAPC2050: error(
    'conflicting batch outcomes',
    'A batch reads its per-item outcomes one way: `results` (one entry per item, in order) or `failures`/`failed` (the items the response names as failed, and how many). `keys` gives the key each item is matched on, so it goes with a `failures` whose entries name items by `key`.'
  ),
  // -- types, event paths and expressions ----------------------------------------------------
  MAPC3001: error(
    'path cannot exist',
    'No event the trigger can match has this path, so the expression is always absent. Check the Segment Spec for where the value lives.'
  ),
  MAPC3002: warning('path exists only for some event types', 'Some event types the trigger can match never have this path.'),
  MAPC3003: error('type mismatch', 'The value cannot become the declared type: a string field can take numbers and booleans (converted), not objects or arrays.'),
  MAPC3004: error('value does not match the format', 'A literal does not match the declared format (email, datetime, …).'),
  MAPC3005: error('wrong argument type', 'A function argument has a type the function does not accept.'),
  MAPC3006: error('unknown function', 'The function is not a built-in or a shape of this destination.'),
  MAPC3007: error('wrong number of arguments', 'A built-in function is called with a different number of arguments than it takes.'),
  MAPC3008: error('operator type mismatch', '`+` joins two strings or adds two numbers; `and`, `or` and `not` take booleans.'),
  MAPC3009: error('spread of a non-object', 'Only objects can be spread into an object.'),
  MAPC3010: error('loop over a non-array', '`[for x in xs: …]` iterates an array.'),
  MAPC3011: error('member of a non-object', 'The value has no members: it is a string, number, boolean or null.'),
  MAPC3012: error('condition is not boolean', 'Conditions of `if`, `skip … when` and `reject … when` must be booleans; use `exists(x)` to test presence.'),
  MAPC3013: error('response has no such value', "The endpoint's response schema does not have this path, so reading it would always fail."),
  MAPC3014: error('duplicate key', 'An object literal gives the same key twice; the first is silently overwritten.'),
  MAPC3015: warning('comparison is always false', 'The two sides of `==` can never be equal: their types do not overlap.'),
  MAPC3016: warning('fallback never used', 'The left side of `??` is never absent or null, so the right side is never used.'),
  MAPC3017: error('unknown event type in trigger', 'The trigger compares `type` with something that is not an event type.'),
  MAPC3018: error('trigger matches no accepted event', 'The trigger can only match event types the destination does not accept, or no event type at all (`type = "identify" and type = "track"`).'),
  MAPC3019: error('unknown member', 'The value is an object type that has no member of this name.'),
  MAPC3020: error('trigger cannot be compiled', 'mapc cannot give this trigger a meaning, e.g. a `match` pattern with no wildcard at either end (see docs/triggers.md).'),
  MAPC3021: warning(
    'trigger reads differently in Segment',
    "mapc evaluates the trigger as written, but Segment's FQL parser would read its text differently (see docs/triggers.md); keep it if the destination only runs on mapc."
  ),
  MAPC3022: warning(
    'path not in the Segment Spec',
    "No event type the trigger can match declares this key, so the value is there only if a source sends a key of its own at that place; usually it is a typo (`$.userID` for `$.userId`, `$.trait.email` for `$.traits.email`). Keys below `traits`, `properties`, `context` and `integrations` are the customer's and are never reported. To read a custom key on purpose, quote it: `$[\"userID\"]`."
  ),
  MAPC3050: error(
    'not a list of item failures',
    '`failures` is a list of objects `{ index, key, status, message }`: `index` (a number or a numeric string) or `key` names the failed item, `status` is a number and `message` text; `failed` is a number: `failures [for e in response.errors: { index: e.batch_index, message: e.message }]`.'
  ),
  // -- requests and API schemas --------------------------------------------------------------
  MAPC4001: error('no such endpoint', "The request's method and URL match no endpoint of the destination's API schema (mappings/apis/<destination>.schema.json)."),
  MAPC4002: error('missing required property', 'The API schema requires a property the request does not send.'),
  MAPC4003: error('wrong property type', 'The request sends a value of a type the API schema does not accept.'),
  MAPC4004: error('unknown property', 'The API schema does not allow this property (the object is closed).'),
  MAPC4005: error('no API schema', 'The destination sends requests but mappings/apis/<destination>.schema.json is missing or invalid.'),
  MAPC4006: error('invalid URL', 'A request URL must be an absolute http(s) URL whose host is fixed text.'),
  MAPC4007: warning('required property may be absent', 'The API schema requires this property, but for some events the value is absent.'),
  MAPC4010: error(
    'host not from a declared set',
    "A URL's host is fixed text, or the whole host is a setting that picks one of the hosts its `choices` list (`https://{settings.region}/v1/…`). The setting must be required, must not be secret, and each choice must be a host name; each host must have the endpoint in the API schema."
  ),
  MAPC4008: error('invalid header or query value', 'Header and query values are strings, numbers or booleans.')
} satisfies Record<string, CodeInfo>
