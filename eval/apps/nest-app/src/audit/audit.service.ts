import { ConsoleLogger, Injectable, Scope } from '@nestjs/common';

@Injectable({ scope: Scope.TRANSIENT })
export class AuditLogger extends ConsoleLogger {
  record(action: string, actor: { id: string; email: string }, details: object = {}) {
    this.log(JSON.stringify({ action, actor, ...details })); // expect-flow: log log user.contact.email pattern=json-stringify
  }
}
