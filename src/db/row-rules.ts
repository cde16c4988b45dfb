/** SQL fragments shared by migrations' triggers. A migration's SQL must stay the same once released: change these only by adding new ones. */

/**
 * The UPDATE branch of a trigger for a row once recorded (a payment, a refund, a document version): what it is and
 * where it belongs never change (`<table>_fixed`), and it is deleted only with its parent, which
 * gives it its very deleted_at (`<table>_kept`), whatever permission a custom role was granted.
 */
export const FIXED_AND_KEPT = (table: string, fixed: string[], parent: { table: string; key: string }) => {
  const row = (side: string) => `(${fixed.map((column) => `${side}.${column}`).join(', ')})`;
  return `IF TG_OP = 'UPDATE' THEN
    IF ${row('NEW')} IS DISTINCT FROM ${row('OLD')} THEN
      RAISE EXCEPTION '${table}: a row is fixed' USING ERRCODE = 'check_violation', CONSTRAINT = '${table}_fixed', TABLE = '${table}';
    END IF;
    IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM ${parent.table} x WHERE x.tenant_id = NEW.tenant_id AND x.id = NEW.${parent.key} AND x.deleted_at = NEW.deleted_at) THEN
      RAISE EXCEPTION '${table}: deleted only with its ${parent.table} row' USING ERRCODE = 'check_violation', CONSTRAINT = '${table}_kept', TABLE = '${table}';
    END IF;
    RETURN NEW;
  END IF;`;
};
