import { describe, expect, it } from 'vitest';
import { homePath, isActivePath, NAV_ITEMS, safeReturnPath, visibleNav } from '../src/nav.ts';

const keys = (permissions: string[]) => visibleNav(permissions).map((item) => item.key);

describe('navigation by permissions', () => {
  it('shows only the sections whose permission the user has, in menu order', () => {
    // The manager's permissions in the domain's role matrix (domain/src/permissions/policy.ts).
    const manager = [
      'dashboard.view',
      'registry.read',
      'registry.write',
      'residents.read',
      'residents.manage',
      'personal-data.read',
      'readings.read',
      'readings.write',
      'tickets.read',
      'tickets.handle',
      'billing.read',
      'broadcasts.send',
      'polls.manage',
      'passes.manage',
      'audit.read',
    ];
    expect(keys(manager)).toEqual([
      'dashboard',
      'registry',
      'residents',
      'readings',
      'tickets',
      'billing',
      'broadcasts',
      'polls',
      'passes',
      'audit',
    ]);
    expect(keys(['passes.check', 'dashboard.view'])).toEqual(['dashboard', 'passes']);
  });

  it('shows nothing without permissions, and everything with all of them', () => {
    expect(keys([])).toEqual([]);
    expect(keys(['tickets.work', 'personal-data.read', 'unknown.permission'])).toEqual([]);
    expect(keys(NAV_ITEMS.map((item) => item.permission))).toEqual(NAV_ITEMS.map((item) => item.key));
  });

  it('gives every section its own path and permission', () => {
    expect(new Set(NAV_ITEMS.map((i) => i.path)).size).toBe(NAV_ITEMS.length);
    expect(new Set(NAV_ITEMS.map((i) => i.permission)).size).toBe(NAV_ITEMS.length);
  });

  it('lands on the first allowed section', () => {
    expect(homePath(['audit.read', 'dashboard.view'])).toBe('/');
    expect(homePath(['passes.check'])).toBe('/passes');
    expect(homePath([])).toBeNull();
  });

  it('marks the dashboard active only on /, other sections on their subtree', () => {
    expect(isActivePath('/', '/')).toBe(true);
    expect(isActivePath('/', '/tickets')).toBe(false);
    expect(isActivePath('/tickets', '/tickets')).toBe(true);
    expect(isActivePath('/tickets', '/tickets/42')).toBe(true);
    expect(isActivePath('/tickets', '/ticketsx')).toBe(false);
  });

  it('returns after sign-in only to paths inside the panel', () => {
    expect(safeReturnPath('/tickets?status=open')).toBe('/tickets?status=open');
    expect(safeReturnPath('//evil.example/')).toBeNull();
    expect(safeReturnPath('https://evil.example/')).toBeNull();
    expect(safeReturnPath('/login')).toBeNull();
    expect(safeReturnPath(undefined)).toBeNull();
  });
});
