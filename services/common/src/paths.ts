import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repo's schemas/ folder: VINCULO_SCHEMAS_DIR, else found by walking up from this file. */
export function schemasDir(): string {
  if (process.env.VINCULO_SCHEMAS_DIR) return path.resolve(process.env.VINCULO_SCHEMAS_DIR);
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'schemas');
    if (existsSync(path.join(candidate, 'events'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('schemas/ folder not found; set VINCULO_SCHEMAS_DIR');
}
