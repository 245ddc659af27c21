import type { RegistryRowInput } from '../../domain/src/registry-import/index.ts';

const FLATS_PER_HOUSE = 400;
const ENTRANCES = 8;
const FLATS_PER_FLOOR = 5;

/** mulberry32: a small seeded generator, so every run imports the same file. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  'Иванов',
  'Петров',
  'Сидоров',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Соколов',
  'Михайлов',
];
const NAMES = ['Иван', 'Пётр', 'Алексей', 'Сергей', 'Дмитрий', 'Андрей', 'Мария', 'Анна', 'Елена', 'Ольга'];

/** The benchmark registry: the same rows for the same size, every run. */
export function generateRegistry(flats: number): RegistryRowInput[] {
  const random = rng(20_261_015);
  const rows: RegistryRowInput[] = [];
  for (let i = 0; i < flats; i++) {
    const house = Math.floor(i / FLATS_PER_HOUSE);
    const n = i % FLATS_PER_HOUSE;
    const perEntrance = FLATS_PER_HOUSE / ENTRANCES;
    const entrance = Math.floor(n / perEntrance) + 1;
    const floor = Math.floor((n % perEntrance) / FLATS_PER_FLOOR) + 1;
    const area = (30 + random() * 66).toFixed(2);
    const premises: RegistryRowInput = {
      house_address: `г. Энск, ул. Бенчмарковая, д. ${house + 1}`,
      entrance,
      premises_number: String(n + 1),
      premises_kind: 'flat',
      area,
      floor,
      account_number: String(1_000_000 + i),
      registered_persons: Math.floor(random() * 5),
    };
    const r = random();
    const ownerCount = r < 0.7 ? 1 : r < 0.95 ? 2 : 3;
    const owners: RegistryRowInput[] = [];
    for (let o = 0; o < ownerCount; o++) {
      const name = `${SURNAMES[Math.floor(random() * SURNAMES.length)]} ${NAMES[Math.floor(random() * NAMES.length)]} ${i}-${o}`;
      owners.push({
        owner_name: name,
        owner_share: ownerCount === 1 ? '1' : `1/${ownerCount}`,
        owner_phone: random() < 0.6 ? `+7 9${String(100_000_000 + i * 3 + o).padStart(9, '0')}` : null,
      });
    }
    const verification = () =>
      `01.${String(1 + Math.floor(random() * 12)).padStart(2, '0')}.${2027 + Math.floor(random() * 6)}`;
    const water = () => (random() * 900).toFixed(3);
    const meters: RegistryRowInput[] = [
      {
        meter_type: 'cold_water',
        meter_serial: `CW${String(i).padStart(7, '0')}`,
        meter_digits: '5+3',
        meter_verification_due: verification(),
        meter_last_value: water(),
        meter_last_value_date: '25.09.2026',
      },
      {
        meter_type: 'hot_water',
        meter_serial: `HW${String(i).padStart(7, '0')}`,
        meter_digits: '5+3',
        meter_verification_due: verification(),
        meter_last_value: water(),
        meter_last_value_date: '25.09.2026',
      },
    ];
    if (random() < 0.4) {
      meters.push({
        meter_type: 'electricity',
        meter_serial: `EL${String(i).padStart(7, '0')}`,
        meter_zones: 2,
        meter_digits: '6+1',
        meter_verification_due: verification(),
        meter_last_value: `${(random() * 20_000).toFixed(1)};${(random() * 9_000).toFixed(1)}`,
        meter_last_value_date: '25.09.2026',
      });
    }
    const lines = Math.max(owners.length, meters.length);
    for (let l = 0; l < lines; l++) rows.push({ ...premises, ...owners[l], ...meters[l] });
  }
  return rows;
}
