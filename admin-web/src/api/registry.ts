import { apiRequest } from './client.ts';
import { queryString } from './houses.ts';

/** The registry of a house as the admin API gives it: entrances, premises, personal accounts, owners and shares. */

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface ListQuery {
  search?: string;
  page?: number;
  pageSize?: number;
}

export const PREMISES_KINDS = ['FLAT', 'NON_RESIDENTIAL'] as const;
export type PremisesKind = (typeof PREMISES_KINDS)[number];

export const OWNER_KINDS = ['PERSON', 'LEGAL_ENTITY', 'PUBLIC'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const ACCOUNT_STATUSES = ['open', 'closed', 'all'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface Entrance {
  id: string;
  houseId: string;
  number: number;
  floors: number | null;
  premisesCount: number;
}

export interface Premises {
  id: string;
  houseId: string;
  entranceId: string | null;
  entranceNumber: number | null;
  kind: PremisesKind;
  number: string;
  /** m², two decimals, as text. */
  area: string;
  floor: number | null;
}

export interface PremisesListItem extends Premises {
  accountsCount: number;
  ownersCount: number;
}

/** Phone and e-mail as the API shows them to this user: masked (`contactsMasked`) without personal-data.read. */
export interface Contacts {
  phone: string | null;
  email: string | null;
  contactsMasked: boolean;
}

export interface Ownership {
  id: string;
  ownerId: string;
  premisesId: string;
  /** "1/3", or "1" for the whole. */
  share: string;
  validFrom: string | null;
  validTo: string | null;
  document: string | null;
}

export interface PremisesOwnership extends Ownership {
  current: boolean;
  owner: Contacts & { id: string; kind: OwnerKind; fullName: string };
}

export interface PremisesDetails extends Premises {
  address: string;
  accounts: {
    id: string;
    number: string;
    payerName: string | null;
    registeredPersons: number;
    closedAt: string | null;
  }[];
  ownerships: PremisesOwnership[];
  /** The sum of the current shares, e.g. "2/3". */
  sharesTotal: string;
}

export interface Account {
  id: string;
  houseId: string;
  premisesId: string;
  premisesNumber: string;
  number: string;
  payerName: string | null;
  registeredPersons: number;
  closedAt: string | null;
  inviteCodeIssuedAt: string;
  /** Residents linked in the bot. */
  activeLinks: number;
}

export interface Owner extends Contacts {
  id: string;
  kind: OwnerKind;
  fullName: string;
  inn: string | null;
}

export interface OwnerListItem extends Owner {
  premises: {
    ownershipId: string;
    premisesId: string;
    houseId: string;
    kind: PremisesKind;
    number: string;
    share: string;
    current: boolean;
  }[];
}

/**
 * Request bodies. Whole numbers the user typed travel as numbers when they are numbers and as the text otherwise,
 * so the API (not a guess in the panel) says what is wrong with them.
 */
export type IntegerInput = number | string;

export interface EntranceBody {
  number: IntegerInput;
  floors: IntegerInput | null;
}

export interface PremisesBody {
  kind: PremisesKind;
  number: string;
  area: string;
  floor: IntegerInput | null;
  entranceId: string | null;
}

export interface AccountBody {
  number: string;
  payerName: string | null;
  registeredPersons: IntegerInput;
}

export interface OwnerBody {
  kind: OwnerKind;
  fullName: string;
  phone: string | null;
  email: string | null;
  inn: string | null;
}

export interface OwnershipTerms {
  share: string;
  validFrom: string | null;
  validTo: string | null;
  document: string | null;
}

export const REGISTRY_KEY = ['registry'] as const;
export const entrancesKey = (houseId: string, query: ListQuery) =>
  [...REGISTRY_KEY, 'entrances', houseId, query] as const;
export const premisesListKey = (houseId: string, query: object) =>
  [...REGISTRY_KEY, 'premises-list', houseId, query] as const;
export const premisesKey = (id: string) => [...REGISTRY_KEY, 'premises', id] as const;
export const accountsKey = (houseId: string, query: object) =>
  [...REGISTRY_KEY, 'accounts', houseId, query] as const;
export const ownersKey = (query: object) => [...REGISTRY_KEY, 'owners', query] as const;
export const ownerKey = (id: string) => [...REGISTRY_KEY, 'owner', id] as const;

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const id = encodeURIComponent;
const listParams = (q: ListQuery) => ({ search: q.search?.trim(), page: q.page, pageSize: q.pageSize });

// ── Entrances ─────────────────────────────────────────────────────────────────────────────────────────────────

export function fetchEntrances(houseId: string, query: ListQuery, signal?: AbortSignal) {
  return apiRequest<Page<Entrance>>(
    `/houses/${id(houseId)}/entrances${queryString(listParams(query))}`,
    withSignal(signal),
  );
}

export function createEntrance(houseId: string, body: EntranceBody) {
  return apiRequest<Entrance>(`/houses/${id(houseId)}/entrances`, { method: 'POST', body });
}

export function updateEntrance(entranceId: string, body: Partial<EntranceBody>) {
  return apiRequest<Entrance>(`/entrances/${id(entranceId)}`, { method: 'PATCH', body });
}

export function deleteEntrance(entranceId: string) {
  return apiRequest<void>(`/entrances/${id(entranceId)}`, { method: 'DELETE' });
}

// ── Premises ──────────────────────────────────────────────────────────────────────────────────────────────────

export interface PremisesQuery extends ListQuery {
  kind?: PremisesKind;
  entranceId?: string;
}

export function fetchPremisesList(houseId: string, query: PremisesQuery, signal?: AbortSignal) {
  const params = { kind: query.kind, entranceId: query.entranceId, ...listParams(query) };
  return apiRequest<Page<PremisesListItem>>(
    `/houses/${id(houseId)}/premises${queryString(params)}`,
    withSignal(signal),
  );
}

export function fetchPremises(premisesId: string, signal?: AbortSignal) {
  return apiRequest<PremisesDetails>(`/premises/${id(premisesId)}`, withSignal(signal));
}

export function createPremises(houseId: string, body: PremisesBody) {
  return apiRequest<Premises>(`/houses/${id(houseId)}/premises`, { method: 'POST', body });
}

export function updatePremises(premisesId: string, body: Partial<PremisesBody>) {
  return apiRequest<Premises>(`/premises/${id(premisesId)}`, { method: 'PATCH', body });
}

export function deletePremises(premisesId: string) {
  return apiRequest<void>(`/premises/${id(premisesId)}`, { method: 'DELETE' });
}

// ── Personal accounts ─────────────────────────────────────────────────────────────────────────────────────────

export interface AccountsQuery extends ListQuery {
  premisesId?: string;
  status?: AccountStatus;
}

export function fetchAccounts(houseId: string, query: AccountsQuery, signal?: AbortSignal) {
  const params = { premisesId: query.premisesId, status: query.status, ...listParams(query) };
  return apiRequest<Page<Account>>(
    `/houses/${id(houseId)}/accounts${queryString(params)}`,
    withSignal(signal),
  );
}

export function createAccount(premisesId: string, body: AccountBody) {
  return apiRequest<Account>(`/premises/${id(premisesId)}/accounts`, { method: 'POST', body });
}

export function updateAccount(accountId: string, body: Partial<AccountBody>) {
  return apiRequest<Account>(`/accounts/${id(accountId)}`, { method: 'PATCH', body });
}

export function closeAccount(accountId: string) {
  return apiRequest<Account>(`/accounts/${id(accountId)}/close`, { method: 'POST', body: {} });
}

// ── Owners and shares ─────────────────────────────────────────────────────────────────────────────────────────

export interface OwnersQuery extends ListQuery {
  houseId?: string;
}

export function fetchOwners(query: OwnersQuery, signal?: AbortSignal) {
  return apiRequest<Page<OwnerListItem>>(
    `/owners${queryString({ houseId: query.houseId, ...listParams(query) })}`,
    withSignal(signal),
  );
}

export function fetchOwner(ownerId: string, signal?: AbortSignal) {
  return apiRequest<Owner>(`/owners/${id(ownerId)}`, withSignal(signal));
}

export function createOwner(body: OwnerBody & { ownership?: OwnershipTerms & { premisesId: string } }) {
  return apiRequest<Owner & { ownerships: Ownership[] }>('/owners', { method: 'POST', body });
}

export function updateOwner(ownerId: string, body: Partial<OwnerBody>) {
  return apiRequest<Owner>(`/owners/${id(ownerId)}`, { method: 'PATCH', body });
}

export function deleteOwner(ownerId: string) {
  return apiRequest<void>(`/owners/${id(ownerId)}`, { method: 'DELETE' });
}

export function addOwnership(premisesId: string, body: OwnershipTerms & { ownerId: string }) {
  return apiRequest<Ownership>(`/premises/${id(premisesId)}/ownerships`, { method: 'POST', body });
}

export function updateOwnership(ownershipId: string, body: Partial<OwnershipTerms>) {
  return apiRequest<Ownership>(`/ownerships/${id(ownershipId)}`, { method: 'PATCH', body });
}

export function deleteOwnership(ownershipId: string) {
  return apiRequest<void>(`/ownerships/${id(ownershipId)}`, { method: 'DELETE' });
}
