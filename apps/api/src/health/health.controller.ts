import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { ReadOperation } from '../openapi/operations.js';
import { Public } from '../auth/access.decorators.js';
import type { Response } from 'express';
import { HealthCheck, type HealthReport } from './health-check.js';
import { HealthResponse } from './health.responses.js';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthCheck) private readonly health: HealthCheck) {}

  @Get()
  @ReadOperation({
    summary: 'Whether the event store answers (no authentication)',
    type: HealthResponse,
    description: 'Every dependency answers',
    errors: [429],
  })
  @ApiResponse({
    status: 503,
    type: HealthResponse,
    description: 'A dependency does not answer; the body says which and why',
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
