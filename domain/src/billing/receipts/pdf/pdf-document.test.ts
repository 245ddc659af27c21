import { describe, expect, it } from 'vitest';
import { receiptFontSet } from './font-set.ts';
import { PageContent } from './page-content.ts';
import { PdfDocument } from './pdf-document.ts';

const A4 = { width: 595.28, height: 841.89 };

function build(pages: number): Buffer {
  const doc = new PdfDocument(
    receiptFontSet(null),
    { title: 'Квитанции', creator: 'test', created: new Date('2026-11-01T00:00:00Z') },
    A4,
  );
  const parts: Buffer[] = [];
  for (let p = 0; p < pages; p++) {
    const page = new PageContent(A4.height);
    page.strokeRect(10, 10, 100, 50);
    doc.addPage(page.bytes());
    parts.push(doc.take());
  }
  parts.push(doc.finish());
  return Buffer.concat(parts);
}

describe('receipt PDF document', () => {
  it('writes a cross-reference table whose every entry points at its object', () => {
    const pdf = build(3);
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
    expect(Number(first)).toBe(0);
    const entries = text
      .slice(startxref)
      .split('\n')
      .slice(3, 2 + Number(count));
    expect(entries.length).toBe(Number(count) - 1);
    entries.forEach((entry, k) => {
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${k + 1} 0 obj`.length)).toBe(`${k + 1} 0 obj`);
    });
    expect(text).toContain('/Count 3');
    expect(text).toMatch(/trailer\n<< \/Size \d+ \/Root 1 0 R \/Info 3 0 R >>/);
  });

  it('hands out the bytes as they are written and refuses pages after the end', () => {
    const doc = new PdfDocument(receiptFontSet(null), { title: 't', creator: 't', created: new Date() }, A4);
    const head = doc.take();
    expect(head.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(doc.take().length).toBe(0);
    doc.addPage(new PageContent(A4.height).bytes());
    expect(doc.take().toString('latin1')).toContain('/Type /Page ');
    expect(doc.finish().toString('latin1')).toContain('%%EOF');
    expect(() => doc.addPage(Buffer.alloc(0))).toThrow('already finished');
  });
});
