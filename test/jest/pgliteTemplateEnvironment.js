/**
 * The jest environment for this project: Node's, plus one freshly initialised, empty PGlite data
 * dir (as a tarball) made once per jest process and handed to every test file.
 *
 * Why: most test files start a gateway on a new PGlite store, and each new store ran initdb in
 * WebAssembly (1-5 s on these 2 cores, a third of the suite's run time). test/jest/pglite.js
 * starts new stores from this tarball instead. Nothing of our own code is replaced: every store
 * still runs the real PGlite and our real migrations.
 */
const { TestEnvironment } = require('jest-environment-node');

const TEMPLATE = Symbol.for('lapor.test.pgliteTemplate');
let prepared;

async function prepareTemplate() {
  const modulePath = require.resolve('@electric-sql/pglite');
  const { PGlite } = require(modulePath);
  const db = await PGlite.create('memory://');
  const emptyDataDir = await db.dumpDataDir('none');
  await db.close();
  return { modulePath, emptyDataDir };
}

class PgliteTemplateEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    prepared ??= prepareTemplate();
    this.global[TEMPLATE] = await prepared;
  }
}

module.exports = PgliteTemplateEnvironment;
