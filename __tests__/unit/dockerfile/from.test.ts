/**
 * Which images a Dockerfile is built FROM, as BuildKit resolves them: global ARGs
 * and build-args, automatic platform args, stage aliases, scratch, --platform.
 * Every expectation comes from the rules (issue 12) and from `docker build`.
 */
import { describe, expect, test } from '@jest/globals'
import {
  DockerfileError,
  readBases,
  type DockerfileBases,
  type FromImage
} from '../../../src/dockerfile/from.js'

const D = `sha256:${'0123456789abcdef'.repeat(4)}`
const E = `sha256:${'fedcba9876543210'.repeat(4)}`

type PlatformLike = { os: string; architecture: string; variant?: string }

/** `os/arch[/variant]` → platform object. */
function platform(text: string): PlatformLike {
  const [os, architecture, variant] = text.split('/')
  return variant === undefined
    ? { os, architecture }
    : { os, architecture, variant }
}

/** Platform object → `os/arch[/variant]` (an empty variant shows as a trailing `/`). */
const platformText = (p: PlatformLike | undefined): string | undefined =>
  p === undefined
    ? undefined
    : [
        p.os,
        p.architecture,
        ...(p.variant === undefined ? [] : [p.variant])
      ].join('/')

/** Reference → `domain/path[:tag][@digest]`. */
const referenceText = (r: FromImage['reference']): string =>
  `${r.domain}/${r.path}${r.tag === undefined ? '' : `:${r.tag}`}${
    r.digest === undefined ? '' : `@${r.digest}`
  }`

/** One FROM naming an external image, as a plain comparable object. */
interface Img {
  stage: string
  index: number
  line: number
  ref: string
  platform: string | undefined
}
const img = (
  stage: string,
  index: number,
  line: number,
  ref: string,
  platformValue?: string
): Img => ({ stage, index, line, ref, platform: platformValue })

const plain = (image: FromImage): Img => ({
  stage: image.stage,
  index: image.index,
  line: image.line,
  ref: referenceText(image.reference),
  platform: platformText(image.platform)
})

interface Options {
  args?: Record<string, string>
  /** Target platform; linux/amd64 unless given. */
  target?: string
  /** Build platform; left out (the default linux/amd64) unless given. */
  build?: string
}

function read(text: string, options: Options = {}): DockerfileBases {
  return readBases(text, {
    buildArgs:
      options.args === undefined
        ? undefined
        : new Map(Object.entries(options.args)),
    platform: platform(options.target ?? 'linux/amd64'),
    buildPlatform:
      options.build === undefined ? undefined : platform(options.build)
  })
}

const lines = (...text: string[]): string => text.join('\n') + '\n'

describe('readBases resolves FROM lines like BuildKit', () => {
  interface Row extends Options {
    name: string
    text: string
    /** The final image's reference, undefined for scratch. */
    final: string | undefined
    /** Which of `images` the final stage follows back to (default: the last). */
    finalIs?: number
    images: Img[]
  }
  const PY = 'docker.io/library/python:3.12-slim'

  // prettier-ignore
  const rows: Row[] = [
    // --- plain references, normalized like docker pull
    { name: 'plain python:3.12-slim', text: lines('FROM python:3.12-slim'),
      final: PY, images: [img('0', 0, 1, PY)] },
    { name: 'no tag → latest', text: lines('FROM python'),
      final: 'docker.io/library/python:latest', images: [img('0', 0, 1, 'docker.io/library/python:latest')] },
    { name: 'docker.io/nginx:1.27 → library/', text: lines('FROM docker.io/nginx:1.27'),
      final: 'docker.io/library/nginx:1.27', images: [img('0', 0, 1, 'docker.io/library/nginx:1.27')] },
    { name: 'user repository on Docker Hub', text: lines('FROM bitnami/redis:7.2'),
      final: 'docker.io/bitnami/redis:7.2', images: [img('0', 0, 1, 'docker.io/bitnami/redis:7.2')] },
    { name: 'registry with a port', text: lines('FROM localhost:5000/team/app:1'),
      final: 'localhost:5000/team/app:1', images: [img('0', 0, 1, 'localhost:5000/team/app:1')] },
    { name: 'ghcr.io', text: lines('FROM ghcr.io/org/app:v2'),
      final: 'ghcr.io/org/app:v2', images: [img('0', 0, 1, 'ghcr.io/org/app:v2')] },
    { name: 'ghcr.io without a tag → latest', text: lines('FROM ghcr.io/org/app'),
      final: 'ghcr.io/org/app:latest', images: [img('0', 0, 1, 'ghcr.io/org/app:latest')] },
    { name: 'tag and digest both kept', text: lines(`FROM alpine:3.20@${D}`),
      final: `docker.io/library/alpine:3.20@${D}`, images: [img('0', 0, 1, `docker.io/library/alpine:3.20@${D}`)] },
    { name: 'digest only: no latest tag', text: lines(`FROM alpine@${D}`),
      final: `docker.io/library/alpine@${D}`, images: [img('0', 0, 1, `docker.io/library/alpine@${D}`)] },
    { name: 'image in double quotes', text: lines('ARG PY=3.12', 'FROM "python:${PY}-slim"'),
      final: PY, images: [img('0', 0, 2, PY)] },

    // --- global ARGs
    { name: 'ARG in the tag', text: lines('ARG PY=3.12', 'FROM python:${PY}-slim'),
      final: PY, images: [img('0', 0, 2, PY)] },
    { name: '$NAME without braces', text: lines('ARG PY=3.12', 'FROM python:$PY'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 2, 'docker.io/library/python:3.12')] },
    { name: 'ARG in the registry', text: lines('ARG REGISTRY=ghcr.io', 'FROM $REGISTRY/org/app:1'),
      final: 'ghcr.io/org/app:1', images: [img('0', 0, 2, 'ghcr.io/org/app:1')] },
    { name: 'ARG default using an earlier ARG', text: lines('ARG PY=3.12', 'ARG BASE=python:${PY}-slim', 'FROM ${BASE}'),
      final: PY, images: [img('0', 0, 3, PY)] },
    { name: 'ARG A=1 B=2 on one line', text: lines('ARG A=1 B=2', 'FROM img:${A}.${B}'),
      final: 'docker.io/library/img:1.2', images: [img('0', 0, 2, 'docker.io/library/img:1.2')] },
    { name: 'ARG on one line: B uses A', text: lines('ARG A=3 B=${A}.12', 'FROM python:${B}'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 2, 'docker.io/library/python:3.12')] },
    { name: 'double-quoted default', text: lines('ARG V="slim"', 'FROM python:3.12-${V}'),
      final: PY, images: [img('0', 0, 2, PY)] },
    { name: 'single-quoted default', text: lines("ARG V='3.12-slim'", 'FROM python:${V}'),
      final: PY, images: [img('0', 0, 2, PY)] },
    { name: 'a later global ARG replaces an earlier one', text: lines('ARG PY=3.12', 'ARG PY=3.11', 'FROM python:${PY}'),
      final: 'docker.io/library/python:3.11', images: [img('0', 0, 3, 'docker.io/library/python:3.11')] },
    { name: 'digest from an ARG', text: lines(`ARG DIGEST=${D}`, 'FROM alpine:3.20@${DIGEST}'),
      final: `docker.io/library/alpine:3.20@${D}`, images: [img('0', 0, 2, `docker.io/library/alpine:3.20@${D}`)] },

    // --- modifiers
    { name: '${X:-word}, X declared without default (unset)', text: lines('ARG X', 'FROM python:${X:-3.12}'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 2, 'docker.io/library/python:3.12')] },
    { name: '${X:-word}, X never declared', text: lines('FROM python:${X:-3.12}'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 1, 'docker.io/library/python:3.12')] },
    { name: '${X:-word}, ARG X= (empty) → word', text: lines('ARG X=', 'FROM python:${X:-3.12}'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 2, 'docker.io/library/python:3.12')] },
    { name: '${X:-word}, X set → X', text: lines('ARG X=3.11', 'FROM python:${X:-3.12}'),
      final: 'docker.io/library/python:3.11', images: [img('0', 0, 2, 'docker.io/library/python:3.11')] },
    { name: '${X-word}, ARG X= (empty but set) → empty', text: lines('ARG X=', 'FROM python:3.12${X-oops}'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 2, 'docker.io/library/python:3.12')] },
    { name: '${X-word}, X unset → word', text: lines('ARG X', 'FROM python:${X-3.12}'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 2, 'docker.io/library/python:3.12')] },
    { name: '${X:+word}, X set → word', text: lines('ARG SLIM=1', 'FROM python:3.12${SLIM:+-slim}'),
      final: PY, images: [img('0', 0, 2, PY)] },
    { name: '${X:+word}, ARG X= → empty', text: lines('ARG SLIM=', 'FROM python:3.12${SLIM:+-slim}'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 2, 'docker.io/library/python:3.12')] },
    { name: '${X:+word}, X unset → empty, no error', text: lines('ARG SLIM', 'FROM python:3.12${SLIM:+-slim}'),
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 2, 'docker.io/library/python:3.12')] },
    { name: '${X+word}, ARG X= (set) → word', text: lines('ARG SLIM=', 'FROM python:3.12${SLIM+-slim}'),
      final: PY, images: [img('0', 0, 2, PY)] },
    // FROM is split at whitespace before expansion (as BuildKit does), so no spaces in a FROM's ?-message
    { name: '${X:?msg}, X set → X', text: lines('ARG T=3', 'FROM python:${T:?need-T}'),
      final: 'docker.io/library/python:3', images: [img('0', 0, 2, 'docker.io/library/python:3')] },
    { name: '${X?msg}, ARG X= (set) → empty, no error', text: lines('ARG X=', 'FROM python:3${X?oops}'),
      final: 'docker.io/library/python:3', images: [img('0', 0, 2, 'docker.io/library/python:3')] },
    { name: '${X:?msg} in a quoted ARG default, X a build-arg', text: lines('ARG X', 'ARG BASE="python:${X:?must be set}"', 'FROM ${BASE}'), args: { X: '3.12' },
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 3, 'docker.io/library/python:3.12')] },

    // --- build-args
    { name: 'build-arg overrides a default', text: lines('ARG PY=3.12', 'FROM python:${PY}'), args: { PY: '3.11' },
      final: 'docker.io/library/python:3.11', images: [img('0', 0, 2, 'docker.io/library/python:3.11')] },
    { name: 'build-arg gives ARG without default a value', text: lines('ARG TAG', 'FROM python:${TAG}'), args: { TAG: '3.9' },
      final: 'docker.io/library/python:3.9', images: [img('0', 0, 2, 'docker.io/library/python:3.9')] },
    { name: 'build-arg seen by a later default', text: lines('ARG PY=3.12', 'ARG BASE=python:${PY}', 'FROM ${BASE}'), args: { PY: '3.11' },
      final: 'docker.io/library/python:3.11', images: [img('0', 0, 3, 'docker.io/library/python:3.11')] },
    { name: 'build-arg replaces a default that uses ARGs', text: lines('ARG PY=3.12', 'ARG BASE=python:${PY}', 'FROM ${BASE}'), args: { BASE: 'node:20' },
      final: 'docker.io/library/node:20', images: [img('0', 0, 3, 'docker.io/library/node:20')] },
    { name: 'build-arg for an undeclared name ignored', text: lines('FROM python:${PY:-3.12}'), args: { PY: '3.9' },
      final: 'docker.io/library/python:3.12', images: [img('0', 0, 1, 'docker.io/library/python:3.12')] },
    { name: 'ARG inside a stage does not reach a later FROM', text: lines('ARG TAG=3.12', 'FROM alpine', 'ARG TAG=3.9', 'FROM python:${TAG}'),
      final: 'docker.io/library/python:3.12',
      images: [img('0', 0, 2, 'docker.io/library/alpine:latest'), img('1', 1, 4, 'docker.io/library/python:3.12')] },

    // --- automatic platform args and --platform
    { name: '--platform literal', text: lines('FROM --platform=linux/arm64 alpine:3.20'),
      final: 'docker.io/library/alpine:3.20', images: [img('0', 0, 1, 'docker.io/library/alpine:3.20', 'linux/arm64')] },
    { name: '--platform=$BUILDPLATFORM, default build platform', text: lines('FROM --platform=$BUILDPLATFORM golang:1.22'), target: 'linux/arm64',
      final: 'docker.io/library/golang:1.22', images: [img('0', 0, 1, 'docker.io/library/golang:1.22', 'linux/amd64')] },
    { name: '--platform=$BUILDPLATFORM, given build platform', text: lines('FROM --platform=$BUILDPLATFORM golang:1.22'), build: 'linux/arm64',
      final: 'docker.io/library/golang:1.22', images: [img('0', 0, 1, 'docker.io/library/golang:1.22', 'linux/arm64')] },
    { name: '--platform=$TARGETPLATFORM', text: lines('FROM --platform=$TARGETPLATFORM alpine'), target: 'linux/arm64',
      final: 'docker.io/library/alpine:latest', images: [img('0', 0, 1, 'docker.io/library/alpine:latest', 'linux/arm64')] },
    { name: '--platform=${TARGETPLATFORM} with a variant', text: lines('FROM --platform=${TARGETPLATFORM} alpine'), target: 'linux/arm/v7',
      final: 'docker.io/library/alpine:latest', images: [img('0', 0, 1, 'docker.io/library/alpine:latest', 'linux/arm/v7')] },
    { name: '--platform from os and arch args', text: lines('FROM --platform=${BUILDOS}/${BUILDARCH} alpine'), build: 'linux/s390x',
      final: 'docker.io/library/alpine:latest', images: [img('0', 0, 1, 'docker.io/library/alpine:latest', 'linux/s390x')] },
    { name: '--platform from a global ARG', text: lines('ARG P=linux/ppc64le', 'FROM --platform=$P alpine'),
      final: 'docker.io/library/alpine:latest', images: [img('0', 0, 2, 'docker.io/library/alpine:latest', 'linux/ppc64le')] },
    { name: '$TARGETARCH in a tag', text: lines('FROM myorg/base:1.0-${TARGETARCH}'), target: 'linux/arm64',
      final: 'docker.io/myorg/base:1.0-arm64', images: [img('0', 0, 1, 'docker.io/myorg/base:1.0-arm64')] },
    { name: '$TARGETOS-$TARGETARCH$TARGETVARIANT in a tag', text: lines('FROM myorg/base:${TARGETOS}-${TARGETARCH}${TARGETVARIANT}'), target: 'linux/arm/v7',
      final: 'docker.io/myorg/base:linux-armv7', images: [img('0', 0, 1, 'docker.io/myorg/base:linux-armv7')] },
    { name: 'TARGETVARIANT empty without a variant', text: lines('FROM myorg/base:${TARGETARCH}${TARGETVARIANT:-x}'), target: 'linux/amd64',
      final: 'docker.io/myorg/base:amd64x', images: [img('0', 0, 1, 'docker.io/myorg/base:amd64x')] },
    { name: '$BUILDARCH in a tag', text: lines('FROM tool:${BUILDARCH}'), build: 'linux/arm64', target: 'linux/amd64',
      final: 'docker.io/library/tool:arm64', images: [img('0', 0, 1, 'docker.io/library/tool:arm64')] },

    // --- stages
    { name: 'build stage then a runtime image', text: lines('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static:nonroot', 'COPY --from=build /app /app'),
      final: 'gcr.io/distroless/static:nonroot',
      images: [img('build', 0, 1, 'docker.io/library/golang:1.22'), img('1', 1, 3, 'gcr.io/distroless/static:nonroot')] },
    { name: 'FROM <alias> follows the stage', text: lines('FROM golang:1.22 AS build', 'RUN go build', 'FROM build'),
      final: 'docker.io/library/golang:1.22', images: [img('build', 0, 1, 'docker.io/library/golang:1.22')] },
    { name: 'alias case-insensitive (AS Build / FROM BUILD)', text: lines('FROM node:20 AS Build', 'FROM BUILD'),
      final: 'docker.io/library/node:20', images: [img('build', 0, 1, 'docker.io/library/node:20')] },
    { name: 'AS in any case', text: lines('FROM node:20 As deps', 'FROM deps aS final'),
      final: 'docker.io/library/node:20', images: [img('deps', 0, 1, 'docker.io/library/node:20')] },
    { name: 'chain of aliases back to an external image', text: lines('FROM debian:12 AS base', 'FROM alpine AS other', 'FROM base AS deps', 'FROM deps AS final'),
      final: 'docker.io/library/debian:12', finalIs: 0,
      images: [img('base', 0, 1, 'docker.io/library/debian:12'), img('other', 1, 2, 'docker.io/library/alpine:latest')] },
    { name: 'final follows alias: platform of the external FROM', text: lines('FROM --platform=$BUILDPLATFORM golang:1.22 AS build', 'FROM --platform=linux/arm64 build'),
      final: 'docker.io/library/golang:1.22', images: [img('build', 0, 1, 'docker.io/library/golang:1.22', 'linux/amd64')] },
    { name: 'stage picked by an ARG', text: lines('ARG MODE=release', 'FROM alpine:3.20 AS build-release', 'FROM alpine:edge AS build-debug', 'FROM build-${MODE}'),
      final: 'docker.io/library/alpine:3.20', finalIs: 0,
      images: [img('build-release', 0, 2, 'docker.io/library/alpine:3.20'), img('build-debug', 1, 3, 'docker.io/library/alpine:edge')] },
    { name: 'stage picked by a build-arg', text: lines('ARG MODE=release', 'FROM alpine:3.20 AS build-release', 'FROM alpine:edge AS build-debug', 'FROM build-${MODE}'), args: { MODE: 'debug' },
      final: 'docker.io/library/alpine:edge', finalIs: 1,
      images: [img('build-release', 0, 2, 'docker.io/library/alpine:3.20'), img('build-debug', 1, 3, 'docker.io/library/alpine:edge')] },
    { name: 'stage names with digits . _ -', text: lines('FROM alpine AS b1.x_y-z', 'FROM b1.x_y-z'),
      final: 'docker.io/library/alpine:latest', images: [img('b1.x_y-z', 0, 1, 'docker.io/library/alpine:latest')] },
    { name: 'alias with a tag is an external image', text: lines('FROM alpine AS build', 'FROM build:1.0'),
      final: 'docker.io/library/build:1.0',
      images: [img('build', 0, 1, 'docker.io/library/alpine:latest'), img('1', 1, 2, 'docker.io/library/build:1.0')] },
    { name: 'image named like a LATER alias is external', text: lines('FROM builder AS base', 'FROM golang AS builder', 'FROM base'),
      final: 'docker.io/library/builder:latest', finalIs: 0,
      images: [img('base', 0, 1, 'docker.io/library/builder:latest'), img('builder', 1, 2, 'docker.io/library/golang:latest')] },
    { name: 'lowercase from ... as ...', text: lines('from node:20 as build', 'run npm ci', 'from build'),
      final: 'docker.io/library/node:20', images: [img('build', 0, 1, 'docker.io/library/node:20')] },

    // --- scratch
    { name: 'scratch as final', text: lines('FROM golang:1.22 AS build', 'RUN go build', 'FROM scratch', 'COPY --from=build /app /app'),
      final: undefined, images: [img('build', 0, 1, 'docker.io/library/golang:1.22')] },
    { name: 'scratch as an intermediate stage', text: lines('FROM scratch AS empty', 'FROM alpine:3.20', 'COPY --from=empty / /'),
      final: 'docker.io/library/alpine:3.20', images: [img('1', 1, 2, 'docker.io/library/alpine:3.20')] },
    { name: 'final follows an alias to scratch', text: lines('FROM scratch AS base', 'FROM alpine AS tools', 'FROM base'),
      final: undefined, images: [img('tools', 1, 2, 'docker.io/library/alpine:latest')] },
    { name: 'scratch in any case', text: lines('FROM Scratch'),
      final: undefined, images: [] },
    { name: 'scratch with --platform', text: lines('FROM --platform=linux/arm64 scratch AS out', 'FROM out'),
      final: undefined, images: [] },

    // --- parsing: directives, continuations, comments
    { name: 'heredocs: FROM inside RUN <<EOF and COPY <<-EOT is not an instruction', text: lines('# syntax=docker/dockerfile:1', 'FROM alpine:3.20 AS a', 'RUN <<EOF', 'FROM evil:1', 'EOF', 'COPY <<-EOT /x', 'FROM evil:2', 'EOT', 'FROM a'),
      final: 'docker.io/library/alpine:3.20', images: [img('a', 0, 2, 'docker.io/library/alpine:3.20')] },
    { name: 'CRLF line endings with a continuation', text: 'ARG V=3.20\r\nFROM alpine:${V} \\\r\n  AS b\r\nFROM b\r\n',
      final: 'docker.io/library/alpine:3.20', images: [img('b', 0, 2, 'docker.io/library/alpine:3.20')] },
    { name: '# syntax= directive is not an image', text: lines('# syntax=docker/dockerfile:1', 'FROM python:3.12-slim'),
      final: PY, images: [img('0', 0, 2, PY)] },
    { name: '# escape=` with backtick continuations', text: lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022 `', '    AS build', 'RUN dir C:\\', 'FROM build'),
      final: 'mcr.microsoft.com/windows/servercore:ltsc2022', images: [img('build', 0, 2, 'mcr.microsoft.com/windows/servercore:ltsc2022')] },
    { name: 'backslash continuations in FROM', text: lines('# base image', 'FROM \\', '  --platform=linux/arm64 \\', '  python:3.12 \\', '  AS build', 'FROM build'),
      final: 'docker.io/library/python:3.12', images: [img('build', 0, 2, 'docker.io/library/python:3.12', 'linux/arm64')] },
    { name: 'comment line inside a continuation', text: lines('FROM \\', '# the base', '  alpine:3.20 AS base', 'FROM base'),
      final: 'docker.io/library/alpine:3.20', images: [img('base', 0, 1, 'docker.io/library/alpine:3.20')] },
    { name: 'comments and blank lines between', text: lines('# comment', 'ARG PY=3.12', '', '  # indented comment', 'FROM python:${PY}-slim AS app', '# done'),
      final: PY, images: [img('app', 0, 5, PY)] },
    { name: 'CRLF line endings', text: 'ARG PY=3.12\r\nFROM python:${PY}-slim\r\n',
      final: PY, images: [img('0', 0, 2, PY)] },
    { name: 'several external images, file order', text: lines('FROM --platform=$BUILDPLATFORM node:20 AS web', 'FROM golang:1.22 AS api', `FROM alpine:3.20@${E}`, 'COPY --from=web / /'), build: 'linux/arm64',
      final: `docker.io/library/alpine:3.20@${E}`,
      images: [img('web', 0, 1, 'docker.io/library/node:20', 'linux/arm64'), img('api', 1, 2, 'docker.io/library/golang:1.22'), img('2', 2, 3, `docker.io/library/alpine:3.20@${E}`)] }
  ]

  test.each(rows)('$name', (row) => {
    const result = read(row.text, row)
    expect(result.images.map(plain)).toEqual(row.images)
    if (row.final === undefined) {
      expect(result.final).toBeUndefined()
    } else {
      expect(result.final).toBeDefined()
      const final = plain(result.final as FromImage)
      expect(final.ref).toBe(row.final)
      expect(final).toEqual(row.images[row.finalIs ?? row.images.length - 1])
    }
  })
})

describe('readBases errors name the line', () => {
  interface Row extends Options {
    name: string
    text: string
    /** 1-based line of the FROM or offending instruction; undefined when there is none. */
    line: number | undefined
    /** What else the message must say. */
    words: RegExp[]
  }

  // prettier-ignore
  const rows: Row[] = [
    // unset variables
    { name: 'ARG without default, no build-arg', text: lines('ARG TAG', 'FROM python:${TAG}'),
      line: 2, words: [/TAG/, /build-args/] },
    { name: 'undeclared variable', text: lines('# c', 'FROM python:$TAG'),
      line: 2, words: [/TAG/, /build-args/] },
    { name: 'ARG inside a stage does not reach a later FROM', text: lines('FROM alpine AS a', 'ARG TAG=3', 'FROM python:${TAG}'),
      line: 3, words: [/TAG/, /build-args/] },
    { name: 'build-arg for an undeclared name does not count', text: lines('FROM python:${TAG}'), args: { TAG: '3' },
      line: 1, words: [/TAG/, /build-args/] },
    { name: 'unset variable in --platform', text: lines('FROM alpine', 'FROM --platform=$PLAT alpine'),
      line: 2, words: [/PLAT/, /build-args/] },
    { name: 'unset variable in an ARG default', text: lines('ARG BASE=python:${PY}', 'FROM ${BASE}'),
      line: 1, words: [/PY/, /build-args/] },
    { name: '${X:?must-be-set}, X unset', text: lines('ARG X', 'FROM python:${X:?must-be-set}'),
      line: 2, words: [/must-be-set/] },
    { name: '${X:?must-be-set}, ARG X= (empty)', text: lines('ARG X=', 'FROM python:${X:?must-be-set}'),
      line: 2, words: [/must-be-set/] },
    { name: '${X?must-be-set}, X unset', text: lines('ARG X', 'FROM python:${X?must-be-set}'),
      line: 2, words: [/must-be-set/] },
    { name: '${X:?must be set} in a quoted ARG default', text: lines('ARG X', 'ARG BASE="python:${X:?must be set}"', 'FROM ${BASE}'),
      line: 2, words: [/must be set/] },
    { name: 'FROM is split at whitespace before expansion', text: lines('ARG T=3', 'FROM python:${T:?need T}'),
      line: 2, words: [] },

    // structure
    { name: 'RUN before the first FROM', text: lines('ARG A=1', 'RUN echo hi', 'FROM alpine'),
      line: 2, words: [/RUN/] },
    { name: 'ENV before the first FROM', text: lines('ENV A=1', 'FROM alpine'),
      line: 1, words: [/ENV/] },
    { name: 'no FROM at all', text: lines('ARG A=1'),
      line: undefined, words: [/FROM/] },
    { name: 'empty file', text: '',
      line: undefined, words: [/FROM/] },
    { name: 'only comments', text: lines('# syntax=docker/dockerfile:1', '# nothing here'),
      line: undefined, words: [/FROM/] },
    { name: 'FROM with no image', text: lines('FROM alpine', 'FROM'),
      line: 2, words: [] },
    { name: 'FROM with only a flag', text: lines('FROM --platform=linux/arm64'),
      line: 1, words: [] },
    { name: 'FROM a AS (missing name)', text: lines('ARG A=1', 'FROM alpine AS'),
      line: 2, words: [] },
    { name: 'FROM a b (extra word)', text: lines('FROM alpine 3.20'),
      line: 1, words: [] },
    { name: 'FROM a AS b c (extra word)', text: lines('FROM alpine AS b c'),
      line: 1, words: [] },
    { name: 'FROM a FOR b (not AS)', text: lines('FROM alpine FOR b'),
      line: 1, words: [] },
    { name: 'stage name starting with a digit', text: lines('FROM alpine AS 1bad'),
      line: 1, words: [/1bad/] },
    { name: 'stage name with a slash', text: lines('FROM alpine', 'FROM alpine AS a/b'),
      line: 2, words: [/a\/b/] },
    { name: 'stage name starting with -', text: lines('FROM alpine AS -x'),
      line: 1, words: [/-x/] },
    { name: 'duplicate stage name', text: lines('FROM alpine AS build', 'FROM debian AS build'),
      line: 2, words: [/build/] },
    { name: 'duplicate stage name, other case', text: lines('FROM alpine AS build', 'RUN true', 'FROM debian AS BUILD'),
      line: 3, words: [/build/i] },

    // flags and platforms
    { name: 'unknown flag --foo=bar', text: lines('FROM --foo=bar alpine'),
      line: 1, words: [/foo/] },
    { name: '--platform=linux (no arch)', text: lines('FROM alpine', 'FROM --platform=linux alpine'),
      line: 2, words: [/linux/] },
    { name: '--platform with four parts', text: lines('FROM --platform=linux/arm64/v8/x alpine'),
      line: 1, words: [/linux\/arm64\/v8\/x/] },
    { name: '--platform empty after expansion', text: lines('ARG P=', 'FROM --platform=$P alpine'),
      line: 2, words: [] },

    // invalid references after expansion
    { name: 'uppercase repository', text: lines('FROM Python:3'),
      line: 1, words: [/Python:3/] },
    { name: 'ARG X=a:b:c, FROM ${X}', text: lines('ARG X=a:b:c', 'FROM ${X}'),
      line: 2, words: [/a:b:c/] },
    { name: 'build-arg makes it invalid', text: lines('ARG TAG=3.12', 'FROM python:${TAG}'), args: { TAG: 'not valid' },
      line: 2, words: [/not valid/] },
    { name: 'empty tag from an empty ARG', text: lines('ARG TAG=', 'FROM python:${TAG}'),
      line: 2, words: [/python:/] },
    { name: 'single quotes keep $ literal', text: lines('ARG PY=3.12', "ARG V='$PY'", 'FROM python:${V}'),
      line: 3, words: [/\$PY/] },
    { name: 'escaped $ stays literal', text: lines('ARG T=3.12', 'FROM python:\\${T}'),
      line: 2, words: [/\$\{T\}/] },
    { name: 'bad digest', text: lines('FROM alpine@sha256:abc'),
      line: 1, words: [/sha256:abc/] }
  ]

  test.each(rows)('$name', (row) => {
    let caught: unknown
    try {
      read(row.text, row)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(DockerfileError)
    const error = caught as DockerfileError
    if (row.line !== undefined) {
      expect(error.message).toMatch(new RegExp(`\\bline ${row.line}\\b`))
      expect(error.line).toBe(row.line)
    }
    for (const word of row.words) expect(error.message).toMatch(word)
  })
})
