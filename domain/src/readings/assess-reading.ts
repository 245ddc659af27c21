import { type MeterCapacity, MILLI } from './reading-value.ts';

export type Confirmation = 'rollover' | 'high_consumption' | 'zero_streak';

export type Assessment =
  | { outcome: 'rejected'; reason: 'below_previous' }
  | {
      outcome: 'accepted';
      consumptionMilli: number;
      /** What the resident must confirm before the reading is saved (empty: save at once). */
      confirmations: Confirmation[];
      averageMilli: number | null;
    };

export interface AssessInput {
  meter: MeterCapacity;
  /** The last accepted value of this meter and zone (or the meter's opening value when it is new/replaced). */
  previousMilli: number | null;
  newMilli: number;
  /** Consumption of the previous periods with readings, oldest first (at most the last 6 are used). */
  recentConsumptionsMilli: number[];
}

/**
 * Decree 354 rules for a new reading, as DOMAIN.md states them:
 * - a value below the previous one is refused unless the meter rolled over: the previous value near 10^digits and
 *   the new one small; consumption is then 10^digits − previous + new, and the resident confirms;
 * - consumption above 3× the average of the last 6 periods, or zero for the 3rd period in a row, is an anomaly the
 *   resident confirms. Zero consumption itself is a valid reading.
 */
export function assessReading(input: AssessInput): Assessment {
  const { meter, previousMilli, newMilli } = input;
  const confirmations: Confirmation[] = [];
  let consumptionMilli = previousMilli === null ? 0 : newMilli - previousMilli;
  if (previousMilli !== null && newMilli < previousMilli) {
    const capacityMilli = 10 ** meter.integerDigits * MILLI;
    const nearTop = previousMilli >= capacityMilli * 0.9;
    const nearZero = newMilli < capacityMilli * 0.1;
    if (!nearTop || !nearZero) return { outcome: 'rejected', reason: 'below_previous' };
    consumptionMilli = capacityMilli - previousMilli + newMilli;
    confirmations.push('rollover');
  }
  const recent = input.recentConsumptionsMilli.slice(-6);
  const averageMilli =
    recent.length > 0 ? Math.round(recent.reduce((a, b) => a + b, 0) / recent.length) : null;
  if (previousMilli !== null) {
    const sum = recent.reduce((a, b) => a + b, 0);
    // Compared without rounding the average: c > 3·(sum/n) ⇔ c·n > 3·sum.
    if (sum > 0 && consumptionMilli * recent.length > 3 * sum) confirmations.push('high_consumption');
    const lastTwo = recent.slice(-2);
    if (consumptionMilli === 0 && lastTwo.length === 2 && lastTwo.every((c) => c === 0))
      confirmations.push('zero_streak');
  }
  return { outcome: 'accepted', consumptionMilli, confirmations, averageMilli };
}
