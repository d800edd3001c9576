import { Body, Controller, Logger, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { UsersService } from './users.service';
import { AnalyticsService } from '../analytics/analytics.service';
import { CreateUserDto, BookAppointmentDto } from './dto/create-user.dto';

@Controller('users')
export class UsersController {
  private readonly logger = new Logger(UsersController.name);

  constructor(private readonly usersService: UsersService, private readonly analytics: AnalyticsService) {}

  @Post()
  async create(@Body() dto: CreateUserDto, @Req() req: Request) {
    this.logger.log(`signup from ${req.ip} for ${dto.email}`); // expect-flow: log log user.contact.email,user.device.ip_address pattern=typed-parameter
    this.analytics.trackAnonymous('Signup Attempt', { fullName: dto.fullName }); // expect-flow: vendor segment user.name pattern=typed-parameter
    // expect-flow: vendor segment user.contact.email pattern=class-injected-client
    // expect-flow: log log user.contact.email pattern=class-injected-client
    return this.usersService.register(dto);
  }

  @Post(':id/appointments')
  book(@Param('id') id: string, @Body() dto: BookAppointmentDto) {
    this.logger.log(`booking request for clinic ${dto.clinicId}`); // expect-no-flow pattern=no-personal-data
    return this.usersService.book(id, dto); // expect-flow: vendor segment user.unique_id pattern=class-injected-client
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: Partial<CreateUserDto>) {
    return this.usersService.updateProfile(id, body); // expect-flow: vendor segment user.contact.email pattern=spread-assign
  }
}
