import type { StaffRoleName } from '../permissions/policy.ts';

export interface DemoLoginSpec {
  role: StaffRoleName;
  email: string;
  /** Fixed and public on purpose: the app prints it at start so anyone trying the demo can log in. */
  password: string;
  fullName: string;
  /** 1-based demo house the role is granted for; null = organisation-wide. */
  house: 1 | 2 | null;
}

/**
 * One staff login per role. The passwords are documented here and printed by `npm run seed:demo` and at start:
 * they are demo credentials, never to be kept on a server that holds real data (change or deactivate them).
 */
export const DEMO_LOGINS: readonly DemoLoginSpec[] = [
  {
    role: 'ADMIN',
    email: 'admin@demo.domovoy.local',
    password: 'demo-admin-2026',
    fullName: 'Соколова Анна Сергеевна',
    house: null,
  },
  {
    role: 'MANAGER',
    email: 'manager@demo.domovoy.local',
    password: 'demo-manager-2026',
    fullName: 'Петров Игорь Владимирович',
    house: null,
  },
  {
    role: 'ACCOUNTANT',
    email: 'accountant@demo.domovoy.local',
    password: 'demo-accountant-2026',
    fullName: 'Лебедева Ольга Николаевна',
    house: null,
  },
  {
    role: 'DISPATCHER',
    email: 'dispatcher@demo.domovoy.local',
    password: 'demo-dispatcher-2026',
    fullName: 'Захаров Максим Андреевич',
    house: 1,
  },
  {
    role: 'EXECUTOR',
    email: 'executor@demo.domovoy.local',
    password: 'demo-executor-2026',
    fullName: 'Гусев Павел Юрьевич',
    house: null,
  },
  {
    role: 'CHAIR',
    email: 'chair@demo.domovoy.local',
    password: 'demo-chair-2026',
    fullName: 'Морозова Татьяна Викторовна',
    house: 1,
  },
  {
    role: 'GUARD',
    email: 'guard@demo.domovoy.local',
    password: 'demo-guard-2026',
    fullName: 'Кузьмин Олег Петрович',
    house: 2,
  },
];
