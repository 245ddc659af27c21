/**
 * Typed callback data: `prefix:value1:value2`. Telegram allows 64 bytes, so values are short codes or ids.
 * `filter` is a RegExp for `bot.callbackQuery(...)`; `unpack` parses `ctx.callbackQuery.data` back.
 */
export function defineCallbackData<const Fields extends readonly string[]>(prefix: string, fields: Fields) {
  type Data = { [K in Fields[number]]: string };
  return {
    filter: new RegExp(`^${prefix}:${fields.map(() => '([^:]*)').join(':')}$`),
    pack(data: Data): string {
      const packed = [prefix, ...fields.map((f) => data[f as Fields[number]])].join(':');
      if (Buffer.byteLength(packed) > 64) throw new Error(`callback data too long: ${prefix}`);
      return packed;
    },
    unpack(raw: string): Data {
      const parts = raw.split(':');
      if (parts[0] !== prefix || parts.length !== fields.length + 1)
        throw new Error(`not ${prefix} callback data`);
      return Object.fromEntries(fields.map((f, i) => [f, parts[i + 1] ?? ''])) as Data;
    },
  };
}
