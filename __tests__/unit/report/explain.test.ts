/** Registry failures as the user reads them: what happened and what to change. */
import { describe, expect, test } from '@jest/globals'
import { describeFailure } from '../../../src/report/explain.js'
import { RegistryError } from '../../../src/registry/errors.js'
import { parseReference } from '../../../src/registry/reference.js'

describe('describeFailure', () => {
  const err = (status: number, code?: string): RegistryError =>
    new RegistryError(
      status === 404
        ? 'not-found'
        : status === 401 || status === 403
          ? 'auth'
          : 'http',
      `The registry answered ${status}`,
      status,
      code ? [{ code, message: code.toLowerCase() }] : []
    )
  // prettier-ignore
  test.each([
    ['Hub one-segment name, 401', 'registry-1.docker.io/nginx', err(401, 'UNAUTHORIZED'), false, /did you mean registry-1\.docker\.io\/library\/nginx\?/],
    ['Hub two-segment name, 401', 'acme/private', err(401, 'UNAUTHORIZED'), false, /requires authentication for docker\.io\/acme\/private, or the repository does not exist/],
    ['denied with credentials', 'ghcr.io/org/app', err(403, 'DENIED'), true, /access denied \(403\) with the credentials from the inputs\. Check they are valid and allowed to pull ghcr\.io\/org\/app/],
    ['denied anonymously', 'ghcr.io/org/app', err(403, 'DENIED'), false, /pull access denied for ghcr\.io\/org\/app/],
    ['unknown tag', 'ghcr.io/org/app:nope', err(404, 'MANIFEST_UNKNOWN'), false, /tag "nope" not found in ghcr\.io\/org\/app/],
    ['unknown repository', 'ghcr.io/org/app', err(404, 'NAME_UNKNOWN'), false, /repository ghcr\.io\/org\/app does not exist on ghcr\.io/],
    ['rate limited', 'nginx', err(429, 'TOOMANYREQUESTS'), false, /rate-limiting requests \(429\)/],
    ['other', 'nginx', err(500), false, /^Cannot inspect docker\.io\/library\/nginx: The registry answered 500$/]
  ])('%s', (_name, image, error, withCredentials, message) => {
    const reference = parseReference(image)
    const text = describeFailure(error, {
      reference,
      credentials: withCredentials ? { username: 'u', password: 'p' } : undefined
    })
    expect(text).toMatch(message)
  })
})
