/**
 * What a job hands back: plain data the publisher turns into outputs, log
 * lines, annotations, the job summary, the PR comment and the step's
 * verdict. Jobs never write to the runner themselves.
 */
import type { ImageChanges } from '../compare/diff.js'
import type { RuleResult } from '../gate/rules.js'
import type { BaseCheck } from '../image/base.js'
import type { ImageInfo } from '../image/model.js'
import type { Provenance } from '../image/provenance.js'
import type { LoadedDockerfile } from '../dockerfile/load.js'
import type { TagChoice, TagSort } from '../tags/select.js'
import type { Findings } from './base.js'
import type { StalePin } from './dockerfile.js'

/** Progress while a job runs (the publisher escapes what it is given). */
export interface Logger {
  info(message: string): void
  debug(message: string): void
  warning(message: string, title?: string): void
}

/** A line for the log once the job is done; warning and error are annotations. */
export interface LogLine {
  level: 'info' | 'debug' | 'warning' | 'error'
  message: string
  title?: string
  /** Where an annotation points (a workspace file and its line). */
  file?: string
  line?: number
  /** Consecutive lines of one group fold under its name in the log. */
  group?: string
}

/** One image, or one platform of an image, in a table. */
export interface Row {
  /** The reference as written, or the platform. */
  name: string
  info?: ImageInfo
  error?: string
  /** Its base check, when asked for. */
  base?: BaseCheck
  /** Its provenance when asked for (null: there is none). */
  provenance?: Provenance | null
}

/** A part of the job summary, as data; report/summary renders it. */
export type SummarySection =
  | { kind: 'image'; info: ImageInfo }
  | { kind: 'rows'; title: string; rows: Row[] }
  | { kind: 'rules'; results: RuleResult[] }
  | { kind: 'changes'; changes: ImageChanges; before: string; after: string }
  | { kind: 'unchanged'; ref: string; digest: string }
  | { kind: 'dockerfile'; dockerfile: LoadedDockerfile; stale: StalePin[] }
  | {
      kind: 'tags'
      repository: string
      /** The tag in use, when a range did not pick it. */
      current?: string
      sort: TagSort
      /** How many tags the registry listed. */
      listed: number
      choice: TagChoice
    }
  | {
      kind: 'base'
      /** Each platform's answer (none when only provenance was read). */
      checks: BaseCheck[]
      provenance?: Provenance
    }

export interface Result {
  /** In the order action.yml lists them. */
  outputs: [string, string][]
  log: LogLine[]
  summary: SummarySection[]
  /** A comparison to post on the pull request. */
  comment?: { changes: ImageChanges; before: string; after: string }
  /** The step fails with this message, once everything else is published. */
  failure?: string
}

/** What a row of `results` carries of the base check and provenance. */
export function rowFindings(
  settings: { readProvenance: boolean },
  found: Findings
): Pick<Row, 'base' | 'provenance'> {
  return {
    base: found.base,
    provenance: settings.readProvenance
      ? (found.provenance?.provenance ?? null)
      : undefined
  }
}

/** An empty result, to build on. */
export function result(parts: Partial<Result> = {}): Result {
  return { outputs: [], log: [], summary: [], ...parts }
}
