import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const customerSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true },
    firstName: String,
    lastName: String,
    phone: String,
    shippingAddress: { line1: String, city: String, postalCode: String, country: String },
    acceptsMarketing: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export type Customer = InferSchemaType<typeof customerSchema> & { _id: mongoose.Types.ObjectId };
export const CustomerModel = mongoose.models.Customer ?? mongoose.model('Customer', customerSchema);

export function findCustomerByEmail(email: string) {
  return CustomerModel.findOne({ email }).lean<Customer>().exec();
}
