import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from './multipart.ts';
import { parseRequestParams } from './request-body.ts';

describe('multipart/form-data parsing', () => {
  it('reads grammY-style parts (unquoted filename, no spaces) with binary content', () => {
    const boundary = '----------abc123';
    const binary = Buffer.from([0, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42`),
      Buffer.from(`\r\n--${boundary}\r\ncontent-disposition:form-data;name="photo"\r\n\r\nattach://xyz`),
      Buffer.from(
        `\r\n--${boundary}\r\ncontent-disposition:form-data;name="xyz";filename=pic.jpg\r\ncontent-type:application/octet-stream\r\n\r\n`,
      ),
      binary,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const parsed = parseMultipart(body, boundary);
    expect(parsed.fields).toEqual({ chat_id: '42', photo: 'attach://xyz' });
    expect(parsed.files.get('xyz')).toMatchObject({ fileName: 'pic.jpg', bytes: binary });
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
  });

  it('merges query-string and body parameters', () => {
    const parsed = parseRequestParams(
      { chat_id: '1', text: 'query' },
      'application/json',
      Buffer.from('{"text":"body"}'),
    );
    expect(parsed.params).toEqual({ chat_id: '1', text: 'body' });
  });
});
