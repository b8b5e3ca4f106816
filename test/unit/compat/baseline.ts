import { execFileSync } from 'node:child_process';

/**
 * The commit contracts are compared with (docs/adr/0008): `VINCULO_COMPAT_BASE` when set; else the
 * merge base with origin/main, else with a local main (when HEAD is not main itself), else HEAD~1;
 * null when there is no history to compare with (a one-commit or shallow clone).
 */
export function compatBaseline(cwd: string, env: NodeJS.ProcessEnv = process.env): { rev: string; how: string } | null {
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim() || null;
    } catch {
      return null;
    }
  };
  if (env.VINCULO_COMPAT_BASE) {
    const rev = git('rev-parse', '--verify', `${env.VINCULO_COMPAT_BASE}^{commit}`);
    if (!rev) throw new Error(`VINCULO_COMPAT_BASE=${env.VINCULO_COMPAT_BASE} is not a commit`);
    return { rev, how: `VINCULO_COMPAT_BASE=${env.VINCULO_COMPAT_BASE}` };
  }
  const head = git('rev-parse', 'HEAD');
  if (!head) return null;
  for (const ref of ['origin/main', 'main']) {
    const tip = git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
    if (!tip || tip === head) continue;
    const base = git('merge-base', 'HEAD', ref);
    if (base && base !== head) return { rev: base, how: `merge-base HEAD ${ref}` };
  }
  const parent = git('rev-parse', '--verify', '--quiet', 'HEAD~1^{commit}');
  return parent ? { rev: parent, how: 'HEAD~1' } : null;
}

/** A file's text at `rev`, or null when it did not exist there. */
export function fileAt(cwd: string, rev: string, file: string): string | null {
  try {
    return execFileSync('git', ['show', `${rev}:${file}`], { cwd, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
}

/** Many files' text at `rev` in one git call (`cat-file --batch`); a file missing there maps to null. */
export function filesAt(cwd: string, rev: string, files: readonly string[]): Map<string, string | null> {
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd, input: files.map((f) => `${rev}:${f}\n`).join(''), maxBuffer: 256 * 1024 * 1024 });
  const result = new Map<string, string | null>();
  let at = 0;
  for (const file of files) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      result.set(file, null);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    result.set(file, out.subarray(at, at + size).toString('utf8'));
    at += size + 1; // the object and its newline
  }
  return result;
}
