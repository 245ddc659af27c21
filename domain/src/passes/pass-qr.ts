import { qrPng } from '../residents/staff/qr-png.ts';

/**
 * The pass QR as a PNG for the resident's chat: the check page's address, level M, 8 px modules with the standard
 * 4-module quiet zone so a guard's phone camera reads it off a screen.
 */
export function passQrPng(url: string): Buffer {
  return qrPng(url, { scale: 8, quiet: 4 });
}
