import { EntitySubscriberInterface, EventSubscriber, InsertEvent, QueryRunner, UpdateEvent } from 'typeorm';
import type { RunnerScope } from '../db/request-db';
import { TenantOwnedEntity } from '../entities/base.entity';

function scopeOf(queryRunner: QueryRunner, table: string): RunnerScope & { caller: NonNullable<RunnerScope['caller']> } {
  const scope = queryRunner.data as Partial<RunnerScope>;
  if (!scope?.caller) throw new Error(`refusing to write ${table} outside a tenant-scoped request`);
  return scope as RunnerScope & { caller: NonNullable<RunnerScope['caller']> };
}

const isTenantOwned = (target: unknown) =>
  typeof target === 'function' && target.prototype instanceof TenantOwnedEntity;

/**
 * Stamps the request's tenant and acting user on every insert and update of a tenant-owned
 * entity made through TypeORM, and rejects one that names another tenant. One layer among
 * several: the composite foreign keys, row-level security and audit triggers in the database
 * hold for every path, including those that bypass TypeORM.
 */
@EventSubscriber()
export class TenantStampSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<Record<string, unknown>>): void {
    if (!isTenantOwned(event.metadata.target)) return;
    const { caller } = scopeOf(event.queryRunner, event.metadata.tableName);
    const entity = event.entity;
    if (entity.tenantId !== undefined && entity.tenantId !== caller.tenantId) {
      throw new Error(`refusing to insert ${event.metadata.tableName} for another tenant`);
    }
    entity.tenantId = caller.tenantId;
    entity.createdBy = caller.userId;
    entity.updatedBy = caller.userId;
  }

  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    if (!isTenantOwned(event.metadata.target)) return;
    const { caller } = scopeOf(event.queryRunner, event.metadata.tableName);
    const entity = event.entity;
    if (!entity) return;
    if (entity.tenantId !== undefined && entity.tenantId !== caller.tenantId) {
      throw new Error(`refusing to move ${event.metadata.tableName} to another tenant`);
    }
    entity.updatedBy = caller.userId;
  }
}
