import { Body, Controller, Get, HttpCode, Param, Post, Put, type PipeTransform } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { pseudonymProblem } from '#domain';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { problem, ProblemException } from '../problem/problem.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { isPatientId } from '../validation/validators.js';
import { RecordConsultation, SetLongConsultationSchedule } from './follow-up.commands.js';
import { LongConsultationScheduleDto, RecordConsultationDto } from './follow-up.dto.js';
import { GetLongConsultationSchedule, ListOverdueLongConsultations } from './follow-up.queries.js';
import {
  ConsultationRecordedResponse,
  LongConsultationScheduleResponse,
  LongConsultationScheduleSetResponse,
  OverdueLongConsultationResponse,
} from './follow-up.responses.js';

/** The patient of the path: a pseudonym (a mistyped one is refused), never a social-security number. */
const patientIdPipe: PipeTransform<string, string> = {
  transform: (value) => {
    if (!isPatientId(value))
      throw new ProblemException(problem(400, 'validation', 'patientId must be the pseudonym cannatrace issued'));
    if (pseudonymProblem(value) === 'mistyped')
      throw new ProblemException(
        problem(400, 'pseudonym_mistyped', 'patientId: a character is mistyped; copy it again from the inclusion', {
          rule: 'pseudonym_mistyped',
        }),
      );
    return value;
  },
};

@ApiTags('follow-up')
@ApiBearerAuth()
@Controller('v1')
export class FollowUpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('patients/:patientId/consultations')
  @Roles('prescriber')
  @ApiParam({ name: 'patientId', description: 'The patient’s pseudonym', example: 'CT-7AFG3H3YAQ90HCBC1' })
  @CommandOperation({
    summary:
      'Record a follow-up consultation of an included patient (a trained prescriber; a long consultation only by a prescriber of a reference centre); a stop frees a place in the indication’s cap and ends the prescriptions',
    type: ConsultationRecordedResponse,
    description: 'The consultation is recorded',
  })
  async record(
    @Param('patientId', patientIdPipe) patientId: string,
    @Body() body: RecordConsultationDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new RecordConsultation({ ...body, patientId }, context));
    return { ...commandAnswer(result), consultationId: result.consultationId, patientId };
  }

  @Get('follow-up/overdue')
  @Roles('prescriber', 'ansm')
  @ReadOperation({
    summary:
      'Patients whose long consultation is overdue as of today, most overdue first: a prescriber’s own (it included or last saw them), all for ANSM (read models)',
    type: [OverdueLongConsultationResponse],
    description: 'The overdue long consultations',
  })
  overdue(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListOverdueLongConsultations(principal));
  }

  @Get('follow-up/schedule')
  @Roles('prescriber', 'ansm')
  @ReadOperation({
    summary: 'The schedule of long consultations (default: 5 in the first year, then 2 a year)',
    type: LongConsultationScheduleResponse,
    description: 'The schedule',
  })
  schedule() {
    return this.queries.execute(new GetLongConsultationSchedule());
  }

  @Put('follow-up/schedule')
  @HttpCode(200)
  @Roles('ansm')
  @CommandOperation({
    summary: 'Set the schedule of long consultations (ANSM): how many in the first year, and in each later year',
    type: LongConsultationScheduleSetResponse,
    description: 'The schedule is set',
    status: 200,
    idempotencyKey: false,
  })
  async setSchedule(@Body() body: LongConsultationScheduleDto, @CommandMetadata() context: CommandContext) {
    const { firstYear, thereafter } = body;
    const result = await this.commands.execute(new SetLongConsultationSchedule({ firstYear, thereafter }, context));
    return { ...commandAnswer(result), firstYear, thereafter };
  }
}
