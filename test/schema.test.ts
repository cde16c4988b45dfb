import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { printCareGraphSchema } from '../src/schema-printer';

const root = path.resolve(__dirname, '..');

describe('the schema contract', () => {
  it('schema.graphql is what the code builds (run `npm run schema` after changing the API)', () => {
    const committed = fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8');
    expect(committed).toBe(printCareGraphSchema());
  });

  it('the typed documents in test/generated are fresh (run `npm run codegen`)', async () => {
    // codegen's CLI is ESM-only inside; run it as a process, into a temporary file.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caregraph-codegen-'));
    const generated = path.join(folder, 'graphql.ts');
    const persisted = path.join(folder, 'persisted');
    const config = fs
      .readFileSync(path.join(root, 'codegen.yml'), 'utf8')
      .replace('test/generated/graphql.ts:', `${JSON.stringify(generated)}:`)
      .replace('test/generated/persisted/:', `${JSON.stringify(`${persisted}/`)}:`);
    const configFile = path.join(folder, 'codegen.yml');
    fs.writeFileSync(configFile, config);
    execFileSync(path.join(root, 'node_modules/.bin/graphql-codegen'), ['--config', configFile, '--silent'], { cwd: root, stdio: 'pipe' });
    expect(fs.readFileSync(path.join(root, 'test/generated/graphql.ts'), 'utf8')).toBe(fs.readFileSync(generated, 'utf8'));
    // The persisted documents' manifest too (the other files of that folder are the client preset's own).
    expect(fs.readFileSync(path.join(root, 'test/generated/persisted/persisted-documents.json'), 'utf8')).toBe(fs.readFileSync(path.join(persisted, 'persisted-documents.json'), 'utf8'));
  });

  it('every object with an id implements Node, and ids are opaque global ids', () => {
    const schema = printCareGraphSchema();
    for (const type of ['Patient', 'Appointment', 'ClinicalNote', 'CareProfessional', 'Site', 'ClinicalNoteCategory', 'Tenant', 'User']) {
      expect(schema).toMatch(new RegExp(`type ${type} implements Node`));
    }
  });
});
