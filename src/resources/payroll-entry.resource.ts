import { MaxLength } from 'class-validator';
import { PayrollEntry } from '../entities/payroll-entry.entity';
import { PayrollStatus, Role } from '../entities/enums';
import type { StatusMachine } from '../data/resource';
import { IsCurrencyCode, IsDecimalOf, IsNotBlank } from '../graphql/validators';
import { defineResource } from './define';
import { careProfessionalResource } from './care-professional.resource';

const { ADMIN } = Role;
const { DRAFT, APPROVED, PAID } = PayrollStatus;

/** DRAFT while the figures are checked, APPROVED (fixed), PAID. */
const PAYROLL_LIFECYCLE: StatusMachine<PayrollStatus> = {
  property: 'status',
  initial: [DRAFT],
  transitions: { [DRAFT]: [APPROVED], [APPROVED]: [PAID], [PAID]: [] },
  stamps: { [APPROVED]: 'approvedAt', [PAID]: 'paidAt' },
};

const HOURS = [IsDecimalOf({ digits: 3, scale: 2, nonNegative: true })];

/**
 * Payroll (seed 000): a care professional's pay per period, gross and net computed by the
 * database (migration Payroll). Pay is personal: admins only, on every path.
 */
export const payrollEntryResource = defineResource<PayrollEntry>({
  typeName: 'PayrollEntry',
  entity: PayrollEntry,
  pluralField: 'payrollEntries',
  relations: {
    careProfessionalId: { target: () => careProfessionalResource, field: 'careProfessional', inverse: 'payrollEntries', inverseDescription: "The professional's pay periods (admins only).", cascade: true },
  },
  filters: ['careProfessional', 'periodStart', 'periodEnd', 'status', 'grossPay', 'netPay', 'currency'],
  orderBy: ['periodStart', 'createdAt'],
  defaultOrder: [{ property: 'periodStart', direction: 'DESC' }],
  permissions: { read: [ADMIN], create: [ADMIN], update: [ADMIN], delete: [ADMIN], restore: [ADMIN] },
  inputs: {
    required: ['careProfessionalId', 'periodStart', 'periodEnd', 'regularHours', 'hourlyRate', 'currency'],
    optional: ['overtimeHours', 'overtimeMultiplier', 'deductions', 'status', 'notes'],
    immutable: ['careProfessionalId'],
    validate: {
      regularHours: HOURS,
      overtimeHours: HOURS,
      hourlyRate: [IsDecimalOf({ digits: 8, scale: 2, nonNegative: true })],
      overtimeMultiplier: [IsDecimalOf({ digits: 1, scale: 2, positive: true })],
      deductions: [IsDecimalOf({ digits: 10, scale: 2, nonNegative: true })],
      currency: [IsCurrencyCode()],
      notes: [IsNotBlank(), MaxLength(2000)],
    },
    descriptions: { status: 'DRAFT → APPROVED (figures fixed) → PAID.' },
  },
  status: PAYROLL_LIFECYCLE,
});
