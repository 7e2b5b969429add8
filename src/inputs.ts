/**
 * The only reader of action inputs: every input is read, validated and
 * normalized here into one typed object, or the step fails naming the input.
 */
import * as core from '@actions/core'
import { InputError } from './errors.js'
import {
  credentialsFromDockerConfig,
  type Credentials
} from './registry/auth/docker-config.js'
import { parsePlatform, type Platform } from './registry/platform.js'
import {
  ReferenceError,
  parseReference,
  type ImageReference
} from './registry/reference.js'

export interface Inputs {
  reference: ImageReference
  platform: Platform
  credentials?: Credentials
  /** Where the credentials came from (an input or a config file); never the secret. */
  credentialSource?: string
}

const TAG = /^[\w][\w.-]{0,127}$/

export function getInputs(): Inputs {
  const image = core.getInput('image', { required: true })
  const tag = core.getInput('tag')
  const platformText = core.getInput('platform') || 'linux/amd64'
  const username = core.getInput('username')
  const password = core.getInput('password')
  // Mask before anything else can print it.
  if (password) core.setSecret(password)

  let reference: ImageReference
  try {
    reference = parseReference(image)
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new InputError(
        'image',
        `"${image}" is not a valid image reference: ${error.rule}. Examples: nginx, nginx:1.27, ghcr.io/org/app:v1, registry.example.com:5000/team/app@sha256:<64 hex>.`
      )
    }
    throw error
  }
  if (tag) {
    if (!TAG.test(tag)) {
      throw new InputError(
        'tag',
        `"${tag}" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".`
      )
    }
    if (reference.tag !== undefined && reference.tag !== tag) {
      throw new InputError(
        'tag',
        `"${tag}" conflicts with the tag "${reference.tag}" in the 'image' input. Give the tag in one place only.`
      )
    }
    reference = { ...reference, tag }
  } else if (reference.tag === undefined && reference.digest === undefined) {
    reference = { ...reference, tag: 'latest' }
  }

  const platform = parsePlatform(platformText)
  if (!platform) {
    throw new InputError(
      'platform',
      `"${platformText}" is not a platform: write os/arch or os/arch/variant, e.g. linux/amd64, linux/arm64, linux/arm/v7.`
    )
  }

  if (Boolean(username) !== Boolean(password)) {
    throw new InputError(
      username ? 'password' : 'username',
      `'username' and 'password' go together; only '${username ? 'username' : 'password'}' was given.`
    )
  }
  if (username && password) {
    return {
      reference,
      platform,
      credentials: { username, password },
      credentialSource: "the 'username'/'password' inputs"
    }
  }
  let found
  try {
    found = credentialsFromDockerConfig(reference.domain)
  } catch (error) {
    throw new InputError(
      'username',
      `${(error as Error).message}. Fix or remove that file, or pass 'username' and 'password'.`
    )
  }
  if (found) {
    core.setSecret(found.credentials.password)
    return {
      reference,
      platform,
      credentials: found.credentials,
      credentialSource: found.source
    }
  }
  return { reference, platform }
}
