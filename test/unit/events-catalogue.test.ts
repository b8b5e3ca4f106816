/** Every event contract is listed in schemas/events/README.md, with a description naming its producer. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, '../../schemas/events');
const catalogue = readFileSync(path.join(dir, 'README.md'), 'utf8');
const contracts = readdirSync(dir).filter((f) => /\.v\d+\.schema\.json$/.test(f));

test.each(contracts)('%s is in the catalogue and names its producer', (file) => {
  const [, type, version] = /^(.+)\.v(\d+)\.schema\.json$/.exec(file)!;
  expect(catalogue).toContain(`| \`${type}\` | ${version} |`);
  const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { description?: string };
  expect(schema.description).toMatch(/Producer: /);
});
