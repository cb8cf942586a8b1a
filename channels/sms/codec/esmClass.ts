/**
 * The message-type bits (5..2) of a deliver_sm's esm_class, SMPP 3.4 §5.2.12. Anything but
 * 'default' is the network talking about a message we sent, never a citizen writing to us.
 */

export type DeliverSmType =
  | 'default'
  | 'smsc-delivery-receipt'
  | 'sme-delivery-ack'
  | 'sme-manual-ack'
  | 'conversation-abort'
  | 'intermediate-notification'
  | 'reserved';

const TYPES: Readonly<Record<number, DeliverSmType>> = {
  0x00: 'default',
  0x04: 'smsc-delivery-receipt',
  0x08: 'sme-delivery-ack',
  0x10: 'sme-manual-ack',
  0x18: 'conversation-abort',
  0x20: 'intermediate-notification',
};

export function deliverSmType(esmClass: number): DeliverSmType {
  return TYPES[esmClass & 0x3c] ?? 'reserved';
}

/** True for an SMSC delivery receipt or an intermediate notification: both carry a message state. */
export function isDeliveryReceipt(esmClass: number): boolean {
  const type = deliverSmType(esmClass);
  return type === 'smsc-delivery-receipt' || type === 'intermediate-notification';
}
