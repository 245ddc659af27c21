import { apiRequest } from './client.ts';

export interface DashboardCounts {
  houses: number;
  premises: number;
  accounts: number;
  residents: number;
}

export const DASHBOARD_KEY = ['dashboard'] as const;

export function fetchDashboard(signal?: AbortSignal): Promise<DashboardCounts> {
  return apiRequest<DashboardCounts>('/dashboard', signal ? { signal } : {});
}
