import { DailyRecord } from '../entities/daily-record.entity';
import { Role, type Shift, Feature } from '../entities/enums';
import { CARE_GIVERS } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import type { DataAccess } from '../data/data-access';
import { callerMemberId } from '../data/caller-records';
import { SqlParams } from '../data/table';
import { assertShapes } from '../domain/json-shape';
import { CARE_DELIVERED_DESCRIPTION, CARE_DELIVERED_SHAPE, OBSERVATIONS_DESCRIPTION, OBSERVATIONS_SHAPE, SHIFT_WINDOWS } from '../domain/daily-records';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { memberResource } from './member.resource';
import { siteResource } from './site.resource';

const { ADMIN, CLINICIAN, CARE_WORKER } = Role;

/**
 * Where a record's shift stands: whether it has started and ended, in the time zone of the
 * resident's site (Europe/London without one), by the database's clock. One statement, within
 * the caller's tenant. The zone is the site's now: a record of a resident who moved to a home in
 * another zone is judged by the new one.
 */
async function shiftOf(data: DataAccess, record: { recordDate: string; shift: Shift; patientId: string }): Promise<{ started: boolean; ended: boolean }> {
  const params = new SqlParams();
  const window = SHIFT_WINDOWS[record.shift];
  const [date, startHour, hours] = [params.add(record.recordDate, 'date'), params.add(window.startHour, 'int'), params.add(window.hours, 'int')];
  const patient = [...data.scopeConditions(patientResource, params), `t.id = ${params.add(record.patientId, 'uuid')}`].join(' AND ');
  const [row] = await data.db.query<{ started: boolean; ended: boolean }>(
    `SELECT (${date} + make_interval(hours => ${startHour})) AT TIME ZONE zone.tz <= now() AS started,
            (${date} + make_interval(hours => ${startHour} + ${hours})) AT TIME ZONE zone.tz <= now() AS ended
       FROM (SELECT coalesce(s.timezone, 'Europe/London') AS tz
               FROM ${data.table(patientResource).table} t LEFT JOIN ${data.table(siteResource).table} s ON s.tenant_id = t.tenant_id AND s.id = t.site_id
              WHERE ${patient}) zone`,
    params.values,
  );
  return row ?? { started: false, ended: true };
}

function assertRecordShapes(values: { careDelivered?: unknown; observations?: unknown }): void {
  assertShapes([
    ...(values.careDelivered !== undefined ? [{ value: values.careDelivered, shape: CARE_DELIVERED_SHAPE, field: 'input.careDelivered' }] : []),
    ...(values.observations !== undefined ? [{ value: values.observations, shape: OBSERVATIONS_SHAPE, field: 'input.observations' }] : []),
  ]);
}

export const dailyRecordResource = defineResource<DailyRecord>({
  typeName: 'DailyRecord',
  entity: DailyRecord,
  pluralField: 'dailyRecords',
  relations: {
    patientId: {
      target: () => patientResource,
      field: 'patient',
      inverse: 'dailyRecords',
      inverseDescription: 'The resident’s daily records, latest first; filter by recordDate (a range: gte/lte) and shift.',
      cascade: true,
      samePatient: true,
    },
    authorId: { target: () => memberResource, field: 'author', description: 'The care worker who wrote it (the caller, when it was created).' },
  },
  filters: ['patient', 'recordDate', 'shift', 'author', 'careDelivered', 'createdAt'],
  orderBy: ['recordDate', 'createdAt', { property: 'shift', byRank: ['MORNING', 'AFTERNOON', 'NIGHT'] }],
  defaultOrder: [
    { property: 'recordDate', direction: 'DESC' },
    { property: 'shift', direction: 'DESC' },
  ],
  // Written on shift by those giving care; deleted only by admins (a record put on the wrong resident).
  feature: Feature.CARE_HOMES,
  permissions: { read: [...CARE_GIVERS, Role.COORDINATOR], create: CARE_GIVERS, update: CARE_GIVERS, delete: [ADMIN], restore: [ADMIN] },
  inputs: {
    required: ['patientId', 'recordDate', 'shift', 'observations'],
    optional: ['careDelivered'],
    immutable: ['patientId', 'recordDate', 'shift'],
    descriptions: { careDelivered: CARE_DELIVERED_DESCRIPTION, observations: OBSERVATIONS_DESCRIPTION, recordDate: 'The day the shift began; the shift must have started.' },
    typeDescriptions: { update: 'Only its author amends a record, and only until its shift ends: then it is read-only (a correction is a new record).' },
  },
  patientIdProperty: 'patientId',
  rules: {
    async beforeCreate(values, data) {
      assertRecordShapes(values);
      values.careDelivered ??= {};
      if (!(await shiftOf(data, values as DailyRecord)).started) throw AppError.badInput([{ field: 'input.shift', rule: 'shiftStarted', message: 'this shift has not started yet: records are written on or after the shift' }]);
      values.authorId = await callerMemberId(data);
    },
    async beforeUpdate(current, changes, data) {
      assertRecordShapes(changes);
      if (current.authorId !== (await callerMemberId(data))) throw new AppError('FORBIDDEN', 'Only the author of a daily record may amend it; write a new record instead');
      if ((await shiftOf(data, current)).ended) {
        throw AppError.conflict('The shift has ended: the record is read-only (write a new record to correct it)', {
          fields: [{ field: 'input.id', rule: 'shiftEnded', message: 'the record’s shift has ended' }],
        });
      }
    },
  },
});
