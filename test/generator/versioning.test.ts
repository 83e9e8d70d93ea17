import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPECTATIONS } from '../../scripts-src/core/expectations.ts';
import { COLLECTIONS } from '../../generator/definitions/index.ts';
import type { CollectionDef } from '../../generator/definitions/types.ts';
import { writeGenerated } from '../../generator/generate.ts';
import { decideVersion } from '../../generator/versioning.ts';
import { bundlesCopy, cleanTemps, generateFixture, readJson, scriptsCopy, tempDir } from './helpers.ts';

afterEach(cleanTemps);

const REST = 'collections/netsuite-rest.postman_collection.json';
const RESTLETS = 'collections/netsuite-restlets.postman_collection.json';

/** A deep copy of the definitions with `change` applied to the REST collection. */
function withRest(change: (rest: CollectionDef) => void): CollectionDef[] {
  const copies = COLLECTIONS.map((def) => structuredClone(def) as CollectionDef);
  change(copies[0]!);
  return copies;
}

/** Generates a first release into a temp dir, then regenerates with `options`; returns the second run. */
function release(options: Parameters<typeof generateFixture>[1] = {}) {
  const dir = tempDir();
  writeGenerated(generateFixture(dir));
  const result = generateFixture(dir, options);
  writeGenerated(result);
  const file = (path: string) => result.files.find((entry) => entry.path === path)!;
  return { dir, result, rest: file(REST), restlets: file(RESTLETS) };
}

describe('version bumps', () => {
  it('keeps the version when nothing changed', () => {
    const { rest, dir } = release();
    expect(rest.progress).toBe(`${REST} 1.0.0 (unchanged)`);
    expect(readJson(join(dir, REST)).info.version).toBe('1.0.0');
  });

  it('bumps patch when a script changes (only the collections that use it)', () => {
    const bundles = bundlesCopy();
    writeFileSync(join(bundles, 'mint-m2m.js'), '/*! fake bundle mint-m2m v2 */\nvoid 0;\n');
    const { rest, restlets, dir } = release({ bundlesDir: bundles });
    expect(rest.progress).toBe(`${REST} 1.0.0 → 1.0.1 (patch: scripts changed)`);
    expect(restlets.progress).toBe(`${RESTLETS} 1.0.0 → 1.0.1 (patch: scripts changed)`);
    expect(rest.version!.reasons).toEqual(['scripts changed: Auth/Mint M2M token#prerequest']);
    const changelog = readFileSync(join(dir, 'collections/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('## netsuite-rest 1.0.1 (from 1.0.0, patch)\n\n- scripts changed: Auth/Mint M2M token#prerequest\n');
    expect(changelog.indexOf('netsuite-rest 1.0.1')).toBeLessThan(changelog.indexOf('netsuite-rest 1.0.0'));
  });

  it('bumps patch when a description changes', () => {
    const collections = withRest((rest) => {
      rest.folders[1]!.items[0]!.description += ' Now with more words.';
    });
    const { rest, restlets } = release({ collections });
    expect(rest.progress).toBe(`${REST} 1.0.0 → 1.0.1 (patch: descriptions changed)`);
    expect(restlets.progress).toBe(`${RESTLETS} 1.0.0 (unchanged)`);
  });

  it('bumps patch when a request detail changes', () => {
    const collections = withRest((rest) => {
      rest.folders[1]!.items[0]!.url = rest.folders[1]!.items[0]!.url.replace('limit=1000', 'limit=10');
    });
    expect(release({ collections }).rest.progress).toBe(`${REST} 1.0.0 → 1.0.1 (patch: requests changed)`);
  });

  it('bumps minor when a request is added', () => {
    const collections = withRest((rest) => {
      rest.folders[1]!.items.push({ ...rest.folders[1]!.items[0]!, name: 'List customers again' });
    });
    const expectations = { ...EXPECTATIONS, 'List customers again': { label: 'Records / List customers again', status: 200 } };
    const { rest } = release({ collections, expectations });
    expect(rest.progress).toBe(`${REST} 1.0.0 → 1.1.0 (minor: added requests)`);
    expect(rest.version!.reasons).toEqual(['added requests: Records/List customers again']);
  });

  it('bumps minor when a variable is added (collection variable or a variable a script reads)', () => {
    const collections = withRest((rest) => {
      rest.variables.push({ key: 'nsp_extra', value: '', description: 'An extra variable.' });
    });
    expect(release({ collections }).rest.progress).toMatch(/1\.0\.0 → 1\.1\.0 \(minor: added variables; descriptions changed\)$/);

    const scripts = scriptsCopy();
    const entry = join(scripts, 'entries', 'collection-test.ts');
    writeFileSync(entry, `${readFileSync(entry, 'utf8')}variables.readVariable(source, 'restlet_deploy');\n`);
    const { rest, restlets } = release({ scriptsDir: scripts });
    expect(rest.progress).toBe(`${REST} 1.0.0 → 1.1.0 (minor: added variables; descriptions changed)`);
    expect(rest.version!.reasons[0]).toBe('added variables: restlet_deploy');
    expect(restlets.progress).toBe(`${RESTLETS} 1.0.0 (unchanged)`); // it already used {{restlet_deploy}}
  });

  it('bumps major when a request is removed or renamed', () => {
    const removed = withRest((rest) => {
      rest.folders[2]!.items = [];
    });
    const expectations = { ...EXPECTATIONS };
    delete expectations['Run SuiteQL query'];
    expect(release({ collections: removed, expectations }).rest.progress).toBe(`${REST} 1.0.0 → 2.0.0 (major: removed or renamed requests; descriptions changed)`);

    const renamed = withRest((rest) => {
      rest.folders[2]!.items[0]!.name = 'Run a SuiteQL query';
    });
    const renamedExpectations = { ...expectations, 'Run a SuiteQL query': { label: 'SuiteQL / Run a SuiteQL query', status: 200 } };
    const { rest } = release({ collections: renamed, expectations: renamedExpectations });
    expect(rest.version!.bump).toBe('major');
    expect(rest.version!.reasons).toEqual(['removed or renamed requests: SuiteQL/Run SuiteQL query', 'added requests: SuiteQL/Run a SuiteQL query']);
  });

  it('bumps major when a variable is removed', () => {
    const collections = withRest((rest) => {
      rest.variables = rest.variables.filter((variable) => variable.key !== 'nsp_certificate_role');
      const upload = rest.folders[4]!.items[1]!;
      upload.body = { mode: 'json', json: { fileContent: '{{nsp_certificate_pem}}', entity: '{{nsp_certificate_entity}}' } };
    });
    const { rest } = release({ collections });
    expect(rest.progress).toMatch(/1\.0\.0 → 2\.0\.0 \(major: removed or renamed variables/);
  });

  it('bumps major when a variable is no longer declared, and says why (collection and CHANGELOG)', () => {
    const dir = tempDir();
    const declaredAgain = withRest((rest) => {
      rest.variables = rest.variables.map(({ undeclared: _undeclared, ...variable }) => variable);
    });
    writeGenerated(generateFixture(dir, { collections: declaredAgain }));
    const result = generateFixture(dir);
    writeGenerated(result);
    const rest = result.files.find((file) => file.path === REST)!;
    expect(rest.version!.bump).toBe('major');
    expect(rest.version!.reasons[0]).toMatch(/^variables no longer declared \(created when first set\): nsp_certificate_entity, nsp_certificate_pem, nsp_certificate_role, nsp_customer_id, nsp_idempotency_key, nsp_uploaded_certificate_id \(why: each declared collection variable is copied into every script execution/);
    expect(readFileSync(join(dir, 'collections', 'CHANGELOG.md'), 'utf8')).toContain('\n- variables no longer declared (created when first set): nsp_certificate_entity,');
    // Still documented: not a removal.
    expect(rest.version!.reasons.join('\n')).not.toContain('removed or renamed variables');
  });

  it('says which removed variables were merged into another one, and why (collection and CHANGELOG)', () => {
    const dir = tempDir();
    const extra = (key: string) => ({ key, value: '', description: `The ${key} variable.` });
    writeGenerated(generateFixture(dir, { collections: withRest((rest) => rest.variables.push(extra('nsp_old_a'), extra('nsp_old_b'), extra('nsp_gone'))) }));
    const merged = withRest((rest) => {
      rest.variables.push({ ...extra('nsp_merged'), replaces: { variables: ['nsp_old_a', 'nsp_old_b', 'nsp_never_declared'], because: 'one variable is cheaper' } });
    });
    const result = generateFixture(dir, { collections: merged });
    writeGenerated(result);
    const rest = result.files.find((file) => file.path === REST)!;
    expect(rest.version!.bump).toBe('major');
    expect(rest.version!.reasons.slice(0, 3)).toEqual([
      'variables merged into nsp_merged: nsp_old_a, nsp_old_b (why: one variable is cheaper)',
      'removed or renamed variables: nsp_gone',
      'added variables: nsp_merged',
    ]);
    expect(readFileSync(join(dir, 'collections', 'CHANGELOG.md'), 'utf8')).toContain('\n- variables merged into nsp_merged: nsp_old_a, nsp_old_b (why: one variable is cheaper)\n');
    // Without the definition's `replaces`, the same removal is only listed as removed.
    const plain = decideVersion(JSON.parse(rest.committed!), JSON.parse(rest.content), REST);
    expect(plain.reasons[0]).toBe('removed or renamed variables: nsp_gone, nsp_old_a, nsp_old_b');
  });

  it('reads versions stored as objects and refuses versions that are not semver', () => {
    const generated = { info: { name: 'x', version: '1.0.0' }, item: [] };
    expect(decideVersion({ info: { name: 'x', version: { major: 1, minor: 2, patch: 3 } }, item: [] }, generated).next).toBe('1.2.3');
    expect(() => decideVersion({ info: { name: 'x', version: 'one' }, item: [] }, generated, 'c.json')).toThrow(/c\.json: info\.version "one" is not a semver/);
  });
});
