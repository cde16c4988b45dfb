import type { StatusMachine } from '../data/resource';
import { AppError } from '../errors/app-error';

/** A new row starts in one of the machine's initial states; refused naming the field and the rule otherwise. */
export function assertInitialState(machine: StatusMachine, typeName: string, state: string): void {
  if (!machine.initial.includes(state)) {
    throw AppError.badInput([{ field: `input.${machine.property}`, rule: 'initialStatus', message: `a new ${typeName} starts ${machine.initial.join(' or ')}` }]);
  }
}

/** A move along the declared transitions (staying put is not a move); refused naming the allowed ones otherwise. */
export function assertTransition(machine: StatusMachine, from: string, to: string): void {
  if (from === to) return;
  const allowed = machine.transitions[from] ?? [];
  if (!allowed.includes(to)) {
    throw AppError.badInput([
      { field: `input.${machine.property}`, rule: 'transition', message: `cannot move from ${from} to ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none (final)'}` },
    ]);
  }
}

/** The timestamp property the machine stamps on entering `state`, if any. */
export function stampFor(machine: StatusMachine, state: string): string | undefined {
  return machine.stamps?.[state];
}
