/**
 * The only reader of action inputs: every input is read, validated and
 * normalized here into one typed object, or the step fails naming the input.
 */
import * as core from '@actions/core'
import { InputError } from './errors.js'
import type { Credentials } from './registry/auth/docker-config.js'
import { parsePlatform, type Platform } from './registry/platform.js'
import {
  ReferenceError,
  hostWithoutPort,
  parseReference,
  type ImageReference
} from './registry/reference.js'

export interface Inputs {
  reference: ImageReference
  platform: Platform
  /** From the username/password inputs; otherwise looked up on the runner. */
  credentials?: Credentials
  /** Registries (host[:port]) that may be spoken to over plain http. */
  insecureRegistries: string[]
}

const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::[0-9]{1,5})?$/

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
  return {
    reference,
    platform,
    credentials: username ? { username, password } : undefined,
    insecureRegistries: parseInsecureRegistries(
      core.getInput('insecure-registries')
    )
  }
}

/** Hosts separated by newlines, commas or spaces; `#` starts a comment. */
function parseInsecureRegistries(text: string): string[] {
  const hosts: string[] = []
  for (const line of text.split('\n')) {
    for (const item of line.replace(/#.*/, '').split(/[\s,]+/)) {
      if (!item) continue
      const host = item.replace(/^http:\/\//, '').replace(/\/+$/, '')
      if (!HOST.test(host) || hostWithoutPort(host) === '') {
        throw new InputError(
          'insecure-registries',
          `"${item}" is not a registry host: list hosts like registry.local:5000, one per line.`
        )
      }
      hosts.push(host.toLowerCase())
    }
  }
  return hosts
}
