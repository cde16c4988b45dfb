import fs from 'node:fs';
import path from 'node:path';
import { printCareGraphSchema } from '../schema-printer';

/** `npm run schema`: writes the code-first schema to schema.graphql (committed; a test fails when stale). */
const target = path.resolve(__dirname, '../../../schema.graphql');
fs.writeFileSync(target, printCareGraphSchema());
console.log(`wrote ${target}`);
