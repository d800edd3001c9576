import mongoose, { Schema } from 'mongoose';

const orderSchema = new Schema({
  customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
  items: [{ sku: String, qty: Number, priceCents: Number }],
  totalCents: Number,
  status: { type: String, enum: ['pending', 'paid', 'shipped'], default: 'pending' },
});

export const OrderModel = mongoose.models.Order ?? mongoose.model('Order', orderSchema);
