/** entriesAt: object entries in document order, where JSON.parse reorders. */
import { expect, test } from '@jest/globals'
import { entriesAt } from '../../../src/text/ordered-json.js'

// prettier-ignore
test.each([
  ['integer-like keys stay in place', '{"config":{"Labels":{"zeta":"1","10":"x","alpha":"2","2":"y"}}}', ['config', 'Labels'], [['zeta', '1'], ['10', 'x'], ['alpha', '2'], ['2', 'y']]],
  ['nested values and escapes are skipped correctly', '{"a":[1,{"b":"}"}],"config":{"x":"q\\"}","Labels":{"k\\"1":"v,}","n":{"d":[1,2]}}},"z":1}', ['config', 'Labels'], [['k"1', 'v,}'], ['n', { d: [1, 2] }]]],
  ['whitespace anywhere', ' { "config" : { "Labels" : { "b" : "1" , "a" : "2" } } } ', ['config', 'Labels'], [['b', '1'], ['a', '2']]],
  ['a later duplicate wins, in its first place', '{"config":{"Labels":{"a":"1","b":"2","a":"3"}}}', ['config', 'Labels'], [['a', '3'], ['b', '2']]],
  ['a later duplicate path wins', '{"config":{"Labels":{"a":"1"}},"config":{"Labels":{"c":"2"}}}', ['config', 'Labels'], [['c', '2']]],
  ['__proto__ is a plain key', '{"config":{"Labels":{"__proto__":"p","1":"n"}}}', ['config', 'Labels'], [['__proto__', 'p'], ['1', 'n']]],
  ['empty object', '{"config":{"Labels":{}}}', ['config', 'Labels'], []]
])('%s', (_name, text, path, entries) => {
  expect(entriesAt(text, path)).toEqual(entries)
  expect(({} as Record<string, unknown>).p).toBeUndefined()
})

// prettier-ignore
test.each([
  ['missing path', '{"config":{}}'],
  ['not an object', '{"config":{"Labels":null}}'],
  ['an array', '{"config":{"Labels":["a"]}}'],
  ['top-level array', '[{"config":{}}]']
])('undefined for %s', (_name, text) => {
  expect(entriesAt(text, ['config', 'Labels'])).toBeUndefined()
})
