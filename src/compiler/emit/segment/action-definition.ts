/**
 * One action → `<action>/index.ts`: an actions-core ActionDefinition (title, description,
 * `defaultSubscription`, fields) whose `perform` and `performBatch` run the `.map`'s compiled
 * steps through the runtime copy the build carries (`<slug>/mapc/runtime/segment/`), with
 * actions-core's request client, and answer a batch with a
 * MultiStatusResponse: per item where the `.map`'s batch has `results`, and for the events mapc's
 * own payload checks fail or skip.
 */
import type { ActionIR, DestinationIR } from '../../ir.js'
import { commentText, stringLiteral, valueLiteral } from '../literals.js'
import { computedDefaults, eventFieldDefinition, fieldDefinition } from './field-definition.js'
import type { ModuleText } from './module-text.js'
import { sourceComment } from './source-comment.js'
import { SUPPORT_DIRECTORY } from './support-files.js'

export function actionDefinitionModule(destination: DestinationIR, action: ActionIR, header: string): ModuleText {
  const computed = computedDefaults(action.fields)
  const fields = action.fields.map((f) => `${sourceComment(f.source)}\n${fieldDefinition(f)}`)
  if (computed.length > 0) fields.push(eventFieldDefinition(computed))
  const properties = [
    `title: ${stringLiteral(action.title)}`,
    `description: ${stringLiteral(action.description ?? action.title)}`,
    ...(action.fql !== undefined ? [`defaultSubscription: ${stringLiteral(action.fql)}`] : []),
    `fields: {\n${fields.join(',\n')}\n}`,
    // The steps are mapc's compiled ones (../mapc/actions), so both targets send the same bytes.
    `${sourceComment(action.source)}\nperform: (request, data) => performOne(binding, request, data)`,
    ...(action.batch ? [`performBatch: async (request, data) => multiStatus(await performMany(binding, request, data))`] : [])
  ]
  return {
    preamble: [header, `// ${commentText(`${action.title}: the action \`${action.name}\` of ${destination.sourceFile}.`)}`],
    coreTypes: ['ActionDefinition'],
    actionsCore: action.batch ? ['MultiStatusResponse'] : [],
    imports: [
      { types: ['Settings'], typeOnly: true, from: '../generated-types' },
      { types: ['Payload'], typeOnly: true, from: './generated-types' },
      { named: [action.batch ? 'performMany' : '', 'performOne'].filter(Boolean), types: [...(action.batch ? ['ItemOutcome'] : []), 'SegmentBinding'], from: `../${SUPPORT_DIRECTORY}/segment/index` },
      { named: ['action as compiled'], from: `../mapc/actions/${action.name}` },
      { named: ['destination as compiledDestination'], from: '../mapc/index' }
    ],
    body: [
      `const binding: SegmentBinding = { destination: compiledDestination, action: compiled, computedDefaults: ${valueLiteral(computed)} }`,
      '',
      ...(action.batch ? MULTI_STATUS : []),
      `const action: ActionDefinition<Settings, Payload> = {\n${properties.join(',\n')}\n}`,
      '',
      'export default action',
      ''
    ].join('\n')
  }
}

/** The batch's outcomes as actions-core reports them: one entry per payload it handed over, in order. */
const MULTI_STATUS = [
  // The instance type is spelled from the value: under ES modules the class is a value from createRequire.
  'function multiStatus(outcomes: readonly ItemOutcome[]): InstanceType<typeof MultiStatusResponse> {',
  '  const response = new MultiStatusResponse()',
  '  for (const outcome of outcomes) {',
  '    if (outcome.kind === "failed") {',
  '      response.pushErrorResponse({ status: outcome.status, errortype: outcome.status === 400 ? "PAYLOAD_VALIDATION_FAILED" : undefined, errormessage: outcome.error.message })',
  '    } else {',
  '      response.pushSuccessResponse({ status: outcome.kind === "delivered" ? outcome.status : 200, sent: {}, body: outcome.kind === "skipped" ? { skipped: outcome.reason } : {} })',
  '    }',
  '  }',
  '  return response',
  '}',
  ''
]
