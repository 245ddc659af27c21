/**
 * The panel's sections and the permission each needs. The server decides what a user may do (`Me.permissions`,
 * from the domain's role matrix); the panel only hides what the user cannot open anyway.
 */
export const NAV_ITEMS = [
  { key: 'dashboard', path: '/', permission: 'dashboard.view' },
  { key: 'registry', path: '/houses', permission: 'registry.read' },
  { key: 'residents', path: '/residents', permission: 'residents.read' },
  { key: 'readings', path: '/readings', permission: 'readings.read' },
  { key: 'tickets', path: '/tickets', permission: 'tickets.read' },
  { key: 'billing', path: '/billing', permission: 'billing.read' },
  { key: 'payments', path: '/payments', permission: 'payments.write' },
  { key: 'broadcasts', path: '/broadcasts', permission: 'broadcasts.send' },
  { key: 'polls', path: '/polls', permission: 'polls.manage' },
  // Guards check passes, managers approve and revoke them: the page shows each what they may do.
  { key: 'passes', path: '/passes', permission: 'passes.check', orPermission: 'passes.manage' },
  { key: 'staff', path: '/staff', permission: 'staff.manage' },
  { key: 'organization', path: '/organization', permission: 'organization.manage' },
  { key: 'audit', path: '/audit', permission: 'audit.read' },
] as const;

export type NavItem = (typeof NAV_ITEMS)[number];
export type SectionKey = NavItem['key'];

/** The sections a user with these permissions may open, in menu order. */
export function visibleNav(permissions: readonly string[]): NavItem[] {
  const granted = new Set(permissions);
  return NAV_ITEMS.filter(
    (item) => granted.has(item.permission) || ('orPermission' in item && granted.has(item.orPermission)),
  );
}

/** Where to land after sign-in when no page was asked for: the first section the user may open, if any. */
export function homePath(permissions: readonly string[]): string | null {
  return visibleNav(permissions)[0]?.path ?? null;
}

/** Whether a menu entry is the current page: the dashboard only on `/`, other sections on their whole subtree. */
export function isActivePath(itemPath: string, pathname: string): boolean {
  if (itemPath === '/') return pathname === '/';
  return pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}

/**
 * A safe place to return to after sign-in: only a path inside the panel (never another origin, never the login
 * page itself).
 */
export function safeReturnPath(from: unknown): string | null {
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return null;
  if (from === '/login' || from.startsWith('/login?')) return null;
  return from;
}

/**
 * Pages inside a section, listed under it in the menu while the section is open. Like the sections, each needs a
 * permission (importing the registry changes it, so it needs registry.write).
 */
export const SUB_NAV = {
  registry: [
    { key: 'houses', path: '/houses', permission: 'registry.read' },
    { key: 'entrances', path: '/registry/entrances', permission: 'registry.read' },
    { key: 'premises', path: '/registry/premises', permission: 'registry.read' },
    { key: 'accounts', path: '/registry/accounts', permission: 'registry.read' },
    { key: 'owners', path: '/registry/owners', permission: 'registry.read' },
    { key: 'meters', path: '/registry/meters', permission: 'registry.read' },
    { key: 'import', path: '/registry/import', permission: 'registry.write' },
  ],
} as const satisfies Partial<
  Record<SectionKey, readonly { key: string; path: string; permission: string }[]>
>;

export type SubNavItem = (typeof SUB_NAV)['registry'][number];
export type RegistryPageKey = SubNavItem['key'];

/** A section's pages the user may open, in menu order (none for a section without pages). */
export function visibleSubNav(section: SectionKey, permissions: readonly string[]): SubNavItem[] {
  const granted = new Set(permissions);
  const pages: readonly SubNavItem[] = section === 'registry' ? SUB_NAV.registry : [];
  return pages.filter((page) => granted.has(page.permission));
}

/** Whether a section is the current one: its own path or any of its pages. */
export function isActiveSection(item: NavItem, pathname: string): boolean {
  if (isActivePath(item.path, pathname)) return true;
  return item.key === 'registry' && SUB_NAV.registry.some((page) => isActivePath(page.path, pathname));
}

/**
 * The billing section's pages, shown as tabs at the top of each (payments are their own section, for
 * `payments.write`, and appear among the tabs for those who have it).
 */
export const BILLING_PAGES = [
  { key: 'dashboard', path: '/billing', permission: 'billing.read' },
  { key: 'tariffs', path: '/billing/tariffs', permission: 'billing.read' },
  { key: 'charges', path: '/billing/charges', permission: 'billing.read' },
  { key: 'payments', path: '/payments', permission: 'payments.write' },
  { key: 'penalties', path: '/billing/penalties', permission: 'billing.read' },
  { key: 'receipts', path: '/billing/receipts', permission: 'billing.read' },
  { key: 'finances', path: '/billing/finances', permission: 'billing.read' },
] as const;

export type BillingPageKey = (typeof BILLING_PAGES)[number]['key'];

export const registryPage = (key: RegistryPageKey): SubNavItem =>
  SUB_NAV.registry.find((page) => page.key === key) as SubNavItem;
