'use strict';
/** Small helpers of the engines launcher: files, hashes, processes. */

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');
const { ROOT } = require('./config');

/** Poll interval only; readiness is always decided by a real probe, never by waiting. */
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const sha256 = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

function readIfExists(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The last `lines` lines of a log without Java stack frames (they push the exception messages out of a short tail). */
function usefulTail(text, lines = 40) {
  const useful = text
    .trimEnd()
    .split('\n')
    .filter((l) => !/^\s+(at |\.\.\. \d+ more)/.test(l));
  return useful.slice(-lines).join('\n');
}

/** Last `lines` lines of each existing file, labelled, for error messages. */
function tailFiles(files, lines = 40) {
  return files
    .map((f) => {
      const text = readIfExists(f);
      if (text === null || text.trim() === '') return null;
      return `--- last lines of ${path.relative(ROOT, f)} ---\n${usefulTail(text, lines)}`;
    })
    .filter(Boolean)
    .join('\n');
}

function isPidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM'; // exists, owned by someone else
  }
}

/** Runs a command to completion with stdout+stderr appended to logFile. Resolves to the exit code. */
function runToLog(cmd, args, logFile) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  }).finally(() => fs.closeSync(fd));
}

module.exports = { pause, sha256, readIfExists, usefulTail, tailFiles, isPidAlive, runToLog };
