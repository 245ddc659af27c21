import { describe, expect, it } from 'vitest';
import { assertAttachmentContent } from './attachment-content.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
const EXE = bytes('MZ', [0x90, 0, 3, 0]);
const HTML = bytes('<html><script>alert(1)</script></html>');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const accepted = (mimeType: string, content: Uint8Array) => {
  try {
    assertAttachmentContent(mimeType, content);
    return true;
  } catch (error) {
    expect(error).toMatchObject({ code: 'VALIDATION', details: { what: 'attachment_type', mimeType } });
    return false;
  }
};

describe('attachment content against its declared type', () => {
  it('takes what real programs send under these types', () => {
    // Windows labels a CSV as Excel; an RTF or a 1C HTML export as Word or Excel.
    expect(accepted('application/vnd.ms-excel', bytes('Лицевой счёт;Сумма\r\n1001;250,00\r\n'))).toBe(true);
    expect(accepted('application/msword', bytes('{\\rtf1\\ansi Акт}'))).toBe(true);
    expect(accepted('application/vnd.ms-excel', OLE)).toBe(true);
    // A password-protected xlsx is a compound file, not a ZIP.
    expect(accepted(XLSX, OLE)).toBe(true);
    expect(accepted(XLSX, ZIP)).toBe(true);
    // A PNG saved under a .jpg name.
    expect(accepted('image/jpeg', PNG)).toBe(true);
    // Bytes before the PDF header, as some scanners write them.
    expect(accepted('application/pdf', bytes(' '.repeat(200), '%PDF-1.7\n'))).toBe(true);
    // An MP4 whose first box is not ftyp.
    expect(accepted('video/mp4', bytes([0, 0, 0, 8], 'moov', [0, 0, 0, 0]))).toBe(true);
    expect(accepted('text/csv', bytes([0xef, 0xbb, 0xbf], 'a;b\n'))).toBe(true);
  });

  it('refuses HTML, programs and other formats under a document or media type', () => {
    expect(accepted('application/pdf', HTML)).toBe(false);
    expect(accepted('application/pdf', bytes(' '.repeat(2000), '%PDF-1.7'))).toBe(false);
    expect(accepted(DOCX, EXE)).toBe(false);
    expect(accepted(DOCX, HTML)).toBe(false);
    expect(accepted('image/png', HTML)).toBe(false);
    expect(accepted('image/jpeg', bytes('%PDF-1.4'))).toBe(false);
    expect(accepted('video/mp4', HTML)).toBe(false);
    expect(accepted('text/plain', EXE)).toBe(false);
    expect(accepted('application/x-unknown', PNG)).toBe(false);
  });
});
