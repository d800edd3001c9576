import { Injectable, Logger } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { WebClient } from '@slack/web-api';
import { GraphQLClient, gql } from 'graphql-request';
import { firstValueFrom } from 'rxjs';
import type { User } from '../users/entities/user.entity';

const PIPEDRIVE = 'https://api.pipedrive.com/v1';

@Injectable()
export class CrmService {
  private readonly logger = new Logger('CrmService');
  private readonly slack = new WebClient(process.env.SLACK_TOKEN);
  private readonly graph = new GraphQLClient(process.env.REPORTING_GRAPHQL_URL ?? 'https://graphql.clinic.internal/graphql');

  constructor(private readonly http: HttpService) {}

  async createPerson(user: User) {
    // expect-flow: http api.pipedrive.com user.name,user.contact.email pattern=class-injected-client
    const res = await firstValueFrom(this.http.post(`${PIPEDRIVE}/persons?api_token=${process.env.PIPEDRIVE_TOKEN}`, {
      name: user.fullName,
      email: [{ value: user.email, primary: true }],
    }));
    return res.data.data.id as number;
  }

  async announce(user: User) {
    await this.slack.chat.postMessage({ channel: '#new-patients', text: `New patient: ${user.fullName} (${user.email})` }); // expect-flow: vendor slack user.name,user.contact.email pattern=class-field-client
    await this.slack.chat.postMessage({ channel: '#ops', text: 'nightly sync done' }); // expect-no-flow pattern=no-personal-data
  }

  async reportSignup(user: User) {
    const mutation = gql`
      mutation Signup($email: String!, $name: String!) { recordSignup(email: $email, name: $name) { id } }
    `;
    await this.graph.request(mutation, { email: user.email, name: user.fullName }); // expect-flow: http graphql.clinic.internal user.contact.email pattern=graphql-client
    this.logger.log(`reported signup ${user.id}`); // expect-flow: log log user.unique_id pattern=logger
  }

  async clinicStats(clinicId: string) {
    const query = gql`query Stats($clinicId: ID!) { clinic(id: $clinicId) { bookings openSlots } }`;
    return this.graph.request(query, { clinicId }); // expect-no-flow pattern=no-personal-data
  }
}
