import {
  checkZoneValue,
  type FlatMeters,
  getMeterHistory,
  isAppError,
  listResidentFlats,
  loadFlatMeters,
  type MeterSnapshot,
  type MeterState,
  milliToString,
  requestMeterVerification,
  snapshotMeter,
  submitReadings,
  type ZoneCheck,
} from '@domovoy/domain';
import { menuSectionData } from '../callback-data/menu.ts';
import { readingActionData } from '../callback-data/readings.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { formatDate, formatDay, formatPeriod } from '../formatting.ts';
import { replyWithAppError } from '../handlers/app-error-reply.ts';
import { backToMenuKeyboard } from '../keyboards/main-menu.ts';
import { metersKeyboard, readingSummaryKeyboard } from '../keyboards/readings.ts';
import { METER_ICONS, meterTypeName, zoneName } from '../meter-names.ts';

/** Meter readings: the flat's meters, zone-by-zone entry with the domain's validation, summary, history. */
export const readingsFeature = new Composer<Context>();
const chats = readingsFeature.chatType('private');

const telegramId = (ctx: Context) => BigInt(ctx.from!.id);

/**
 * The flat the resident works with and its meters (one meter when `meterId` is given). The remembered flat is read
 * directly; the list of flats only when none is remembered or the link is gone.
 */
async function currentFlatMeters(ctx: Context, meterId?: string): Promise<FlatMeters | undefined> {
  const telegramUserId = telegramId(ctx);
  const remembered = ctx.session.currentAccountId;
  if (remembered) {
    try {
      return await loadFlatMeters(ctx.deps, { telegramUserId, accountId: remembered, meterId });
    } catch (error) {
      if (!isAppError(error, 'FORBIDDEN')) throw error;
    }
  }
  const flat = (await listResidentFlats(ctx.deps, telegramUserId))[0];
  ctx.session.currentAccountId = flat?.accountId;
  return flat && loadFlatMeters(ctx.deps, { telegramUserId, accountId: flat.accountId, meterId });
}

function meterLines(ctx: Context, flat: FlatMeters) {
  return flat.meters.map((m) => {
    const names = { type: meterTypeName(ctx.t, m.type), serial: m.serial };
    if (m.block === 'retired') return ctx.t('readings.blocked_retired', names);
    if (m.block === 'verification_overdue') {
      return ctx.t('readings.blocked_overdue', { ...names, date: formatDate(m.verificationDueAt) });
    }
    const submitted = m.zoneStates.every((z) => z.currentMilli !== null);
    const shown = m.zoneStates.map((z) => z.currentMilli ?? z.previousMilli);
    const value = shown.every((v) => v === null)
      ? ctx.t('readings.no_value')
      : submitted
        ? shown.map((v) => milliToString(v ?? 0)).join(' / ')
        : ctx.t('readings.value_with_date', {
            value: shown.map((v) => (v === null ? '—' : milliToString(v))).join(' / '),
            date: m.zoneStates[0]?.previousPeriod
              ? formatPeriod(m.zoneStates[0].previousPeriod, ctx.language)
              : '—',
          });
    return ctx.t(submitted ? 'readings.meter_line_submitted' : 'readings.meter_line', {
      icon: METER_ICONS[m.type],
      ...names,
      value,
    });
  });
}

async function showMeters(ctx: Context, edit: boolean) {
  const meters = await currentFlatMeters(ctx);
  if (!meters) {
    await ctx.reply(ctx.t('readings.no_flats'), { reply_markup: backToMenuKeyboard(ctx.t) });
    return;
  }
  const window = meters.window.open
    ? ctx.t('readings.window_open', {
        date: formatDay(new Date(meters.window.closesAt.getTime() - 1), ctx.language, meters.timezone),
      })
    : ctx.t('readings.window_closed', {
        date: formatDay(meters.window.opensAt, ctx.language, meters.timezone),
      });
  const body = meters.meters.length === 0 ? ctx.t('readings.no_meters') : meterLines(ctx, meters).join('\n');
  const text = `${ctx.t('readings.title', { address: meters.address, number: meters.premisesNumber })}\n${window}\n\n${body}`;
  const reply_markup = metersKeyboard(ctx.t, meters);
  if (edit) await ctx.editMessageText(text, { reply_markup });
  else await ctx.reply(text, { reply_markup });
}

async function askZone(ctx: Context, meter: MeterSnapshot, zone: number) {
  const state = meter.zoneStates[zone - 1];
  const zoneLabel =
    meter.zones > 1 ? ctx.t('readings.zone_suffix', { zone: zoneName(ctx.t, meter.zones, zone) }) : '';
  const names = { type: meterTypeName(ctx.t, meter.type), serial: meter.serial, zone: zoneLabel };
  await ctx.reply(
    state?.previousMilli == null
      ? ctx.t('readings.ask_value_first', names)
      : ctx.t('readings.ask_value', { ...names, previous: milliToString(state.previousMilli) }),
  );
}

function zoneError(
  ctx: Context,
  meter: MeterSnapshot,
  check: Extract<ZoneCheck, { ok: false }>,
  raw: string,
) {
  switch (check.reason) {
    case 'not_a_number':
      return ctx.t('readings.not_a_number');
    case 'too_many_digits':
      return ctx.t('readings.too_many_digits', { digits: meter.integerDigits });
    case 'too_many_decimals':
      return ctx.t('readings.too_many_decimals', { digits: Math.min(meter.fractionDigits, 3) });
    case 'below_previous':
      return ctx.t('readings.below_previous', {
        value: raw.trim(),
        previous: milliToString(meter.zoneStates[check.zone - 1]?.previousMilli ?? 0),
      });
  }
}

/** The checked values of a complete entry, and what the resident is asked to confirm in the summary. */
function checkedEntry(meter: MeterSnapshot, values: string[]) {
  const checks = values.map((raw, i) => checkZoneValue(meter, i + 1, raw)).filter((c) => c.ok);
  return { checks, confirmations: [...new Set(checks.flatMap((c) => c.confirmations))] };
}

async function showSummary(ctx: Context, meter: MeterSnapshot, values: string[]) {
  const { checks, confirmations } = checkedEntry(meter, values);
  const lines = checks.map((c) =>
    ctx.t('readings.summary_line', {
      zone: meter.zones > 1 ? `${zoneName(ctx.t, meter.zones, c.zone)}: ` : '',
      value: milliToString(c.milli),
      consumption: milliToString(c.consumptionMilli),
    }),
  );
  const warnings = confirmations.map((w) =>
    w === 'rollover'
      ? ctx.t('readings.warn_rollover')
      : w === 'high_consumption'
        ? ctx.t('readings.warn_high', {
            average: milliToString(checks.find((c) => c.averageMilli !== null)?.averageMilli ?? 0),
          })
        : ctx.t('readings.warn_zero'),
  );
  const text = [ctx.t('readings.summary', { lines: lines.join('\n') }), ...warnings].join('\n\n');
  await ctx.reply(text, { reply_markup: readingSummaryKeyboard(ctx.t) });
}

/** A typed value for the zone being entered; exported for the photo flow, which suggests a value the same way. */
export async function acceptZoneValue(ctx: Context, raw: string) {
  const flow = ctx.session.readingFlow;
  if (!flow) return;
  if (!flow.meter) {
    ctx.session.readingFlow = undefined;
    return void (await ctx.reply(ctx.t('readings.flow_expired')));
  }
  const meter = flow.meter;
  const zone = flow.values.length + 1;
  const check = checkZoneValue(meter, zone, raw);
  if (!check.ok) {
    await ctx.reply(zoneError(ctx, meter, check, raw));
    return;
  }
  flow.values.push(raw.trim());
  if (flow.values.length < meter.zones) await askZone(ctx, meter, flow.values.length + 1);
  else await showSummary(ctx, meter, flow.values);
}

chats.callbackQuery(menuSectionData.filter, async (ctx, next) => {
  if (menuSectionData.unpack(ctx.callbackQuery.data).section !== 'readings') return next();
  await ctx.answerCallbackQuery();
  await showMeters(ctx, true);
});

chats.command('readings', (ctx) => showMeters(ctx, false));

chats.callbackQuery(readingActionData.filter, async (ctx) => {
  const { action, meterId } = readingActionData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  try {
    if (action === 'enter' || action === 'history' || action === 'book') {
      const flat = await currentFlatMeters(ctx, meterId);
      if (!flat) return void (await ctx.reply(ctx.t('readings.no_flats')));
      if (action === 'history') return void (await showHistory(ctx, flat.accountId, meterId));
      const meter = flat.meters[0];
      if (!meter) return void (await ctx.reply(ctx.t('errors.button_outdated')));
      if (action === 'book') {
        const names = { type: meterTypeName(ctx.t, meter.type), serial: meter.serial };
        const result = await requestMeterVerification(ctx.deps, {
          telegramUserId: telegramId(ctx),
          accountId: flat.accountId,
          meterId,
          description: ctx.t('readings.verification_description', names),
        });
        return void (await ctx.reply(
          ctx.t(result.created ? 'readings.verification_booked' : 'readings.verification_already', {
            number: result.ticketNumber,
          }),
        ));
      }
      const snapshot = snapshotMeter(meter);
      ctx.session.readingFlow = { accountId: flat.accountId, meterId, values: [], meter: snapshot };
      return void (await askZone(ctx, snapshot, 1));
    }
    const flow = ctx.session.readingFlow;
    if (action === 'cancel') {
      ctx.session.readingFlow = undefined;
      return void (await ctx.editMessageText(ctx.t('readings.cancelled')));
    }
    // A flow from before the session kept its meter (an older version of the bot) starts over.
    if (!flow?.meter) return void (await ctx.reply(ctx.t('readings.flow_expired')));
    if (action === 'edit') {
      flow.values = [];
      return void (await askZone(ctx, flow.meter, 1));
    }
    if (action === 'ok') {
      // What the summary showed is what the resident confirmed; submitReadings checks it all again against the
      // database, so a meter changed by staff meanwhile cannot slip through.
      const { confirmations: confirmed } = checkedEntry(flow.meter, flow.values);
      const result = await submitReadings(ctx.deps, {
        telegramUserId: telegramId(ctx),
        accountId: flow.accountId,
        meterId: flow.meterId,
        values: flow.values,
        confirmed,
        ...(flow.photoFileId ? { photoFileId: flow.photoFileId, source: 'OCR' as const } : {}),
      });
      if (result.status !== 'saved') return void (await ctx.reply(ctx.t('readings.flow_expired')));
      ctx.session.readingFlow = undefined;
      await ctx.editMessageText(
        ctx.t(result.edited ? 'readings.saved_edited' : 'readings.saved', {
          values: result.values.join(' / '),
        }),
      );
    }
  } catch (error) {
    ctx.session.readingFlow = undefined;
    await replyWithAppError(ctx, error);
  }
});

async function showHistory(ctx: Context, accountId: string, meterId: string) {
  const history = await getMeterHistory(ctx.deps, { telegramUserId: telegramId(ctx), accountId, meterId });
  const lines = history.rows.map((row) =>
    ctx.t('readings.history_line', {
      period: formatPeriod(row.period, ctx.language),
      values: row.values.join(' / '),
      consumption: row.consumption.every((c) => c === null)
        ? ''
        : ctx.t('readings.history_consumption', { value: row.consumption.map((c) => c ?? '—').join(' / ') }),
    }),
  );
  const title = ctx.t('readings.history_title', {
    type: meterTypeName(ctx.t, history.type as MeterState['type']),
    serial: history.serial,
  });
  await ctx.reply(`${title}\n\n${lines.join('\n') || ctx.t('readings.history_empty')}`);
}

chats.on('message:text', async (ctx, next) => {
  if (!ctx.session.readingFlow || ctx.message.text.startsWith('/')) return next();
  try {
    await acceptZoneValue(ctx, ctx.message.text);
  } catch (error) {
    ctx.session.readingFlow = undefined;
    await replyWithAppError(ctx, error);
  }
});
