import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { signToken, type Role } from '../../../../libs/auth/src/index.js';
import { Public } from '../auth/access.decorators.js';
import { JWT_SECRET } from '../auth/auth.guard.js';

export const DEMO_ENABLED = Symbol('DEMO_ENABLED');

/** The actors `cli seed` creates, as the embedded default's sign-in page offers them. */
export const DEMO_ACTORS: { label: string; role: Role; org: string; sub: string }[] = [
  { label: 'Fournisseur (SUP-DEMO)', role: 'supplier', org: 'SUP-DEMO', sub: 'qp@sup-demo' },
  { label: 'Exploitant (EXP-DEMO)', role: 'exploitant', org: 'EXP-DEMO', sub: 'logistique@exp-demo' },
  { label: 'Pharmacie du Centre (pharmacienne formée)', role: 'pharmacist', org: 'PH-CENTRE', sub: '10000000002' },
  { label: 'Pharmacie de la Gare', role: 'pharmacist', org: 'PH-GARE', sub: '10000000004' },
  { label: 'Prescripteur, CHU (centre de référence)', role: 'prescriber', org: 'CHU-DEMO', sub: '10000000001' },
  { label: 'ANSM (auditrice)', role: 'ansm', org: 'ANSM', sub: 'auditrice@ansm' },
];

/** Tokens for the demo actors: only on the embedded default, which listens on this machine alone by default. */
@ApiExcludeController()
@Public()
@Controller('v1/demo')
export class DemoController {
  constructor(
    @Inject(DEMO_ENABLED) private readonly enabled: boolean,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  @Get('actors')
  actors() {
    if (!this.enabled) throw new NotFoundException();
    return DEMO_ACTORS.map((a) => ({ ...a, token: signToken(this.secret, { sub: a.sub, role: a.role, org: a.org }, 8 * 3600) }));
  }
}
