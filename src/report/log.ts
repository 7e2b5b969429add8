/**
 * The only writer to the runner's log. Every line and annotation goes
 * through logLine (escape.ts), so text from a registry or an image
 * publisher can never break a line or become a workflow command, however a
 * caller assembled the message.
 */
import * as core from '@actions/core'
import { logLine } from './escape.js'

/** Where progress and diagnostics go; jobs take this, never @actions/core. */
export interface Logger {
  info(message: string): void
  debug(message: string): void
  warning(message: string, title?: string): void
  error(message: string, title?: string): void
}

const annotation = (title?: string): core.AnnotationProperties | undefined =>
  title === undefined ? undefined : { title: logLine(title) }

export const log: Logger & {
  /** Fails the step with this message (an error annotation). */
  fail(message: string): void
} = {
  info: (message) => core.info(logLine(message)),
  debug: (message) => core.debug(logLine(message)),
  warning: (message, title) =>
    core.warning(logLine(message), annotation(title)),
  error: (message, title) => core.error(logLine(message), annotation(title)),
  fail: (message) => core.setFailed(logLine(message))
}
