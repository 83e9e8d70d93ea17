/** Machine and version facts for bench/RESULTS.md. */
import { createRequire } from 'node:module';
import os from 'node:os';
import { engineVersions } from '../../test/helpers/engines.ts';

const require = createRequire(import.meta.url);

export function machineFacts(): Array<[string, string]> {
  const cpus = os.cpus();
  const newman = require('newman/package.json').version as string;
  const stock = engineVersions('newman');
  const app = engineVersions('app');
  const jsrsasign = require('jsrsasign/package.json').version as string;
  return [
    ['date', new Date().toISOString()],
    ['os', `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`],
    ['cpu', `${cpus[0]?.model ?? 'unknown'}, ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`],
    ['node', process.version],
    ['newman', newman],
    ['engine `newman`', `postman-runtime ${stock.runtime}, postman-sandbox ${stock.sandbox} (as shipped in Newman ${newman})`],
    ['engine `app`', `postman-runtime ${app.runtime}, postman-sandbox ${app.sandbox} (the Postman app / Postman CLI engine, driven by the same Newman)`],
    ['jsrsasign', jsrsasign],
  ];
}
