'use strict'
// The real undici. In dist/ this file is built on its own (dist/undici/)
// and required from there at run time, so the main chunk never holds it.
module.exports = require('undici-real')
