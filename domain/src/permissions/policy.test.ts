import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { authorize, can, houseFilter, houseScope, permissionsOf, type StaffPrincipal } from './policy.ts';

const principal = (grants: StaffPrincipal['grants']): StaffPrincipal => ({
  staffUserId: 's1',
  organizationId: 'o1',
  grants,
});

describe('staff policy', () => {
  const dispatcherA = principal([{ role: 'DISPATCHER', houseId: 'A' }]);

  it('scopes a house role to its house', () => {
    expect(can(dispatcherA, 'tickets.handle', { houseId: 'A' })).toBe(true);
    expect(can(dispatcherA, 'tickets.handle', { houseId: 'B' })).toBe(false);
    expect(can(dispatcherA, 'tickets.handle', { houseId: null })).toBe(false);
    expect(houseFilter(dispatcherA, 'tickets.read')).toEqual({ houseId: { in: ['A'] } });
  });

  it('lets an organisation-wide role act in every house', () => {
    const manager = principal([{ role: 'MANAGER', houseId: null }]);
    expect(can(manager, 'broadcasts.send', { houseId: 'B' })).toBe(true);
    expect(houseScope(manager, 'tickets.read')).toEqual({ kind: 'all' });
    expect(houseFilter(manager, 'tickets.read')).toEqual({});
  });

  it('keeps roles to their job', () => {
    const accountant = principal([{ role: 'ACCOUNTANT', houseId: null }]);
    expect(can(accountant, 'tickets.handle')).toBe(false);
    expect(can(accountant, 'payments.write')).toBe(true);
    expect(can(principal([{ role: 'GUARD', houseId: 'A' }]), 'personal-data.read')).toBe(false);
    expect(can(principal([{ role: 'EXECUTOR', houseId: null }]), 'tickets.handle')).toBe(false);
  });

  it('throws a FORBIDDEN AppError when refused', () => {
    try {
      authorize(dispatcherA, 'billing.write', { houseId: 'A' });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'FORBIDDEN')).toBe(true);
    }
  });

  it('unions grants of several roles', () => {
    const both = principal([
      { role: 'DISPATCHER', houseId: 'A' },
      { role: 'DISPATCHER', houseId: 'B' },
      { role: 'GUARD', houseId: 'C' },
    ]);
    expect(houseScope(both, 'tickets.read')).toEqual({ kind: 'houses', houseIds: ['A', 'B'] });
    expect(houseScope(both, 'passes.check')).toEqual({ kind: 'houses', houseIds: ['A', 'B', 'C'] });
    expect(permissionsOf(both)).toContain('passes.check');
    expect(permissionsOf(both)).not.toContain('billing.read');
  });
});
