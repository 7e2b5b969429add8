/**
 * Registry failures as messages a user can act on: what happened, for which
 * reference, and what to change (naming the action's inputs). The registry
 * layer says what happened; only this module knows about inputs.
 */
import { UserError, errorMessage } from '../errors.js'
import type { Credentials } from '../registry/auth/docker-config.js'
import {
  RegistryError,
  describeErrors,
  type Remedy
} from '../registry/errors.js'
import {
  formatReference,
  isDockerHub,
  repositoryName,
  type ImageReference
} from '../registry/reference.js'

/** Who asked for what: enough to explain a registry failure. */
export interface FailureContext {
  reference: ImageReference
  credentials?: Credentials
  /** Where the credentials came from, to explain a rejection. */
  credentialSource?: string
}

const REMEDIES: Record<Remedy, string> = {
  'allow-http':
    "If it is a plain-http registry you trust, list it in the 'insecure-registries' input",
  'wait-longer': "Retry after that time, or raise the 'max-retry-wait' input",
  'choose-platform': "Set the 'platform' input to one of them.",
  'one-platform': "Set the 'platform' input to the one you need"
}

/** Runs registry work, turning a RegistryError into a message for users. */
export async function explained<T>(
  context: FailureContext,
  work: () => Promise<T>
): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw new UserError(describeFailure(error, context))
  }
}

/**
 * Any failure as one message: a registry failure explained for its
 * reference (when known), anything else as it says.
 */
export function describeFailure(
  error: unknown,
  context?: FailureContext
): string {
  if (!(error instanceof RegistryError)) return errorMessage(error)
  if (error.kind === 'config') {
    return `${error.message}. Fix or remove that file, or pass the 'username' and 'password' inputs.`
  }
  if (!context) return withRemedy(error)
  return explain(error, context, formatReference(context.reference))
}

/** The error's own words, and what the user can change about it. */
function withRemedy(error: RegistryError): string {
  return error.remedy
    ? `${error.message}. ${REMEDIES[error.remedy]}`
    : error.message
}

/** Turns a registry failure into a message that says what to do about it. */
function explain(
  error: RegistryError,
  request: FailureContext,
  ref: string
): string {
  const { reference, credentials, credentialSource } = request
  const message = withRemedy(error)
  const repo = repositoryName(reference)
  const prefix = `Cannot inspect ${ref}`
  const said = error.errors.length
    ? ` (registry: ${describeErrors(error.errors)})`
    : ''
  if (
    (error.kind === 'not-found' || error.status === 404) &&
    error.resource === 'tag list'
  ) {
    return `${prefix}: repository ${repo} does not exist on ${reference.domain} (it has no tag list). Check the image name.${said}`
  }
  if (
    (error.kind === 'not-found' || error.status === 404) &&
    error.resource !== undefined &&
    error.resource !== 'manifest'
  ) {
    return `${prefix}: the registry lists the image but has no ${error.resource} for it (404). The repository is damaged or was garbage-collected; re-push the image.${said}`
  }
  if (error.kind === 'not-found' || error.status === 404) {
    if (error.has('NAME_UNKNOWN')) {
      return `${prefix}: repository ${repo} does not exist on ${reference.domain}. Check the image name.${said}`
    }
    const what = reference.digest
      ? `digest ${reference.digest}`
      : `tag "${reference.tag ?? 'latest'}"`
    return `${prefix}: ${what} not found in ${repo} (or the repository does not exist). Check the name and that the tag or digest exists.${said}`
  }
  if (error.kind === 'auth' || error.status === 401 || error.status === 403) {
    const oneSegment = !reference.path.includes('/')
    if (isDockerHub(reference.domain) && oneSegment) {
      return `${prefix}: access denied (${error.status ?? 401}). Official Docker Hub images live under "library/": did you mean ${reference.domain}/library/${reference.path}?`
    }
    if (credentials) {
      return `${prefix}: access denied (${error.status ?? 401}) with the credentials from ${credentialSource ?? 'the inputs'}. Check they are valid and allowed to pull ${repo}, and that the repository exists. ${message}`
    }
    if (error.has('DENIED') || error.status === 403) {
      return `${prefix}: pull access denied for ${repo}. The repository may not exist, or it needs credentials with read access (the 'username'/'password' inputs or a docker/login-action step). ${message}`
    }
    return `${prefix}: the registry requires authentication for ${repo}, or the repository does not exist. Provide credentials (the 'username'/'password' inputs or a docker/login-action step) or check the name. ${message}`
  }
  if (error.status === 429 || error.has('TOOMANYREQUESTS')) {
    return `${prefix}: the registry is rate-limiting requests (429). Wait and retry, or authenticate to get a higher limit. ${message}`
  }
  return `${prefix}: ${message}`
}
