import type { MeterState } from '@domovoy/domain';
import type { TFunction } from 'i18next';

const TYPE_KEYS: Record<MeterState['type'], string> = {
  COLD_WATER: 'readings.type_cold_water',
  HOT_WATER: 'readings.type_hot_water',
  ELECTRICITY: 'readings.type_electricity',
  GAS: 'readings.type_gas',
  HEAT: 'readings.type_heat',
};

export const METER_ICONS: Record<MeterState['type'], string> = {
  COLD_WATER: '💧',
  HOT_WATER: '♨️',
  ELECTRICITY: '⚡️',
  GAS: '🔥',
  HEAT: '🌡',
};

export const meterTypeName = (t: TFunction<'bot'>, type: MeterState['type']) => t(TYPE_KEYS[type]);

/** Two zones: day/night; three: peak/half-peak/night (the usual Russian electricity tariffs). */
export function zoneName(t: TFunction<'bot'>, zones: number, zone: number): string {
  if (zones === 2) return t(zone === 1 ? 'readings.zone_day' : 'readings.zone_night');
  if (zones === 3)
    return t(
      zone === 1 ? 'readings.zone_peak' : zone === 2 ? 'readings.zone_half_peak' : 'readings.zone_night',
    );
  return '';
}
