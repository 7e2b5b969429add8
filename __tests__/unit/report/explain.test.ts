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
    { name: 'Hub one-segment name, 401', image: 'registry-1.docker.io/nginx', error: err(401, 'UNAUTHORIZED'), withCredentials: false, message: /did you mean registry-1\.docker\.io\/library\/nginx\?/ },
    { name: 'Hub two-segment name, 401', image: 'acme/private', error: err(401, 'UNAUTHORIZED'), withCredentials: false, message: /requires authentication for docker\.io\/acme\/private, or the repository does not exist/ },
    { name: 'denied with credentials', image: 'ghcr.io/org/app', error: err(403, 'DENIED'), withCredentials: true, message: /access denied \(403\) with the credentials from the inputs\. Check they are valid and allowed to pull ghcr\.io\/org\/app/ },
    { name: 'denied anonymously', image: 'ghcr.io/org/app', error: err(403, 'DENIED'), withCredentials: false, message: /pull access denied for ghcr\.io\/org\/app/ },
    { name: 'unknown tag', image: 'ghcr.io/org/app:nope', error: err(404, 'MANIFEST_UNKNOWN'), withCredentials: false, message: /tag "nope" not found in ghcr\.io\/org\/app/ },
    { name: 'unknown repository', image: 'ghcr.io/org/app', error: err(404, 'NAME_UNKNOWN'), withCredentials: false, message: /repository ghcr\.io\/org\/app does not exist on ghcr\.io/ },
    { name: 'rate limited', image: 'nginx', error: err(429, 'TOOMANYREQUESTS'), withCredentials: false, message: /rate-limiting requests \(429\)/ },
    { name: 'other', image: 'nginx', error: err(500), withCredentials: false, message: /^Cannot inspect docker\.io\/library\/nginx: The registry answered 500$/ }
  ])('$name', ({ image, error, withCredentials, message }) => {
    const reference = parseReference(image)
    const text = describeFailure(error, {
      reference,
      credentials: withCredentials ? { username: 'u', password: 'p' } : undefined
    })
    expect(text).toMatch(message)
  })
})
