import { isValidNhsNumber, withNhsCheckDigit } from '../src/domain/nhs-number';
import { APPOINTMENT_LIFECYCLE } from '../src/domain/appointment-status';
import { assertPeriod } from '../src/domain/periods';
import { assertInitialState, assertTransition, stampFor } from '../src/domain/status-machine';
import { AppointmentStatus } from '../src/entities/enums';
import { AppError } from '../src/errors/app-error';

describe('NHS number (modulus 11)', () => {
  it.each(['9434765919', '4010232137', '9434765870'])('accepts the valid number %s', (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
  });

  it.each([
    ['9434765918', 'wrong check digit'],
    ['943476591', 'nine digits'],
    ['94347659190', 'eleven digits'],
    ['943 476 5919', 'spaces'],
    ['ABCDEFGHIJ', 'letters'],
    ['1000000010', 'check digit would be 10'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it('computes the check digit, or none when it would be 10', () => {
    expect(withNhsCheckDigit('943476591')).toBe('9434765919');
    expect(withNhsCheckDigit('100000001')).toBeNull();
  });
});

describe('appointment status transitions', () => {
  const { SCHEDULED, CONFIRMED, IN_PROGRESS, COMPLETED, CANCELLED, NO_SHOW } = AppointmentStatus;
  const assertAppointmentTransition = (from: string, to: string) => assertTransition(APPOINTMENT_LIFECYCLE, from, to);
  const APPOINTMENT_TRANSITIONS = APPOINTMENT_LIFECYCLE.transitions;

  it('starts booked: SCHEDULED or CONFIRMED, never under way', () => {
    expect(() => assertInitialState(APPOINTMENT_LIFECYCLE, 'Appointment', CONFIRMED)).not.toThrow();
    expect(() => assertInitialState(APPOINTMENT_LIFECYCLE, 'Appointment', IN_PROGRESS)).toThrow(/starts SCHEDULED or CONFIRMED/);
  });

  it('stamps nothing it does not declare', () => {
    expect(stampFor(APPOINTMENT_LIFECYCLE, COMPLETED)).toBeUndefined();
    expect(stampFor({ ...APPOINTMENT_LIFECYCLE, stamps: { COMPLETED: 'completedAt' } }, COMPLETED)).toBe('completedAt');
  });

  it('allows the booked → under way → done path', () => {
    expect(() => assertAppointmentTransition(SCHEDULED, CONFIRMED)).not.toThrow();
    expect(() => assertAppointmentTransition(CONFIRMED, IN_PROGRESS)).not.toThrow();
    expect(() => assertAppointmentTransition(IN_PROGRESS, COMPLETED)).not.toThrow();
  });

  it.each([COMPLETED, CANCELLED, NO_SHOW])('treats %s as final', (status) => {
    expect(APPOINTMENT_TRANSITIONS[status]).toEqual([]);
    expect(() => assertAppointmentTransition(status, SCHEDULED)).toThrow(AppError);
  });

  it('names the field and the allowed moves when refusing', () => {
    try {
      assertAppointmentTransition(SCHEDULED, COMPLETED);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details.fields).toEqual([
        expect.objectContaining({ field: 'input.status', rule: 'transition', message: expect.stringContaining('CONFIRMED, IN_PROGRESS, CANCELLED, NO_SHOW') }),
      ]);
    }
  });

  it('requires the end after the start', () => {
    const start = new Date('2026-01-01T10:00:00Z');
    const assertEndAfterStart = (from: unknown, to: unknown) => assertPeriod(from, to, 'startTime', 'endTime');
    expect(() => assertEndAfterStart(start, new Date('2026-01-01T10:30:00Z'))).not.toThrow();
    expect(() => assertEndAfterStart(start, start)).toThrow(/after startTime/);
    expect(() => assertEndAfterStart('2026-01-02', '2026-01-01')).toThrow(/after startTime/);
    expect(() => assertEndAfterStart('2026-01-02', null)).not.toThrow();
  });
});
