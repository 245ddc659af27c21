export { addMeter, addMeterInputSchema } from './add-meter.ts';
export { listPremisesMeters, listPremisesMetersInputSchema } from './list-premises-meters.ts';
export { listVerificationDue, listVerificationDueInputSchema } from './list-verification-due.ts';
export { replaceMeter, replaceMeterInputSchema } from './replace-meter.ts';
export { retireMeter, retireMeterInputSchema } from './retire-meter.ts';
export { updateMeter, updateMeterInputSchema } from './update-meter.ts';
