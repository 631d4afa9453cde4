import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';
import {
  GetAnnualSummaryHandler,
  GetDispensationsPerMonthHandler,
  GetPatientsPerIndicationHandler,
  GetVigilanceRatesHandler,
} from './reports.queries.js';

@Module({
  controllers: [ReportsController],
  providers: [
    GetPatientsPerIndicationHandler,
    GetDispensationsPerMonthHandler,
    GetVigilanceRatesHandler,
    GetAnnualSummaryHandler,
  ],
})
export class ReportsModule {}
