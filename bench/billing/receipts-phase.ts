import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  type DomainDeps,
  houseReceiptPieces,
  loadReceipts,
  type ReceiptData,
  receiptFontName,
  renderReceiptPdf,
} from '@domovoy/domain';

/** Issue #8: separate receipt PDFs at 100 a second or more on one core. */
export const RECEIPTS_TARGET_PER_SECOND = 100;

export interface ReceiptsFigures {
  receipts: number;
  pages: number;
  loadMs: number;
  /** Separate PDFs in a ZIP (the panel's "ZIP" download). */
  zip: { ms: number; cpuMs: number; bytes: number };
  /** One PDF with every receipt (the panel's "PDF" download). */
  pdf: { ms: number; cpuMs: number; bytes: number };
  font: string;
}

interface Timed {
  ms: number;
  cpuMs: number;
  bytes: number;
  chunks: Buffer[];
}

/** Drains a receipts file as the HTTP response would (keeping the bytes if asked); wall and CPU time of this process. */
async function drain(pieces: AsyncGenerator<Buffer>, keep = false): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const piece of pieces) {
    if (keep) chunks.push(piece);
    bytes += piece.length;
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, bytes, chunks };
}

const figures = ({ ms, cpuMs, bytes }: Timed) => ({ ms, cpuMs, bytes });

/**
 * Loads the receipts of the first `count` accounts of the house (the same set-based `loadReceipts` the panel's
 * bulk download uses, limited to those accounts), warms up (fonts prepared, code compiled), then produces both
 * files through `houseReceiptPieces`, the generator `generateHouseReceipts` streams.
 */
export async function measureReceipts(
  deps: DomainDeps,
  scope: { houseId: string; period: Date },
  count: number,
  /** Where to write the first receipt as a PDF, to look at. */
  samplePath?: string,
): Promise<ReceiptsFigures> {
  const prisma = deps.db.prisma;
  const accounts = await prisma.personalAccount.findMany({
    where: { premises: { houseId: scope.houseId } },
    orderBy: { number: 'asc' },
    take: count,
    select: { id: true },
  });
  const loadStarted = performance.now();
  const receipts: ReceiptData[] = await loadReceipts(prisma, {
    houseId: scope.houseId,
    period: scope.period,
    accountIds: accounts.map((a) => a.id),
  });
  const loadMs = performance.now() - loadStarted;
  const month = scope.period.toISOString().slice(0, 7);
  const render = { language: 'ru' as const };
  const first = receipts[0];
  if (samplePath && first) writeFileSync(samplePath, await renderReceiptPdf(first, render));
  const warmUp = receipts.slice(0, Math.min(50, receipts.length));
  await drain(houseReceiptPieces(warmUp, { format: 'zip', month, render }));
  await drain(houseReceiptPieces(warmUp, { format: 'pdf', month, render }));

  const zip = await drain(houseReceiptPieces(receipts, { format: 'zip', month, render }));
  const pdf = await drain(houseReceiptPieces(receipts, { format: 'pdf', month, render }), true);
  const pages =
    Buffer.concat(pdf.chunks)
      .toString('latin1')
      .match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
  return {
    receipts: receipts.length,
    pages,
    loadMs,
    zip: figures(zip),
    pdf: figures(pdf),
    font: receiptFontName(render),
  };
}
