// electron-builder.yml, parsed and validated the way electron-builder itself does it: with the js-yaml and
// ajv that app-builder-lib loads, against app-builder-lib's own scheme.json.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type AjvClass from 'ajv';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fromRepo = createRequire(path.join(repo, 'package.json'));
// Resolved from electron-builder's side, so these are the copies it uses, wherever npm hoisted them.
const schemePath = createRequire(fromRepo.resolve('electron-builder')).resolve('app-builder-lib/scheme.json');
const fromAppBuilderLib = createRequire(schemePath);
const yaml = fromAppBuilderLib('js-yaml') as { load(text: string): unknown };
const Ajv = (fromAppBuilderLib('ajv') as { default: typeof AjvClass }).default;

const scheme = JSON.parse(readFileSync(schemePath, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);
const config = yaml.load(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const packageJson = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string };

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is a check that can fail: a misspelt key or a wrong type is refused', () => {
    expect(validate({ ...config, productname: 'Counter' })).toBe(false);
    expect(validate({ ...config, linux: { target: 5 } })).toBe(false);
  });

  it('says what the counter needs', () => {
    expect(config).toMatchObject({
      appId: 'org.utilitycounter.counter',
      productName: 'Counter',
      icon: 'assets/icon.png',
      directories: { output: 'release', buildResources: 'assets' },
      files: ['build/**/*', 'package.json', '!**/*.map'],
      linux: { target: ['AppImage', 'deb'], category: 'Office', maintainer: expect.stringMatching(/<.+@.+>/) },
      win: { target: 'nsis' },
    });
  });

  it("keeps build/ out of buildResources, which electron-builder never packs", () => {
    const buildResources = (config.directories as { buildResources?: string }).buildResources ?? 'build';
    expect(path.normalize(buildResources).split(path.sep)[0]).not.toBe('build');
  });

  it("packs the main script package.json names, where tsc puts it", () => {
    const tsconfig = JSON.parse(readFileSync(path.join(repo, 'electron', 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    const electronDir = path.join(repo, 'electron');
    const compiledMain = path.join(path.resolve(electronDir, tsconfig.compilerOptions.outDir), path.relative(path.resolve(electronDir, tsconfig.compilerOptions.rootDir), path.join(electronDir, 'main.js')));
    expect(path.relative(repo, compiledMain).split(path.sep).join('/')).toBe(packageJson.main);
    expect(packageJson.main.startsWith('build/')).toBe(true);
  });
});

describe('assets/icon.png', () => {
  it('is a 512x512 RGBA PNG', () => {
    const png = readFileSync(path.join(repo, 'assets', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([512, 512, 8, 6]);
  });
});
