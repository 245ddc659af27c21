import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3: local headers, central directory, end record; no ZIP64, no encryption)
 * so a house's receipts can be downloaded as one archive without a ZIP dependency. Each entry is written as soon as
 * it is added, already whole in memory, so its CRC and sizes go in the local header and no data descriptor is needed;
 * the caller streams the returned pieces. Names are UTF-8 (flag bit 11), which `unzip` and Windows Explorer read.
 */
export type ZipMethod = 'store' | 'deflate';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: deflate
/**
 * "Made by" Unix: unzip translates names from a DOS-made archive through the OEM code page even when the UTF-8 flag
 * is set, which garbles Cyrillic; with Unix the external attributes carry a file mode too.
 */
const MADE_BY_UNIX = (3 << 8) | VERSION;
const FILE_MODE = 0o100644; // regular file, rw-r--r--
const UTF8_NAMES = 0x0800;
const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

interface CentralEntry {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private readonly entries: CentralEntry[] = [];
  private offset = 0;
  private finished = false;
  private readonly time: number;
  private readonly date: number;

  /** `modified` is stamped on every entry (ZIP keeps wall-clock time without a zone: its UTC fields are used). */
  constructor(private readonly options: { method?: ZipMethod; modified?: Date } = {}) {
    const d = options.modified ?? new Date();
    this.time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
    this.date = (Math.max(d.getUTCFullYear() - 1980, 0) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  }

  /** Adds a file; returns the bytes to write next (local header + data). Deflate falls back to store if larger. */
  add(name: string, data: Buffer, method: ZipMethod = this.options.method ?? 'deflate'): Buffer {
    if (this.finished) throw new Error('the ZIP archive is already finished');
    if (this.entries.length >= MAX_ENTRIES) throw new Error('too many ZIP entries (ZIP64 is not supported)');
    const nameBytes = Buffer.from(name.replace(/\\/g, '/'), 'utf8');
    if (nameBytes.length === 0 || nameBytes.length > 0xffff) throw new Error(`bad ZIP entry name: ${name}`);
    const deflated = method === 'deflate' ? deflateRawSync(data) : null;
    const stored = !deflated || deflated.length >= data.length;
    const body = stored ? data : deflated;
    const entry: CentralEntry = {
      name: nameBytes,
      method: stored ? 0 : 8,
      crc: crc32(data),
      compressedSize: body.length,
      size: data.length,
      offset: this.offset,
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(UTF8_NAMES, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    const piece = Buffer.concat([header, nameBytes, body]);
    if (this.offset + piece.length > MAX_OFFSET)
      throw new Error('ZIP archive over 4 GiB (ZIP64 is not supported)');
    this.offset += piece.length;
    this.entries.push(entry);
    return piece;
  }

  /** The central directory and the end record: the last bytes of the archive. */
  finish(): Buffer {
    if (this.finished) throw new Error('the ZIP archive is already finished');
    this.finished = true;
    const central = this.entries.map((e) => {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_HEADER, 0);
      header.writeUInt16LE(MADE_BY_UNIX, 4);
      header.writeUInt16LE(VERSION, 6);
      header.writeUInt16LE(UTF8_NAMES, 8);
      header.writeUInt16LE(e.method, 10);
      header.writeUInt16LE(this.time, 12);
      header.writeUInt16LE(this.date, 14);
      header.writeUInt32LE(e.crc, 16);
      header.writeUInt32LE(e.compressedSize, 20);
      header.writeUInt32LE(e.size, 24);
      header.writeUInt16LE(e.name.length, 28);
      // extra field, comment, disk number and internal attributes: all zero
      header.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
      header.writeUInt32LE(e.offset, 42);
      return Buffer.concat([header, e.name]);
    });
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    return Buffer.concat([directory, end]);
  }
}
