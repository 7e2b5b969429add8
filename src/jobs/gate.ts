/**
 * `assert`: the rules checked against the inspected image; each failed rule
 * an annotation, and the step fails (or, with report-only, only warns).
 */
import { evaluateRules, type Rule, type RuleResult } from '../gate/rules.js'
import type { BaseCheck } from '../image/base.js'
import type { ImageInfo } from '../image/model.js'
import type { Pattern } from '../text/pattern.js'
import type { LogLine, Result } from './result.js'

export interface Gate {
  rules: Rule[]
  patterns: Map<string, Pattern>
  /** Report failed rules without failing the step. */
  reportOnly: boolean
}

export function checkGate(
  gate: Gate,
  info: ImageInfo,
  base: BaseCheck[] = []
): Pick<Result, 'outputs' | 'log' | 'summary' | 'failure'> {
  const results = evaluateRules(
    gate.rules,
    info,
    gate.patterns,
    Date.now(),
    base
  )
  const passed = results.filter((r) => r.passed).length
  const group = `Rules: ${passed} of ${results.length} passed`
  const log: LogLine[] = results.map((r) =>
    r.passed
      ? { level: 'info', message: `✔ ${r.rule}`, group }
      : {
          level: 'error',
          message: `${r.rule} (actual: ${clipped(r.actual)})`,
          title: 'Image assertion failed',
          group
        }
  )
  const failure = verdict(results)
  if (failure && gate.reportOnly)
    log.push({ level: 'warning', message: failure })
  return {
    outputs: [
      ['assertions', JSON.stringify(results)],
      ['passed', String(results.every((r) => r.passed))]
    ],
    log,
    summary: results.length ? [{ kind: 'rules', results }] : [],
    failure: gate.reportOnly ? undefined : failure
  }
}

/** An annotation is one line: a long value is cut (`assertions` has it whole). */
const MAX_ACTUAL_CHARS = 500

function clipped(text: string): string {
  return text.length > MAX_ACTUAL_CHARS
    ? `${text.slice(0, MAX_ACTUAL_CHARS)}… (${text.length - MAX_ACTUAL_CHARS} more characters)`
    : text
}

/** What the step says when rules failed; undefined when all held. */
function verdict(results: RuleResult[]): string | undefined {
  const failed = results.filter((r) => !r.passed)
  if (failed.length === 0) return undefined
  return `${failed.length} of ${results.length} image assertions failed: ${failed.map((r) => r.rule).join('; ')}`
}
