/** Assertions and helpers shared by the end-to-end suites. */
import { expect } from '@jest/globals'
import type { ActionRun } from './action.js'

export function expectOk(result: ActionRun): void {
  expect(result.error).toBeUndefined()
  expect(result.failed).toBe(false)
}

/** The step failed with this message and set no outputs. */
export function expectFailure(result: ActionRun, message: RegExp): void {
  expect(result.failed).toBe(true)
  expect(result.error).toMatch(message)
  expect(result.outputFile).toBe('') // a failed step sets no outputs
}

/** The path of a logged request's URL (logs hold path and query). */
export const pathOf = (e: { url: string }): string =>
  new URL(e.url, 'http://x').pathname
