/**
 * The grammar of the mapc language as a chevrotain CST parser (docs/language.md).
 *
 * The grammar rules below are the single source of the grammar: `grammar/mapc.ebnf` and the
 * railroad diagrams are derived from them (src/compiler/grammar/).
 *
 * Error recovery. Chevrotain recovers inside a rule by inserting or deleting one token. Beyond
 * that, every block (`{ member* }`) recovers on its own terms, because members need no
 * separators and an attribute starts with a plain name, so "the next name" is no safe place to
 * resume:
 * - a member rule that fails resynchronises at once (its follow set contains `AnyToken`), and
 * - the block's loop hands whatever cannot start a member to `skipped`, which consumes tokens,
 *   never leaving the block and stepping over nested brackets whole, up to the next token that
 *   can start a member on a new line, a member keyword, or the block's closing brace.
 * `skipped` is a recovery device, not part of the language; the grammar artefacts leave it out.
 *
 * Expression and trigger rules do not resynchronise themselves (`resyncEnabled: false`): an
 * error inside an expression is handled by the member that contains it.
 */
import { CstParser, EOF, type CstNode, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain'
import * as T from './tokens.js'
import type { TokenStructure } from './token-structure.js'
import { encodeExpectation } from './expectation.js'

const NO_RESYNC = { resyncEnabled: false }

const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) =>
    encodeExpectation({ kind: 'mismatch', expected: [expected.name], rule: ruleName }),
  buildNotAllInputParsedMessage: ({ ruleName }) => encodeExpectation({ kind: 'redundant', expected: [], rule: ruleName }),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) =>
    encodeExpectation({ kind: 'noAlternative', expected: firstTokenNames(expectedPathsPerAlt.flat()), rule: ruleName }),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) =>
    encodeExpectation({ kind: 'noAlternative', expected: firstTokenNames(expectedIterationPaths), rule: ruleName })
}

function firstTokenNames(paths: TokenType[][]): string[] {
  const names = new Set<string>()
  for (const path of paths) {
    const first = path[0]
    if (first !== undefined && first !== T.AnyToken) names.add(first.name)
  }
  return [...names]
}

export class MapParser extends CstParser {
  /** The bracket structure of the current input; set by `parseWith` before every run. */
  private structure: TokenStructure | undefined
  /** The opener of the block whose junk `skipped` is consuming (-1: the top level). */
  private skipOpener = -1

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 2, nodeLocationTracking: 'onlyOffset', errorMessageProvider })
    this.performSelfAnalysis()
  }

  /** Runs one entry rule over a token stream; the parser is reused across runs. */
  parseWith<R>(structure: TokenStructure, entry: (parser: this) => R): R {
    this.structure = structure
    this.input = structure.tokens
    try {
      return entry(this)
    } finally {
      this.structure = undefined
    }
  }

  /** Where the parser stands: the offset of the next token (the text length at the end). */
  currentOffset(): number {
    const next = this.LA(1)
    return Number.isFinite(next.startOffset) ? next.startOffset : (this.structure?.tokens.at(-1)?.startOffset ?? 0)
  }

  // -------------------------------------------------------------------------------------------
  // Files and declarations
  // -------------------------------------------------------------------------------------------

  mapFile = this.RULE('mapFile', () => {
    this.MANY({
      GATE: () => this.LA(1).tokenType !== EOF,
      DEF: () =>
        this.OR({
          IGNORE_AMBIGUITIES: true,
          MAX_LOOKAHEAD: 1,
          DEF: [
            { GATE: () => this.atBlockLevel(-1), ALT: () => this.SUBRULE(this.destination) },
            { ALT: () => this.skip(-1) }
          ]
        })
    })
  })

  destination = this.RULE('destination', () => {
    this.CONSUME(T.Destination)
    this.CONSUME(T.Identifier, { LABEL: 'name' })
    this.SUBRULE(this.destinationBody, { LABEL: 'body' })
  })

  destinationBody = this.RULE('destinationBody', () => {
    this.block(() => this.SUBRULE(this.destinationMember))
  })

  destinationMember = this.RULE('destinationMember', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.attribute) },
      { ALT: () => this.SUBRULE(this.setting) },
      { ALT: () => this.SUBRULE(this.auth) },
      { ALT: () => this.SUBRULE(this.upsertDeclaration) },
      { ALT: () => this.SUBRULE(this.shapeDeclaration) },
      { ALT: () => this.SUBRULE(this.preset) },
      { ALT: () => this.SUBRULE(this.action) }
    ])
  })

  /** `title "Attio"`, `accepts identify, track` */
  attribute = this.RULE('attribute', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' })
    this.SUBRULE(this.expression, { LABEL: 'values' })
    this.MANY(() => {
      this.CONSUME(T.Comma)
      this.SUBRULE2(this.expression, { LABEL: 'values' })
    })
  })

  setting = this.RULE('setting', () => {
    this.CONSUME(T.Setting)
    this.CONSUME(T.Identifier, { LABEL: 'name' })
    this.CONSUME(T.Colon)
    this.SUBRULE(this.typeReference, { LABEL: 'type' })
    this.MANY(() => this.CONSUME2(T.Identifier, { LABEL: 'modifiers' }))
    this.SUBRULE(this.attributeBlock, { LABEL: 'body' })
  })

  field = this.RULE('field', () => {
    this.CONSUME(T.Field)
    this.CONSUME(T.Identifier, { LABEL: 'name' })
    this.CONSUME(T.Colon)
    this.SUBRULE(this.typeReference, { LABEL: 'type' })
    this.MANY(() => this.CONSUME2(T.Identifier, { LABEL: 'modifiers' }))
    this.SUBRULE(this.attributeBlock, { LABEL: 'body' })
  })

  /** `string`, `string(email)`, `string(date-time)`, `string(pattern "^[a-z]+$")` */
  typeReference = this.RULE(
    'typeReference',
    () => {
      this.CONSUME(T.Identifier, { LABEL: 'name' })
      this.OPTION(() => {
        this.CONSUME(T.LParen)
        this.OR([
          { ALT: () => this.CONSUME(T.Word, { LABEL: 'format' }) },
          { ALT: () => this.CONSUME(T.HyphenatedName, { LABEL: 'format' }) }
        ])
        this.OPTION2(() => this.CONSUME(T.StringLiteral, { LABEL: 'argument' }))
        this.CONSUME(T.RParen)
      })
    },
    NO_RESYNC
  )

  attributeBlock = this.RULE('attributeBlock', () => {
    this.block(() => this.SUBRULE(this.attribute))
  })

  auth = this.RULE('auth', () => {
    this.CONSUME(T.Auth)
    this.CONSUME(T.Identifier, { LABEL: 'scheme' })
    this.SUBRULE(this.authBody, { LABEL: 'body' })
  })

  authBody = this.RULE('authBody', () => {
    this.block(() => this.SUBRULE(this.authMember))
  })

  authMember = this.RULE('authMember', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.header) },
      { ALT: () => this.SUBRULE(this.authTest) },
      // `username settings.siteId`, `password settings.apiKey`: what `auth basic` sends.
      { ALT: () => this.SUBRULE(this.attribute) }
    ])
  })

  /** `header authorization = expr`, `header "x-api-key" = expr` */
  header = this.RULE('header', () => {
    this.CONSUME(T.Header)
    this.OR([
      { ALT: () => this.CONSUME(T.Word, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'name' }) }
    ])
    this.CONSUME(T.Equals)
    this.SUBRULE(this.expression, { LABEL: 'value' })
  })

  authTest = this.RULE('authTest', () => {
    this.CONSUME(T.Test)
    this.SUBRULE(this.request)
  })

  /** `upsert record(object, key, values) PUT `…` { … }` */
  upsertDeclaration = this.RULE('upsertDeclaration', () => {
    this.CONSUME(T.Upsert)
    this.CONSUME(T.Identifier, { LABEL: 'name' })
    this.SUBRULE(this.parameters)
    this.SUBRULE(this.request)
  })

  /** `shape assertion(a, b) = expr` */
  shapeDeclaration = this.RULE('shapeDeclaration', () => {
    this.CONSUME(T.Shape)
    this.CONSUME(T.Identifier, { LABEL: 'name' })
    this.SUBRULE(this.parameters)
    this.CONSUME(T.Equals)
    this.SUBRULE(this.expression, { LABEL: 'body' })
  })

  parameters = this.RULE(
    'parameters',
    () => {
      this.CONSUME(T.LParen)
      this.OPTION(() => {
        this.CONSUME(T.Identifier, { LABEL: 'names' })
        this.MANY(() => {
          this.CONSUME(T.Comma)
          this.CONSUME2(T.Identifier, { LABEL: 'names' })
        })
        this.OPTION2(() => this.CONSUME2(T.Comma))
      })
      this.CONSUME(T.RParen)
    },
    NO_RESYNC
  )

  /** `preset "Identify User" when type = "identify" -> identifyUser` */
  preset = this.RULE('preset', () => {
    this.CONSUME(T.Preset)
    this.CONSUME(T.StringLiteral, { LABEL: 'title' })
    this.CONSUME(T.When)
    this.SUBRULE(this.trigger)
    this.CONSUME(T.Arrow)
    this.CONSUME(T.Identifier, { LABEL: 'action' })
  })

  action = this.RULE('action', () => {
    this.CONSUME(T.Action)
    this.CONSUME(T.Identifier, { LABEL: 'name' })
    this.SUBRULE(this.actionBody, { LABEL: 'body' })
  })

  actionBody = this.RULE('actionBody', () => {
    this.block(() => this.SUBRULE(this.actionMember))
  })

  actionMember = this.RULE('actionMember', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.attribute) },
      { ALT: () => this.SUBRULE(this.triggerDeclaration) },
      { ALT: () => this.SUBRULE(this.field) },
      { ALT: () => this.SUBRULE(this.skipRule) },
      { ALT: () => this.SUBRULE(this.rejectRule) },
      { ALT: () => this.SUBRULE(this.perform) },
      { ALT: () => this.SUBRULE(this.batch) }
    ])
  })

  triggerDeclaration = this.RULE('triggerDeclaration', () => {
    this.CONSUME(T.Trigger)
    this.SUBRULE(this.trigger)
  })

  /** `skip "reason" when expr` */
  skipRule = this.RULE('skipRule', () => {
    this.CONSUME(T.Skip)
    this.CONSUME(T.StringLiteral, { LABEL: 'reason' })
    this.CONSUME(T.When)
    this.SUBRULE(this.expression, { LABEL: 'condition' })
  })

  /** `reject field "why" when expr` */
  rejectRule = this.RULE('rejectRule', () => {
    this.CONSUME(T.Reject)
    this.CONSUME(T.Identifier, { LABEL: 'field' })
    this.CONSUME(T.StringLiteral, { LABEL: 'reason' })
    this.CONSUME(T.When)
    this.SUBRULE(this.expression, { LABEL: 'condition' })
  })

  perform = this.RULE('perform', () => {
    this.CONSUME(T.Perform)
    this.SUBRULE(this.performBody, { LABEL: 'body' })
  })

  performBody = this.RULE('performBody', () => {
    this.block(() => this.SUBRULE(this.step))
  })

  batch = this.RULE('batch', () => {
    this.CONSUME(T.Batch)
    this.SUBRULE(this.batchBody, { LABEL: 'body' })
  })

  batchBody = this.RULE('batchBody', () => {
    this.block(() => this.SUBRULE(this.batchMember))
  })

  batchMember = this.RULE('batchMember', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.attribute) }, { ALT: () => this.SUBRULE(this.step) }])
  })

  // -------------------------------------------------------------------------------------------
  // Steps and requests
  // -------------------------------------------------------------------------------------------

  step = this.RULE('step', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.letStep) },
      { ALT: () => this.SUBRULE(this.sendStep) },
      { ALT: () => this.SUBRULE(this.upsertStep) }
    ])
  })

  letStep = this.RULE('letStep', () => {
    this.CONSUME(T.Let)
    this.CONSUME(T.Identifier, { LABEL: 'name' })
    this.CONSUME(T.Equals)
    this.OR([
      { ALT: () => this.SUBRULE(this.sendStep, { LABEL: 'value' }) },
      { ALT: () => this.SUBRULE(this.upsertStep, { LABEL: 'value' }) }
    ])
  })

  sendStep = this.RULE('sendStep', () => {
    this.CONSUME(T.Send)
    this.SUBRULE(this.request)
  })

  /** `upsert record "people" by "email_addresses" with { … }` */
  upsertStep = this.RULE('upsertStep', () => {
    this.CONSUME(T.Upsert)
    this.CONSUME(T.Identifier, { LABEL: 'target' })
    this.SUBRULE(this.expression, { LABEL: 'object' })
    this.CONSUME(T.By)
    this.SUBRULE2(this.expression, { LABEL: 'keys' })
    this.MANY(() => {
      this.CONSUME(T.Comma)
      this.SUBRULE3(this.expression, { LABEL: 'keys' })
    })
    this.CONSUME(T.With)
    this.SUBRULE4(this.expression, { LABEL: 'values' })
  })

  /** `PUT "https://…" { query {…} json {…} }`; the block is optional. */
  request = this.RULE('request', () => {
    this.CONSUME(T.HttpMethod, { LABEL: 'method' })
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'url' }) },
      { ALT: () => this.SUBRULE(this.template, { LABEL: 'url' }) }
    ])
    this.OPTION(() => this.SUBRULE(this.requestBody, { LABEL: 'body' }))
  })

  requestBody = this.RULE('requestBody', () => {
    this.block(() => this.SUBRULE(this.requestPart))
  })

  /** `query {…}`, `headers {…}`, `json expr`, `form {…}` */
  requestPart = this.RULE('requestPart', () => {
    this.CONSUME(T.RequestPartKeyword, { LABEL: 'part' })
    this.SUBRULE(this.expression, { LABEL: 'value' })
  })

  // -------------------------------------------------------------------------------------------
  // Expressions, loosest first: if, or, and, not, == !=, ??, +, postfix
  // -------------------------------------------------------------------------------------------

  expression = this.RULE(
    'expression',
    () => {
      this.OR([{ ALT: () => this.SUBRULE(this.conditional) }, { ALT: () => this.SUBRULE(this.disjunction) }])
    },
    NO_RESYNC
  )

  /** `if c then a [else b]` */
  conditional = this.RULE(
    'conditional',
    () => {
      this.CONSUME(T.If)
      this.SUBRULE(this.expression, { LABEL: 'condition' })
      this.CONSUME(T.Then)
      this.SUBRULE2(this.expression, { LABEL: 'then' })
      this.OPTION(() => {
        this.CONSUME(T.Else)
        this.SUBRULE3(this.expression, { LABEL: 'else' })
      })
    },
    NO_RESYNC
  )

  disjunction = this.RULE(
    'disjunction',
    () => {
      this.SUBRULE(this.conjunction, { LABEL: 'operands' })
      this.MANY(() => {
        this.CONSUME(T.Or, { LABEL: 'operators' })
        this.SUBRULE2(this.conjunction, { LABEL: 'operands' })
      })
    },
    NO_RESYNC
  )

  conjunction = this.RULE(
    'conjunction',
    () => {
      this.SUBRULE(this.negation, { LABEL: 'operands' })
      this.MANY(() => {
        this.CONSUME(T.And, { LABEL: 'operators' })
        this.SUBRULE2(this.negation, { LABEL: 'operands' })
      })
    },
    NO_RESYNC
  )

  negation = this.RULE(
    'negation',
    () => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Not, { LABEL: 'not' })
            this.SUBRULE(this.negation, { LABEL: 'operand' })
          }
        },
        { ALT: () => this.SUBRULE(this.equality, { LABEL: 'operand' }) }
      ])
    },
    NO_RESYNC
  )

  equality = this.RULE(
    'equality',
    () => {
      this.SUBRULE(this.coalescing, { LABEL: 'operands' })
      this.MANY(() => {
        this.OR([
          { ALT: () => this.CONSUME(T.EqualsEquals, { LABEL: 'operators' }) },
          { ALT: () => this.CONSUME(T.NotEquals, { LABEL: 'operators' }) }
        ])
        this.SUBRULE2(this.coalescing, { LABEL: 'operands' })
      })
    },
    NO_RESYNC
  )

  coalescing = this.RULE(
    'coalescing',
    () => {
      this.SUBRULE(this.addition, { LABEL: 'operands' })
      this.MANY(() => {
        this.CONSUME(T.Coalesce, { LABEL: 'operators' })
        this.SUBRULE2(this.addition, { LABEL: 'operands' })
      })
    },
    NO_RESYNC
  )

  addition = this.RULE(
    'addition',
    () => {
      this.SUBRULE(this.postfix, { LABEL: 'operands' })
      this.MANY(() => {
        this.CONSUME(T.Plus, { LABEL: 'operators' })
        this.SUBRULE2(this.postfix, { LABEL: 'operands' })
      })
    },
    NO_RESYNC
  )

  /** `a.b`, `a["b c"]`, `a[0]`: member access and indexing, left to right. */
  postfix = this.RULE(
    'postfix',
    () => {
      this.SUBRULE(this.primary, { LABEL: 'primary' })
      this.MANY(() => {
        this.OR([
          { ALT: () => this.SUBRULE(this.memberAccess, { LABEL: 'suffixes' }) },
          { ALT: () => this.SUBRULE(this.indexAccess, { LABEL: 'suffixes' }) }
        ])
      })
    },
    NO_RESYNC
  )

  memberAccess = this.RULE(
    'memberAccess',
    () => {
      this.CONSUME(T.Dot)
      this.CONSUME(T.Word, { LABEL: 'property' })
    },
    NO_RESYNC
  )

  indexAccess = this.RULE(
    'indexAccess',
    () => {
      this.CONSUME(T.LBracket)
      this.SUBRULE(this.expression, { LABEL: 'index' })
      this.CONSUME(T.RBracket)
    },
    NO_RESYNC
  )

  primary = this.RULE(
    'primary',
    () => {
      this.OR([
        { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'string' }) },
        { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'number' }) },
        { ALT: () => this.CONSUME(T.True, { LABEL: 'boolean' }) },
        { ALT: () => this.CONSUME(T.False, { LABEL: 'boolean' }) },
        { ALT: () => this.CONSUME(T.Null, { LABEL: 'null' }) },
        { ALT: () => this.CONSUME(T.Absent, { LABEL: 'absent' }) },
        { ALT: () => this.CONSUME(T.Dollar, { LABEL: 'event' }) },
        { ALT: () => this.SUBRULE(this.nameOrCall) },
        // `auth.accessToken` and `[for x in batch: …]`: two keywords that are also names of values.
        { ALT: () => this.CONSUME(T.Auth, { LABEL: 'keywordName' }) },
        { ALT: () => this.CONSUME(T.Batch, { LABEL: 'keywordName' }) },
        { ALT: () => this.SUBRULE(this.template) },
        { ALT: () => this.SUBRULE(this.object) },
        { ALT: () => this.SUBRULE(this.list) },
        { ALT: () => this.SUBRULE(this.parenthesized) }
      ])
    },
    NO_RESYNC
  )

  /** `name` or `f(args)` */
  nameOrCall = this.RULE(
    'nameOrCall',
    () => {
      this.CONSUME(T.Identifier, { LABEL: 'name' })
      this.OPTION(() => this.SUBRULE(this.arguments))
    },
    NO_RESYNC
  )

  arguments = this.RULE(
    'arguments',
    () => {
      this.CONSUME(T.LParen)
      this.OPTION(() => {
        this.SUBRULE(this.expression, { LABEL: 'items' })
        this.MANY(() => {
          this.CONSUME(T.Comma)
          this.SUBRULE2(this.expression, { LABEL: 'items' })
        })
        this.OPTION2(() => this.CONSUME2(T.Comma))
      })
      this.CONSUME(T.RParen)
    },
    NO_RESYNC
  )

  parenthesized = this.RULE(
    'parenthesized',
    () => {
      this.CONSUME(T.LParen)
      this.SUBRULE(this.expression, { LABEL: 'inner' })
      this.CONSUME(T.RParen)
    },
    NO_RESYNC
  )

  /** `` `text` `` or `` `a{x}b{y}c` `` */
  template = this.RULE(
    'template',
    () => {
      this.OR([
        { ALT: () => this.CONSUME(T.TemplateString, { LABEL: 'chunks' }) },
        {
          ALT: () => {
            this.CONSUME(T.TemplateHead, { LABEL: 'chunks' })
            this.SUBRULE(this.expression, { LABEL: 'parts' })
            this.MANY(() => {
              this.CONSUME(T.TemplateMiddle, { LABEL: 'chunks' })
              this.SUBRULE2(this.expression, { LABEL: 'parts' })
            })
            this.CONSUME(T.TemplateTail, { LABEL: 'chunks' })
          }
        }
      ])
    },
    NO_RESYNC
  )

  /** `{ a: x, "b c": y, ...o, ...p without (k, "l m"), z }` */
  object = this.RULE(
    'object',
    () => {
      this.CONSUME(T.LBrace)
      this.OPTION(() => {
        this.SUBRULE(this.objectEntry, { LABEL: 'entries' })
        this.MANY(() => {
          this.CONSUME(T.Comma)
          this.SUBRULE2(this.objectEntry, { LABEL: 'entries' })
        })
        this.OPTION2(() => this.CONSUME2(T.Comma))
      })
      this.CONSUME(T.RBrace)
    },
    NO_RESYNC
  )

  objectEntry = this.RULE(
    'objectEntry',
    () => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Ellipsis, { LABEL: 'spread' })
            this.SUBRULE(this.expression, { LABEL: 'value' })
            // `...traits without email` or `...traits without (email, "phone number")`
            this.OPTION(() => {
              this.CONSUME(T.Without)
              this.OR3([
                { ALT: () => this.CONSUME3(T.Word, { LABEL: 'omitted' }) },
                { ALT: () => this.CONSUME3(T.StringLiteral, { LABEL: 'omitted' }) },
                {
                  ALT: () => {
                    this.CONSUME(T.LParen)
                    this.AT_LEAST_ONE_SEP({
                      SEP: T.Comma,
                      DEF: () =>
                        this.OR4([
                          { ALT: () => this.CONSUME4(T.Word, { LABEL: 'omitted' }) },
                          { ALT: () => this.CONSUME4(T.StringLiteral, { LABEL: 'omitted' }) }
                        ])
                    })
                    this.CONSUME(T.RParen)
                  }
                }
              ])
            })
          }
        },
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(T.Word, { LABEL: 'key' }) },
              { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'key' }) }
            ])
            this.CONSUME(T.Colon)
            this.SUBRULE2(this.expression, { LABEL: 'value' })
          }
        },
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'shorthand' }) }
      ])
    },
    NO_RESYNC
  )

  /** `[a, b]` or `[for x in xs: body]` */
  list = this.RULE(
    'list',
    () => {
      this.CONSUME(T.LBracket)
      this.OR([
        { ALT: () => this.SUBRULE(this.comprehension) },
        {
          ALT: () => {
            this.OPTION(() => {
              this.SUBRULE(this.expression, { LABEL: 'items' })
              this.MANY(() => {
                this.CONSUME(T.Comma)
                this.SUBRULE2(this.expression, { LABEL: 'items' })
              })
              this.OPTION2(() => this.CONSUME2(T.Comma))
            })
          }
        }
      ])
      this.CONSUME(T.RBracket)
    },
    NO_RESYNC
  )

  comprehension = this.RULE(
    'comprehension',
    () => {
      this.CONSUME(T.For)
      this.CONSUME(T.Identifier, { LABEL: 'variable' })
      this.CONSUME(T.In)
      this.SUBRULE(this.expression, { LABEL: 'iterable' })
      this.CONSUME(T.Colon)
      this.SUBRULE2(this.expression, { LABEL: 'body' })
    },
    NO_RESYNC
  )

  // -------------------------------------------------------------------------------------------
  // Triggers: Segment's FQL subset
  // -------------------------------------------------------------------------------------------

  trigger = this.RULE(
    'trigger',
    () => {
      this.SUBRULE(this.triggerConjunction, { LABEL: 'operands' })
      this.MANY(() => {
        this.CONSUME(T.Or, { LABEL: 'operators' })
        this.SUBRULE2(this.triggerConjunction, { LABEL: 'operands' })
      })
    },
    NO_RESYNC
  )

  triggerConjunction = this.RULE(
    'triggerConjunction',
    () => {
      this.SUBRULE(this.triggerNegation, { LABEL: 'operands' })
      this.MANY(() => {
        this.CONSUME(T.And, { LABEL: 'operators' })
        this.SUBRULE2(this.triggerNegation, { LABEL: 'operands' })
      })
    },
    NO_RESYNC
  )

  triggerNegation = this.RULE(
    'triggerNegation',
    () => {
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(T.Not, { LABEL: 'not' }) },
              { ALT: () => this.CONSUME(T.Bang, { LABEL: 'not' }) }
            ])
            this.SUBRULE(this.triggerNegation, { LABEL: 'operand' })
          }
        },
        { ALT: () => this.SUBRULE(this.triggerPrimary, { LABEL: 'operand' }) }
      ])
    },
    NO_RESYNC
  )

  triggerPrimary = this.RULE(
    'triggerPrimary',
    () => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.LParen)
            this.SUBRULE(this.trigger, { LABEL: 'inner' })
            this.CONSUME(T.RParen)
          }
        },
        { ALT: () => this.SUBRULE(this.triggerCall) },
        { ALT: () => this.SUBRULE(this.triggerComparison) }
      ])
    },
    NO_RESYNC
  )

  /** `contains(event, "Order")`, `match(event, "Order *")` */
  triggerCall = this.RULE(
    'triggerCall',
    () => {
      this.CONSUME(T.Identifier, { LABEL: 'function' })
      this.CONSUME(T.LParen)
      this.SUBRULE(this.triggerPath, { LABEL: 'path' })
      this.CONSUME(T.Comma)
      this.CONSUME(T.StringLiteral, { LABEL: 'argument' })
      this.CONSUME(T.RParen)
    },
    NO_RESYNC
  )

  triggerComparison = this.RULE(
    'triggerComparison',
    () => {
      this.SUBRULE(this.triggerPath, { LABEL: 'path' })
      this.OR([
        { ALT: () => this.CONSUME(T.Equals, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(T.NotEquals, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(T.LessEquals, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(T.Less, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(T.GreaterEquals, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(T.Greater, { LABEL: 'operator' }) }
      ])
      this.OR2([
        { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'value' }) },
        { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'value' }) },
        { ALT: () => this.CONSUME(T.True, { LABEL: 'value' }) },
        { ALT: () => this.CONSUME(T.False, { LABEL: 'value' }) },
        { ALT: () => this.CONSUME(T.Null, { LABEL: 'value' }) }
      ])
    },
    NO_RESYNC
  )

  /** `properties.total`, `context.page.path` */
  triggerPath = this.RULE(
    'triggerPath',
    () => {
      this.CONSUME(T.Identifier, { LABEL: 'segments' })
      this.MANY(() => {
        this.CONSUME(T.Dot)
        this.CONSUME(T.Word, { LABEL: 'segments' })
      })
    },
    NO_RESYNC
  )

  // -------------------------------------------------------------------------------------------
  // Recovery
  // -------------------------------------------------------------------------------------------

  /**
   * Tokens that cannot start a member where they stand, up to the next place a member can
   * start. Never produced by valid input; the AST builder reports what it holds.
   */
  skipped = this.RULE(
    'skipped',
    () => {
      this.CONSUME(T.AnyToken, { LABEL: 'tokens' })
      this.MANY({
        GATE: () => !this.atResyncPoint(this.skipOpener),
        DEF: () => this.CONSUME2(T.AnyToken, { LABEL: 'tokens' })
      })
    },
    NO_RESYNC
  )

  /** `{ member* }` with recovery: see the file comment. Each block rule calls this once. */
  private block(member: () => CstNode): void {
    const open = this.CONSUME(T.LBrace)
    const opener = this.RECORDING_PHASE ? -1 : this.openerIndex(open)
    // After a member that failed part-way, what is left of its line is not a new member unless
    // it starts like one (`type == "x"` after a broken `trigger` is not the attribute `type`).
    let recovering = false
    this.MANY({
      GATE: () => !this.endsBlock(opener),
      DEF: () =>
        // One token decides: a member keyword enters its member even when what follows is wrong,
        // so the member's own rule reports the error (`field for:` → "`for` is a keyword").
        this.OR({
          IGNORE_AMBIGUITIES: true,
          MAX_LOOKAHEAD: 1,
          DEF: [
            {
              GATE: () => this.atBlockLevel(opener) && (!recovering || this.startsLine()),
              ALT: () => {
                const node = member()
                recovering = !this.RECORDING_PHASE && node.recoveredNode === true
              }
            },
            {
              ALT: () => {
                this.skip(opener)
                recovering = false
              }
            }
          ]
        })
    })
    this.CONSUME(T.RBrace)
  }

  private skip(opener: number): void {
    this.skipOpener = opener
    this.SUBRULE(this.skipped)
  }

  /** A block opened by an inserted `{` (recovery) shares the level of the block around it. */
  private openerIndex(open: IToken): number {
    const structure = this.structure as TokenStructure
    const index = structure.indexOf(open)
    return index >= 0 ? index : structure.enclosing(structure.indexOf(this.LA(1)))
  }

  private endsBlock(opener: number): boolean {
    const next = this.LA(1)
    if (next.tokenType === EOF) return true
    if (this.RECORDING_PHASE || !T.closingTokens.has(next.tokenType)) return false
    const closed = this.structure!.closedOpener[this.structure!.indexOf(next)] ?? -1
    // A stray closer ends the innermost block; a closer of an outer bracket ends this one too.
    return closed < 0 || closed <= opener
  }

  private atBlockLevel(opener: number): boolean {
    if (this.RECORDING_PHASE) return true
    const structure = this.structure as TokenStructure
    return structure.enclosing(structure.indexOf(this.LA(1))) === opener
  }

  /** The next token is a member keyword or the first token of its line. */
  private startsLine(): boolean {
    const next = this.LA(1)
    if (T.memberKeywords.has(next.tokenType)) return true
    const structure = this.structure as TokenStructure
    return structure.firstOnLine[structure.indexOf(next)] === 1
  }

  private atResyncPoint(opener: number): boolean {
    const next = this.LA(1)
    if (this.endsBlock(opener)) return true
    if (!this.atBlockLevel(opener)) return false
    if (T.memberKeywords.has(next.tokenType)) return true
    const structure = this.structure as TokenStructure
    return next.tokenType === T.Identifier && structure.firstOnLine[structure.indexOf(next)] === 1
  }

  // -------------------------------------------------------------------------------------------
  // Single-token recovery policy
  // -------------------------------------------------------------------------------------------

  /**
   * A closing bracket is inserted only when the bracket it would close is never closed later;
   * otherwise inserting it would end a block early and misread the rest of the file.
   */
  protected override canTokenTypeBeInsertedInRecovery(type: TokenType): boolean {
    if (!T.closingTokens.has(type) && type !== T.TemplateMiddle) return true
    const structure = this.structure
    if (structure === undefined) return false
    const next = this.LA(1)
    if (next.tokenType === EOF) return true
    const index = structure.indexOf(next)
    const closed = structure.closedOpener[index] ?? -1
    const enclosing = structure.enclosing(index)
    // `next` is itself a closer of an outer bracket: the inner one is unclosed.
    if (T.closingTokens.has(next.tokenType) && closed !== enclosing) return true
    return !structure.isClosed(enclosing)
  }

  /** Brackets are never deleted: that would unbalance everything after them. */
  protected override canTokenTypeBeDeletedInRecovery(): boolean {
    const next = this.LA(1).tokenType
    return !T.openingTokens.has(next) && !T.closingTokens.has(next)
  }
}

let shared: MapParser | undefined

/** The one parser instance: chevrotain's self-analysis is slow, so it runs once per process. */
export function mapParser(): MapParser {
  shared ??= new MapParser()
  return shared
}
