'use strict';
/** Prerequisites: a JDK 17+ (and javac, Maven when something must be built or fetched). */

const { spawnSync } = require('child_process');
const { INSTALL_HINT } = require('./config');

/** The major version in `java -version` output ("openjdk version \"17.0.9\"" → 17), or null. */
function javaMajor(versionText) {
  const m = /version "(\d+)/.exec(versionText || '');
  return m ? Number(m[1]) : null;
}

function commandOutput(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) return null; // ENOENT: not installed
  return `${r.stdout || ''}${r.stderr || ''}`;
}

/** Throws one clear error unless java 17+ and, when there is something to build or fetch, javac and mvn are on PATH. */
function checkTools({ needMaven, needJavac }) {
  const missing = [];
  const javaVersion = commandOutput('java', ['-version']);
  if (javaVersion === null) missing.push('java');
  if (needJavac && commandOutput('javac', ['-version']) === null) missing.push('javac');
  if (needMaven && commandOutput('mvn', ['-v']) === null) missing.push('mvn');
  if (missing.length) {
    throw new Error(`Local engines need ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not on PATH. ${INSTALL_HINT}`);
  }
  const major = javaMajor(javaVersion);
  if (major !== null && major < 17) {
    throw new Error(`Local engines need Java 17 or newer; found: ${javaVersion.split('\n')[0]}. ${INSTALL_HINT}`);
  }
}

module.exports = { commandOutput, checkTools, javaMajor };
