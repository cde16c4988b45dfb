import { Role } from '../entities/enums';
import type { Operation } from '../data/resource';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, ANALYST, SDR, HEALTH_COACH } = Role;

/**
 * Role × operation building blocks for resource declarations (each resource states its own
 * permissions; the README's table is generated from the registry and a test keeps the two equal).
 * Clinical content is for those who give care; coordinators and analysts work with schedules and
 * demographics; SDRs work leads and health coaches patients' journeys (neither reads clinical notes).
 */
export const EVERYONE = [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, ANALYST, SDR, HEALTH_COACH] as const;
/** Everyone but SDRs, who work leads: patients' records start at conversion, in the coaches' hands. */
export const PATIENT_READERS = [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, ANALYST, HEALTH_COACH] as const;
/** Those who give care. */
export const CARE_GIVERS = [ADMIN, CLINICIAN, CARE_WORKER] as const;

export type Permissions = Readonly<Record<Operation, readonly Role[]>>;

/** Everyone reads; admins write: reference data and configuration. */
export const ADMIN_MANAGED: Permissions = { read: EVERYONE, create: [ADMIN], update: [ADMIN], delete: [ADMIN], restore: [ADMIN] };

export const OPERATIONS: readonly Operation[] = ['read', 'create', 'update', 'delete', 'restore'];
