export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
  phone?: string;
}

export interface SessionUser {
  id: string;
  email: string;
  role: 'buyer' | 'seller' | 'admin';
}

export interface CheckoutInput {
  listingId: string;
  quantity: number;
  shipping: ShippingAddress;
  giftNote?: string;
}

export interface Parcel {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  weightG: number;
}

/** Payload of the `mail.receipts` queue. */
export interface ReceiptJob {
  orderId: string;
  email: string;
  buyerName: string;
  itemTitle: string;
  totalCents: number;
}

/** Payload of the `mail.shipping` queue. */
export interface ShippingJob {
  orderId: string;
  email?: string;
  trackingNumber: string;
  carrier: string;
}

declare module 'koa' {
  interface DefaultState {
    user?: SessionUser;
    requestId: string;
  }
}
