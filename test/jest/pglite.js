/**
 * What test files get for '@electric-sql/pglite' (jest's moduleNameMapper): the real package,
 * except that a new store (in memory, or in an empty data dir) starts from the initialised data
 * dir test/jest/pgliteTemplateEnvironment.js made, instead of running initdb. An existing data
 * dir is opened as it is.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const TEMPLATE = Symbol.for('lapor.test.pgliteTemplate');
// By the path the environment resolved, not by name: the name is mapped to this file.
const real = require(globalThis[TEMPLATE].modulePath);

function isNew(dataDir) {
  return dataDir === undefined || dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
}

class PGlite extends real.PGlite {
  static create(dataDirOrOptions, options) {
    const opts = typeof dataDirOrOptions === 'string' ? { ...options, dataDir: dataDirOrOptions } : { ...dataDirOrOptions };
    const fromTemplate = isNew(opts.dataDir) && !opts.loadDataDir ? { loadDataDir: globalThis[TEMPLATE].emptyDataDir } : {};
    return real.PGlite.create({ ...fromTemplate, ...opts });
  }
}

module.exports = { ...real, PGlite };
