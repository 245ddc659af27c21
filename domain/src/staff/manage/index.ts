export { createStaffUser, createStaffUserSchema } from './create-staff-user.ts';
export { listStaff, listStaffSchema } from './list-staff.ts';
export { updateStaffUser, updateStaffUserSchema } from './update-staff-user.ts';
