import { FIRST_FONT_OBJECT, type FontSet } from './font-set.ts';
import { flateStream, num, pdfDate, pdfObject, textString } from './pdf-syntax.ts';

export interface PdfInfo {
  title: string;
  creator: string;
  created: Date;
}

/**
 * A PDF written front to back: header and the prepared font objects first, then a content stream and a page object
 * per page as they come, and at the end the page tree, catalog, info, cross-reference table and trailer. `take()`
 * hands over the bytes written so far, so a long document streams page by page.
 */
export class PdfDocument {
  private chunks: Buffer[] = [];
  private offset = 0;
  /** Byte offset of each object, by object number. */
  private readonly xref: number[] = [];
  private readonly pages: number[] = [];
  private nextObject: number;
  private finished = false;

  constructor(
    private readonly fonts: FontSet,
    private readonly info: PdfInfo,
    readonly size: { width: number; height: number },
  ) {
    // The binary comment line tells transfer tools the file is not text.
    this.push(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
    fonts.offsets.forEach((at, k) => {
      this.xref[FIRST_FONT_OBJECT + k] = this.offset + at;
    });
    this.push(fonts.bytes);
    this.nextObject = fonts.nextObject;
  }

  get pageCount() {
    return this.pages.length;
  }

  /** Adds a page drawn by `content` (an uncompressed content stream using /F1 and /F2). */
  addPage(content: Buffer) {
    if (this.finished) throw new Error('the PDF is already finished');
    const contents = this.nextObject++;
    const page = this.nextObject++;
    this.write(contents, flateStream(contents, content, 1));
    this.write(
      page,
      pdfObject(
        page,
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(this.size.width)} ${num(this.size.height)}] ` +
          `/Resources ${this.fonts.resources} 0 R /Contents ${contents} 0 R >>`,
      ),
    );
    this.pages.push(page);
  }

  /** The bytes written since the last call. */
  take(): Buffer {
    const out = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [];
    return out;
  }

  /** Writes the document's end; returns the remaining bytes. */
  finish(): Buffer {
    if (this.finished) throw new Error('the PDF is already finished');
    this.finished = true;
    this.write(1, pdfObject(1, '<< /Type /Catalog /Pages 2 0 R >>'));
    this.write(
      2,
      pdfObject(
        2,
        `<< /Type /Pages /Kids [${this.pages.map((p) => `${p} 0 R`).join(' ')}] /Count ${this.pages.length} >>`,
      ),
    );
    this.write(
      3,
      pdfObject(
        3,
        `<< /Title ${textString(this.info.title)} /Creator ${textString(this.info.creator)} ` +
          `/Producer (Domovoy receipt writer) /CreationDate ${pdfDate(this.info.created)} >>`,
      ),
    );
    const count = this.nextObject;
    let table = `xref\n0 ${count}\n0000000000 65535 f \n`;
    for (let id = 1; id < count; id++) table += `${String(this.xref[id] ?? 0).padStart(10, '0')} 00000 n \n`;
    const start = this.offset;
    this.push(
      Buffer.from(
        `${table}trailer\n<< /Size ${count} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${start}\n%%EOF\n`,
        'latin1',
      ),
    );
    return this.take();
  }

  private write(id: number, bytes: Buffer) {
    this.xref[id] = this.offset;
    this.push(bytes);
  }

  private push(bytes: Buffer) {
    this.chunks.push(bytes);
    this.offset += bytes.length;
  }
}
