import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A site's timezone must be one PostgreSQL knows: availability windows are local to their site,
 * and a zone it cannot read would turn every booking check of that site into an error.
 */
export class SiteTimezoneCheck1764900300000 implements MigrationInterface {
  name = 'SiteTimezoneCheck1764900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE FUNCTION is_valid_timezone(zone text) RETURNS boolean LANGUAGE plpgsql STABLE AS $f$
BEGIN
  PERFORM now() AT TIME ZONE zone;
  RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN false;
END $f$;
ALTER TABLE sites ADD CONSTRAINT sites_timezone_check CHECK (is_valid_timezone(timezone));`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE sites DROP CONSTRAINT sites_timezone_check; DROP FUNCTION is_valid_timezone(text);');
  }
}
