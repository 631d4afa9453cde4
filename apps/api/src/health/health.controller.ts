import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators.js';
import type { Response } from 'express';
import { HealthCheck, type HealthReport } from './health-check.js';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthCheck) private readonly health: HealthCheck) {}

  @Get()
  @ApiOperation({ summary: 'Whether the event store answers (no authentication)' })
  @ApiResponse({ status: 200, description: 'Every dependency answers' })
  @ApiResponse({ status: 503, description: 'A dependency does not answer; the body says which and why' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.current();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
