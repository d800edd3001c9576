import {
  DataTypes,
  Model,
  Sequelize,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';
import type { ShippingAddress } from '../types.js';

export const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'postgres://makers:makers@localhost:5432/makers', {
  dialect: 'postgres',
  logging: false,
  define: { underscored: true },
});

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<string>;
  declare email: string;
  declare passwordHash: string;
  declare fullName: string | null;
  declare phone: CreationOptional<string | null>;
  declare role: 'buyer' | 'seller' | 'admin';
  declare shopName: CreationOptional<string | null>;
  declare shipFrom: CreationOptional<ShippingAddress | null>;
  declare stripeAccountId: CreationOptional<string | null>;
  declare marketingOptIn: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
}

User.init(
  {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    email: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { isEmail: true } },
    passwordHash: { type: DataTypes.STRING, allowNull: false },
    fullName: DataTypes.STRING,
    phone: DataTypes.STRING(32),
    role: { type: DataTypes.ENUM('buyer', 'seller', 'admin'), allowNull: false, defaultValue: 'buyer' },
    shopName: DataTypes.STRING,
    shipFrom: DataTypes.JSONB,
    stripeAccountId: DataTypes.STRING,
    marketingOptIn: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: 'users' },
);

export class Listing extends Model<InferAttributes<Listing>, InferCreationAttributes<Listing>> {
  declare id: CreationOptional<string>;
  declare sellerId: ForeignKey<User['id']>;
  declare title: string;
  declare description: string;
  declare priceCents: number;
  declare category: string;
  declare tags: CreationOptional<string[]>;
  declare seller?: NonAttribute<User>;
}

Listing.init(
  {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    title: { type: DataTypes.STRING(140), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: false },
    priceCents: { type: DataTypes.INTEGER, allowNull: false },
    category: { type: DataTypes.STRING, allowNull: false },
    tags: { type: DataTypes.ARRAY(DataTypes.STRING), defaultValue: [] },
  },
  { sequelize, tableName: 'listings' },
);

export class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
  declare id: CreationOptional<string>;
  declare buyerId: ForeignKey<User['id']>;
  declare listingId: ForeignKey<Listing['id']>;
  declare quantity: number;
  declare amountCents: number;
  declare currency: string;
  declare status: 'pending' | 'paid' | 'shipped' | 'refunded';
  declare shippingAddress: ShippingAddress;
  declare paymentIntentId: CreationOptional<string | null>;
  declare trackingNumber: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare buyer?: NonAttribute<User>;
  declare listing?: NonAttribute<Listing>;
}

Order.init(
  {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    quantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    amountCents: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false, defaultValue: 'eur' },
    status: { type: DataTypes.ENUM('pending', 'paid', 'shipped', 'refunded'), allowNull: false },
    shippingAddress: { type: DataTypes.JSONB, allowNull: false },
    paymentIntentId: DataTypes.STRING,
    trackingNumber: DataTypes.STRING,
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, tableName: 'orders' },
);

User.hasMany(Listing, { foreignKey: 'sellerId', as: 'listings' });
Listing.belongsTo(User, { foreignKey: 'sellerId', as: 'seller' });
Order.belongsTo(User, { foreignKey: 'buyerId', as: 'buyer' });
Order.belongsTo(Listing, { foreignKey: 'listingId', as: 'listing' });
