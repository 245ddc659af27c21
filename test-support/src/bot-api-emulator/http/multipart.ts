/**
 * Minimal multipart/form-data parser (RFC 7578) for buffered bodies. grammY writes headers as
 * `content-disposition:form-data;name="x";filename=y` (no spaces, unquoted filename), so the header
 * parsing is deliberately lenient.
 */

export interface UploadedFile {
  fieldName: string;
  fileName?: string;
  contentType?: string;
  bytes: Buffer;
}

export interface MultipartResult {
  fields: Record<string, string>;
  files: Map<string, UploadedFile>;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function dispositionParam(header: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;]*))`, 'i');
  const match = re.exec(header);
  const value = match?.[1] ?? match?.[2];
  return value?.trim();
}

export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();

  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart body has no boundary');
  while (pos >= 0) {
    let partStart = pos + delimiter.length;
    // "--" right after a delimiter marks the end of the body.
    if (body[partStart] === 0x2d && body[partStart + 1] === 0x2d) break;
    if (body.subarray(partStart, partStart + 2).equals(CRLF)) partStart += 2;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) throw new Error('multipart body is truncated');
    // The part ends with CRLF before the next delimiter.
    let partEnd = next;
    if (body.subarray(partEnd - 2, partEnd).equals(CRLF)) partEnd -= 2;
    const part = body.subarray(partStart, partEnd);
    const headerEnd = part.indexOf(HEADER_END);
    const headerText = (headerEnd >= 0 ? part.subarray(0, headerEnd) : part).toString('utf8');
    const content = headerEnd >= 0 ? part.subarray(headerEnd + HEADER_END.length) : Buffer.alloc(0);

    let disposition = '';
    let contentType: string | undefined;
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'content-disposition') disposition = value;
      else if (key === 'content-type') contentType = value;
    }
    const name = dispositionParam(disposition, 'name');
    if (name !== undefined) {
      const fileName = dispositionParam(disposition, 'filename');
      if (fileName !== undefined) {
        files.set(name, { fieldName: name, fileName, contentType, bytes: Buffer.from(content) });
      } else {
        fields[name] = content.toString('utf8');
      }
    }
    pos = next;
  }
  return { fields, files };
}
