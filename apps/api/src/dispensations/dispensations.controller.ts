import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandOperation } from '../openapi/operations.js';
import { Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { packOf } from './pack.js';
import { Dispense } from './dispensation.commands.js';
import { DispenseDto } from './dispensation.dto.js';
import { DispensedResponse } from './dispensation.responses.js';

@ApiTags('dispensations')
@ApiBearerAuth()
@Controller('v1/dispensations')
export class DispensationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('pharmacist')
  @CommandOperation({
    type: DispensedResponse,
    description: 'The packs are dispensed: an exit of the pharmacy’s register',
    summary:
      'Dispense against a prescription at the pharmacy it names, by scan or by gtin and lot (a trained pharmacist of that pharmacy). Presented more than 3 days after issue, only the share of the remaining days of treatment may be dispensed: prescribed packs x remaining days / duration, rounded down.',
  })
  async dispense(@Body() body: DispenseDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(new Dispense(body.prescriptionId, packOf(body), body.quantity, context));
    return { ...commandAnswer(result), dispensationId: result.dispensationId };
  }
}
