import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ownerDataSourceOptions } from './src/db/database';

/**
 * The TypeORM CLI's DataSource (`npm run typeorm -- migration:run -d ormconfig.ts`): the owner
 * connection, which applies migrations. Requests never use it: they run as the request role.
 * Defaults to the embedded server that `npm start` keeps under `.data/` (start it first).
 */
const url = process.env.DATABASE_URL || `postgres://postgres:postgres@localhost:${process.env.EMBEDDED_PG_PORT || 54329}/caregraph`;

export default new DataSource(ownerDataSourceOptions(url));
