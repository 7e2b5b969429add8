/** The config blob → the fields users ask about. */
import { describe, expect, test } from '@jest/globals'
import { readConfig } from '../../../src/image/config.js'

describe('readConfig', () => {
  test('tolerates missing fields', () => {
    expect(readConfig('{}')).toEqual({
      os: '',
      architecture: '',
      variant: '',
      created: '',
      author: '',
      user: '',
      workdir: '',
      entrypoint: null,
      cmd: null,
      env: [],
      labels: [],
      exposedPorts: [],
      volumes: [],
      stopSignal: ''
    })
  })
  test('keeps env order, later duplicates win in place, no "=" means empty', () => {
    const c = readConfig(
      JSON.stringify({ config: { Env: ['A=1', 'B', 'A=2', 'C=x=y'] } })
    )
    expect(c.env).toEqual([
      ['A', '2'],
      ['B', ''],
      ['C', 'x=y']
    ])
  })
  test('labels keep __proto__ as data and never touch prototypes', () => {
    const c = readConfig(
      '{"config":{"Labels":{"__proto__":"p","constructor":"c","n":1}}}'
    )
    expect(c.labels).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['n', '1']
    ])
    expect(({} as Record<string, unknown>).p).toBeUndefined()
  })
  test.each(['[]', '"x"', 'nope'])('rejects %s', (text) => {
    expect(() => readConfig(text)).toThrow(/config blob is not/)
  })
})
