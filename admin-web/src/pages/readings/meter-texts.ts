import type { TFunction } from 'i18next';

/** Localized names for the API's meter types, reading sources and tariff zones. */

const TYPE_KEYS: Record<string, string> = {
  COLD_WATER: 'meter_types.COLD_WATER',
  HOT_WATER: 'meter_types.HOT_WATER',
  ELECTRICITY: 'meter_types.ELECTRICITY',
  GAS: 'meter_types.GAS',
  HEAT: 'meter_types.HEAT',
};

const UNIT_KEYS: Record<string, string> = {
  COLD_WATER: 'meter_units.cubic_meters',
  HOT_WATER: 'meter_units.cubic_meters',
  GAS: 'meter_units.cubic_meters',
  ELECTRICITY: 'meter_units.kwh',
  HEAT: 'meter_units.gcal',
};

const SOURCE_KEYS: Record<string, string> = {
  RESIDENT: 'meter_readings.source.RESIDENT',
  STAFF: 'meter_readings.source.STAFF',
  IMPORT: 'meter_readings.source.IMPORT',
  OCR: 'meter_readings.source.OCR',
};

/** A type the panel does not know yet is shown by its API name rather than hidden. */
export function meterTypeName(t: TFunction, type: string): string {
  const key = TYPE_KEYS[type];
  return key ? t(key) : type;
}

export function meterUnit(t: TFunction, type: string): string | null {
  const key = UNIT_KEYS[type];
  return key ? t(key) : null;
}

export function sourceName(t: TFunction, source: string): string {
  const key = SOURCE_KEYS[source];
  return key ? t(key) : source;
}

/** "T1", "T2" (day/night tariffs). */
export function zoneLabel(t: TFunction, zone: number): string {
  return t('meter_readings.zone', { zone });
}
