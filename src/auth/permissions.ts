import { Role } from '../entities/enums';
import type { Operation } from '../data/resource';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, ANALYST } = Role;
const EVERYONE = [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, ANALYST] as const;

/**
 * Role × operation, for every resource. The README's table is generated from this object and a
 * test keeps the two equal. Clinical note content is for those who give care; coordinators and
 * analysts work with schedules and demographics.
 */
export const PERMISSIONS = {
  Site: { read: EVERYONE, create: [ADMIN], update: [ADMIN], delete: [ADMIN], restore: [ADMIN] },
  Patient: {
    read: EVERYONE,
    create: [ADMIN, CLINICIAN, COORDINATOR],
    update: [ADMIN, CLINICIAN, COORDINATOR],
    delete: [ADMIN],
    restore: [ADMIN],
  },
  CareProfessional: { read: EVERYONE, create: [ADMIN], update: [ADMIN], delete: [ADMIN], restore: [ADMIN] },
  Appointment: {
    read: EVERYONE,
    create: [ADMIN, CLINICIAN, COORDINATOR],
    update: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR],
    delete: [ADMIN, COORDINATOR],
    restore: [ADMIN, COORDINATOR],
  },
  ClinicalNote: {
    read: [ADMIN, CLINICIAN, CARE_WORKER],
    create: [CLINICIAN, CARE_WORKER],
    update: [CLINICIAN, CARE_WORKER],
    delete: [ADMIN, CLINICIAN],
    restore: [ADMIN, CLINICIAN],
  },
  ClinicalNoteCategory: {
    read: [ADMIN, CLINICIAN, CARE_WORKER],
    create: [ADMIN],
    update: [ADMIN],
    delete: [ADMIN],
    restore: [ADMIN],
  },
} as const satisfies Record<string, Record<Operation, readonly Role[]>>;

export const OPERATIONS: readonly Operation[] = ['read', 'create', 'update', 'delete', 'restore'];
