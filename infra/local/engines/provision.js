'use strict';
/** Provisioning: Maven Central -> .cache/engines/<engine>/lib, launchers -> .cache/engines/launchers. */

const fs = require('fs');
const path = require('path');
const { ROOT, ENGINES, M2, ENGINE_POMS, LAUNCHER_SOURCES, defaultLog } = require('./config');
const { sha256, readIfExists, tailFiles, runToLog } = require('./util');
const { withLock } = require('./lock');
const { checkTools } = require('./tools');

const libDir = (engine) => path.join(ENGINES, engine, 'lib');
const LAUNCHER_CLASSES = path.join(ENGINES, 'launchers', 'classes');

/** The marker records the pom's hash: a changed pom (new version) triggers a clean re-download. */
function libMarker(engine) {
  return { file: path.join(ENGINES, engine, 'lib.complete'), stamp: sha256(fs.readFileSync(ENGINE_POMS[engine])) };
}

function libIsComplete(engine) {
  const { file, stamp } = libMarker(engine);
  return readIfExists(file) === stamp;
}

async function fetchEngine(engine, log) {
  if (libIsComplete(engine)) return;
  const started = Date.now();
  const lib = libDir(engine);
  const logFile = path.join(ENGINES, engine, 'fetch.log');
  log(`downloading ${engine} from Maven Central into ${path.relative(ROOT, lib)} ...`);
  fs.rmSync(lib, { recursive: true, force: true }); // no stale jars from an older version
  fs.rmSync(logFile, { force: true });
  const code = await runToLog(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      ENGINE_POMS[engine],
      'dependency:copy-dependencies',
      // absolute: Maven resolves a relative outputDirectory against the pom's folder
      `-DoutputDirectory=${lib}`,
      `-Dmaven.repo.local=${M2}`,
    ],
    logFile,
  );
  if (code !== 0 || !fs.existsSync(lib) || fs.readdirSync(lib).length === 0) {
    throw new Error(`downloading ${engine} failed (mvn exit ${code}).\n${tailFiles([logFile])}`);
  }
  const { file, stamp } = libMarker(engine);
  fs.writeFileSync(file, stamp);
  log(`${engine} downloaded in ${Date.now() - started} ms`);
}

const launcherMarker = () => ({
  file: path.join(ENGINES, 'launchers', 'classes.complete'),
  stamp: sha256(...LAUNCHER_SOURCES.map((f) => fs.readFileSync(f))),
});
const launchersAreCompiled = () => readIfExists(launcherMarker().file) === launcherMarker().stamp;

/**
 * Compiles MongoWireServer.java and ParentWatch.java once into the cache (measured: a compiled
 * Mongo launcher is ready in ~0.25 s, the single-file source launcher in ~0.7 s).
 */
async function compileLaunchers(log) {
  const { file: marker, stamp } = launcherMarker();
  if (readIfExists(marker) === stamp) return;
  log('compiling the engine launchers ...');
  fs.rmSync(LAUNCHER_CLASSES, { recursive: true, force: true });
  fs.mkdirSync(LAUNCHER_CLASSES, { recursive: true });
  const logFile = path.join(ENGINES, 'launchers', 'javac.log');
  fs.rmSync(logFile, { force: true });
  const code = await runToLog('javac', ['-nowarn', '-d', LAUNCHER_CLASSES, '-cp', path.join(libDir('mongo'), '*'), ...LAUNCHER_SOURCES], logFile);
  if (code !== 0) throw new Error(`compiling the engine launchers failed.\n${tailFiles([logFile])}`);
  fs.writeFileSync(marker, stamp);
}

/**
 * Makes sure the given engines' jars and the launchers are in the cache. The Mongo jars are
 * always fetched because the launchers compile against them. Safe to call from several
 * processes at once.
 */
async function fetchEngines({ engines = ['kafka', 'mongo'], log = defaultLog } = {}) {
  const wanted = [...new Set(['mongo', ...engines])];
  const needMaven = wanted.some((e) => !libIsComplete(e));
  checkTools({ needMaven, needJavac: !launchersAreCompiled() });
  await withLock('fetch', 10 * 60_000, async () => {
    for (const engine of wanted) await fetchEngine(engine, log);
    await compileLaunchers(log);
  });
}

module.exports = { libDir, LAUNCHER_CLASSES, fetchEngines, libIsComplete, launchersAreCompiled };
