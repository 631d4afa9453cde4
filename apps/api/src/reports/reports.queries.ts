import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Principal } from '#auth';
import { forbid, notFound, parisDate } from '#domain';
import {
  annualSummary,
  dispensationsPerMonth,
  patientsPerIndication,
  readReport,
  reportedProduct,
  vigilanceRates,
  type MonthPeriod,
} from '#read-models';
import { CLOCK, type Clock } from '../clock/clock.js';
import { problem, ProblemException } from '../problem/problem.js';

/** The longest period a report spans: ten years of months. */
const MAX_MONTHS = 120;

export class GetPatientsPerIndication {
  constructor(readonly asked: Partial<MonthPeriod>) {}
}

export class GetDispensationsPerMonth {
  constructor(readonly asked: Partial<MonthPeriod>) {}
}

export class GetVigilanceRates {
  constructor(readonly asked: Partial<MonthPeriod>) {}
}

export class GetAnnualSummary {
  constructor(
    readonly principal: Principal,
    readonly gtin: string,
    readonly year: number | undefined,
  ) {}
}

/** The months asked: `to` defaults to this month in France, `from` to the 11 months before it. */
export function periodOf({ from, to }: Partial<MonthPeriod>, now: Date): MonthPeriod {
  const last = to ?? parisDate(now).slice(0, 7);
  const first = from ?? monthsBefore(last, 11);
  const span = monthIndex(last) - monthIndex(first) + 1;
  if (span < 1 || span > MAX_MONTHS)
    throw new ProblemException(
      problem(
        400,
        'report_period_invalid',
        `from must not be after to, and a report spans ${MAX_MONTHS} months at most`,
        {
          rule: 'report_period_invalid',
        },
      ),
    );
  return { from: first, to: last };
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

function monthsBefore(month: string, count: number): string {
  const index = monthIndex(month) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

@QueryHandler(GetPatientsPerIndication)
export class GetPatientsPerIndicationHandler implements IQueryHandler<GetPatientsPerIndication> {
  constructor(
    private readonly readModels: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ asked }: GetPatientsPerIndication) {
    const period = periodOf(asked, this.clock());
    return readReport(this.readModels, async (tx) => ({ ...period, rows: await patientsPerIndication(tx, period) }));
  }
}

@QueryHandler(GetDispensationsPerMonth)
export class GetDispensationsPerMonthHandler implements IQueryHandler<GetDispensationsPerMonth> {
  constructor(
    private readonly readModels: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ asked }: GetDispensationsPerMonth) {
    const period = periodOf(asked, this.clock());
    return readReport(this.readModels, async (tx) => ({ ...period, rows: await dispensationsPerMonth(tx, period) }));
  }
}

@QueryHandler(GetVigilanceRates)
export class GetVigilanceRatesHandler implements IQueryHandler<GetVigilanceRates> {
  constructor(
    private readonly readModels: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ asked }: GetVigilanceRates) {
    const period = periodOf(asked, this.clock());
    return readReport(this.readModels, async (tx) => ({ ...period, rows: await vigilanceRates(tx, period) }));
  }
}

/** ANSM reads any product's summary; an exploitant only the summary of a product it holds. */
@QueryHandler(GetAnnualSummary)
export class GetAnnualSummaryHandler implements IQueryHandler<GetAnnualSummary> {
  constructor(
    private readonly readModels: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ principal, gtin, year }: GetAnnualSummary) {
    const summed = year ?? Number(parisDate(this.clock()).slice(0, 4)) - 1;
    return readReport(this.readModels, async (tx) => {
      const product = await reportedProduct(tx, gtin);
      if (!product) throw notFound('product_unknown', `GTIN ${gtin} is not in the catalogue`);
      if (principal.role !== 'ansm' && !(principal.role === 'exploitant' && principal.org === product.exploitantId))
        throw forbid('not_product_exploitant', 'only ANSM and the exploitant holding the product read its summary');
      return annualSummary(tx, product, summed);
    });
  }
}
