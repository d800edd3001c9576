import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { HttpModule } from '@nestjs/axios';
import { User } from './users/entities/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { AnalyticsService } from './analytics/analytics.service';
import { MailService } from './mail/mail.service';
import { CrmService } from './crm/crm.service';
import { AuditLogger } from './audit/audit.service';
import { BookingConsumer, BookingListener } from './events/booking.events';

@Module({
  imports: [TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL, entities: [User] }), TypeOrmModule.forFeature([User]), EventEmitterModule.forRoot(), HttpModule],
  controllers: [UsersController, BookingConsumer],
  providers: [UsersService, AnalyticsService, MailService, CrmService, AuditLogger, BookingListener],
})
export class AppModule {}
