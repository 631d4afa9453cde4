import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '#auth';
import type { ReportAsOf } from '#read-models';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import { ReadOperation } from '../openapi/operations.js';
import { toCsv, type CsvColumn } from './csv.js';
import {
  DISPENSATIONS_COLUMNS,
  PATIENTS_COLUMNS,
  SUMMARY_COLUMNS,
  summaryFigures,
  VIGILANCE_COLUMNS,
} from './report-columns.js';
import { AnnualSummaryQueryDto, ReportPeriodQueryDto, type ReportFormat } from './reports.dto.js';
import {
  GetAnnualSummary,
  GetDispensationsPerMonth,
  GetPatientsPerIndication,
  GetVigilanceRates,
} from './reports.queries.js';
import {
  AnnualSummaryResponse,
  DispensationsPerMonthResponse,
  PatientsPerIndicationResponse,
  VigilanceRatesResponse,
} from './reports.responses.js';

/**
 * The regulator's reports, read from the report read models: JSON, or CSV with `?format=csv` or
 * `Accept: text/csv`. Each says as of which event it was computed (`asOf`, and the `Cannatrace-As-Of-*` headers).
 */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('patients-per-indication')
  @Roles('ansm')
  @ReadOperation({
    summary: 'Patients per indication each month: included, active and stopped (by reason) against the cap then (ANSM)',
    type: PatientsPerIndicationResponse,
    description: 'One row per month and indication',
  })
  async patients(
    @Query() query: ReportPeriodQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.queries.execute(new GetPatientsPerIndication({ from: query.from, to: query.to }));
    return answer(response, formatOf(query.format, accept), report, PATIENTS_COLUMNS, report.rows);
  }

  @Get('dispensations')
  @Roles('ansm')
  @ReadOperation({
    summary: 'Dispensations per month, region of the pharmacy and product: dispensations, packs, patients (ANSM)',
    type: DispensationsPerMonthResponse,
    description: 'One row per month, region and product with any dispensation',
  })
  async dispensations(
    @Query() query: ReportPeriodQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.queries.execute(new GetDispensationsPerMonth({ from: query.from, to: query.to }));
    return answer(response, formatOf(query.format, accept), report, DISPENSATIONS_COLUMNS, report.rows);
  }

  @Get('vigilance')
  @Roles('ansm')
  @ReadOperation({
    summary: 'Vigilance reports per product and batch, with rates per 1,000 patients dispensed it in the period (ANSM)',
    type: VigilanceRatesResponse,
    description: 'A row per product, then one per batch of it',
  })
  async vigilance(
    @Query() query: ReportPeriodQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.queries.execute(new GetVigilanceRates({ from: query.from, to: query.to }));
    return answer(response, formatOf(query.format, accept), report, VIGILANCE_COLUMNS, report.rows);
  }

  @Get('products/:gtin/annual-summary')
  @Roles('ansm', 'exploitant')
  @ApiParam({ name: 'gtin', description: 'The product', example: '03400930000014' })
  @ReadOperation({
    summary:
      "The holder's annual follow-up summary of one product: patients by indication, consultations, stops, vigilance (ANSM, the product's exploitant)",
    type: AnnualSummaryResponse,
    description: 'The summary',
  })
  async annualSummary(
    @Param('gtin') gtin: string,
    @Query() query: AnnualSummaryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const year = query.year === undefined ? undefined : Number(query.year);
    const report = await this.queries.execute(new GetAnnualSummary(principal, gtin, year));
    return answer(response, formatOf(query.format, accept), report, SUMMARY_COLUMNS, summaryFigures(report));
  }
}

/** `format` decides; without it, CSV when the client accepts text/csv and not JSON first. */
function formatOf(format: ReportFormat | undefined, accept: string | undefined): ReportFormat {
  if (format) return format;
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json) ? 'csv' : 'json';
}

function answer<Row>(
  response: Response,
  format: ReportFormat,
  report: { asOf: ReportAsOf },
  columns: CsvColumn<Row>[],
  rows: Row[],
) {
  response.setHeader('Cannatrace-As-Of-Position', report.asOf.position);
  if (report.asOf.recordedAt) response.setHeader('Cannatrace-As-Of-Recorded-At', report.asOf.recordedAt);
  if (format === 'json') return report;
  response.type('text/csv; charset=utf-8');
  return toCsv(columns, rows);
}
