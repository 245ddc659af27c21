import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_RATES, PENALTY_RULES } from '../src/billing/legal-data.ts';
import { syncLegalData } from '../src/billing/sync-legal-data.ts';

describe.each(DATABASE_BACKENDS)('legal reference data on start-up [%s]', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(backend);
  });
  afterAll(() => db?.destroy());

  it('adds every shipped key rate and penalty rule once, and never overwrites an operator’s row', async () => {
    await db.sql.exec('DELETE FROM key_rates; DELETE FROM penalty_rules;');
    // An operator corrected the rate of the first shipped date before the sync ran.
    const first = KEY_RATES[0]!;
    await db.prisma.keyRate.create({
      data: {
        validFrom: new Date(`${first.validFrom}T00:00:00Z`),
        rateBp: first.rateBp + 25,
        source: 'operator',
      },
    });
    expect(await syncLegalData(db)).toEqual({
      keyRates: KEY_RATES.length - 1,
      penaltyRules: PENALTY_RULES.length,
    });
    expect(await syncLegalData(db)).toEqual({ keyRates: 0, penaltyRules: 0 });
    expect(await db.prisma.keyRate.count()).toBe(KEY_RATES.length);
    const kept = await db.prisma.keyRate.findUniqueOrThrow({
      where: { validFrom: new Date(`${first.validFrom}T00:00:00Z`) },
    });
    expect(kept).toMatchObject({ rateBp: first.rateBp + 25, source: 'operator' });
    const cap = await db.prisma.penaltyRule.findFirstOrThrow({ where: { kind: 'RATE_CAP' } });
    expect(cap.value).toBe(950);
  });
});
