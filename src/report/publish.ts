/**
 * The only writer to the runner: log lines and annotations, masks, outputs,
 * the job summary, the PR comment and the step's verdict. Every line goes
 * through logLine (escape.ts), so text from a registry or an image
 * publisher can never break a line or become a workflow command, however a
 * caller assembled the message.
 */
import * as core from '@actions/core'
import { errorMessage } from '../errors.js'
import type { LogLine, Logger, Result } from '../jobs/result.js'
import type { ConnectEvents } from '../registry/connect.js'
import { formatWait } from '../text/duration.js'
import { COMMENT_MARKER, changesComment } from './comment.js'
import { logLine } from './escape.js'
import { upsertPullRequestComment } from './pr-comment.js'
import { writeSections } from './summary/index.js'

/** Where an annotation points: a workspace file and its line. */
interface Place {
  file?: string
  line?: number
}

const annotation = (
  title?: string,
  { file, line }: Place = {}
): core.AnnotationProperties | undefined =>
  title === undefined && file === undefined
    ? undefined
    : {
        ...(title !== undefined && { title: logLine(title) }),
        ...(file !== undefined && { file: logLine(file), startLine: line })
      }

/** The log, for jobs (progress) and for the publisher itself. */
export const log: Logger & {
  warning(message: string, title?: string, place?: Place): void
  error(message: string, title?: string, place?: Place): void
  /** Fails the step with this message (an error annotation). */
  fail(message: string): void
  /** Runs `work` with what it logs folded under `name`. */
  group<T>(name: string, work: () => Promise<T>): Promise<T>
} = {
  info: (message) => core.info(logLine(message)),
  debug: (message) => core.debug(logLine(message)),
  warning: (message: string, title?: string, place?: Place) =>
    core.warning(logLine(message), annotation(title, place)),
  error: (message: string, title?: string, place?: Place) =>
    core.error(logLine(message), annotation(title, place)),
  fail: (message) => core.setFailed(logLine(message)),
  group: (name, work) => core.group(logLine(name), work)
}

/** What the registries report while a job runs, as the log shows it. */
export const registryEvents: ConnectEvents = {
  // Hidden from the log before anything could print it.
  secret: (value) => core.setSecret(value),
  warning: (message) => log.warning(message),
  connected: (source) =>
    log.debug(`Credentials: ${source ?? 'none (anonymous)'}`),
  retry: (e) =>
    log.info(
      `${e.reason} from ${e.url}; retrying in ${formatWait(e.delayMs)} (${e.attempt}/${e.retries})`
    ),
  debug: (message) => log.debug(message),
  exchange: (e) =>
    log.debug(
      `${e.method} ${e.url} → ${e.failed ? 'no answer' : e.status} (${e.ms} ms)`
    )
}

/**
 * A finished job, published in order: outputs (only now, so a failed job
 * sets none), its lines, the summary, the comment, then the verdict.
 */
export async function publish(
  result: Result,
  { githubToken }: { githubToken?: string } = {}
): Promise<void> {
  for (const [name, value] of result.outputs) core.setOutput(name, value)
  writeLines(result.log)
  if (result.summary.length > 0) await writeSummary(result)
  if (result.comment && githubToken) {
    await core.group('Pull-request comment', () => comment(githubToken, result))
  }
  if (result.failure) log.fail(result.failure)
}

/** Lines in order; consecutive lines of one `group` fold under its name. */
function writeLines(lines: LogLine[]): void {
  let open: string | undefined
  for (const line of lines) {
    if (line.group !== open) {
      if (open !== undefined) core.endGroup()
      if (line.group !== undefined) core.startGroup(logLine(line.group))
      open = line.group
    }
    write(line)
  }
  if (open !== undefined) core.endGroup()
}

function write({
  level,
  message,
  title,
  group: _group,
  ...place
}: LogLine): void {
  if (level === 'info') log.info(message)
  else if (level === 'debug') log.debug(message)
  else if (level === 'warning') log.warning(message, title, place)
  else log.error(message, title, place)
}

/** The summary is a report: failing to write it is a warning. */
async function writeSummary(result: Result): Promise<void> {
  try {
    writeSections(core.summary, result.summary)
    await core.summary.write()
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

/** A comment that cannot be posted is a warning: the inspection itself worked. */
async function comment(token: string, result: Result): Promise<void> {
  const { changes, before, after } = result.comment!
  try {
    const outcome = await upsertPullRequestComment(
      token,
      changesComment(changes, before, after),
      COMMENT_MARKER
    )
    if (outcome.status === 'skipped') {
      log.info(
        `No pull-request comment: the '${outcome.event}' event is not a pull request.`
      )
    } else {
      log.info(`Pull-request comment ${outcome.status}: ${outcome.url}`)
    }
  } catch (error) {
    const status = (error as { status?: number }).status
    const hint =
      status === 403 || status === 404
        ? " (the token needs 'pull-requests: write' permission)"
        : ''
    log.warning(
      `Could not comment on the pull request${hint}: ${errorMessage(error)}`
    )
  }
}
