import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { paymentQrMatrix } from './qr-matrix.ts';

describe('payment QR modules', () => {
  it('are the symbol the qrcode package makes (same version, mask and modules), for payloads of many sizes', () => {
    const base =
      'ST00012|Name=ООО «УК»|PersonalAcc=40702810000000000001|BankName=ПАО Банк|BIC=044525225|CorrespAcc=0';
    const versions = new Set<number>();
    const masks = new Set<number>();
    for (let n = 0; n < 60; n++) {
      const payload = `${base}|Purpose=${'Оплата ЖКУ '.repeat(n % 20)}|PersAcc=${100000 + n * 7919}`;
      const reference = QRCode.create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], {
        errorCorrectionLevel: 'M',
      });
      const ours = paymentQrMatrix(payload);
      versions.add(reference.version);
      masks.add(reference.maskPattern ?? -1);
      expect(ours.size).toBe(reference.modules.size);
      expect(Buffer.from(ours.dark).equals(Buffer.from(reference.modules.data))).toBe(true);
    }
    // The sample covers several versions and mask choices, not one lucky case.
    expect(versions.size).toBeGreaterThan(4);
    expect(masks.size).toBeGreaterThan(2);
  });
});
