import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  monthlyBalance,
  registerDecider,
  registerEntries,
  registerStream,
  type Line,
  type MonthlyBalance,
  type RegisterEntry,
} from '../../../../libs/domain/src/index.js';
import { Streams } from '../commands/streams.js';

export class GetStock {
  constructor(readonly site: string) {}
}

export class GetRegister {
  constructor(readonly site: string) {}
}

export class GetMonthlyBalance {
  constructor(
    readonly site: string,
    readonly month: string,
  ) {}
}

@QueryHandler(GetStock)
export class GetStockHandler implements IQueryHandler<GetStock, Line[]> {
  constructor(private readonly streams: Streams) {}

  async execute({ site }: GetStock): Promise<Line[]> {
    const { stock } = await this.streams.state(registerStream(site), registerDecider);
    return [...stock.values()].filter((line) => line.quantity > 0);
  }
}

@QueryHandler(GetRegister)
export class GetRegisterHandler implements IQueryHandler<GetRegister, RegisterEntry[]> {
  constructor(private readonly streams: Streams) {}

  async execute({ site }: GetRegister): Promise<RegisterEntry[]> {
    return registerEntries(await this.streams.events(registerStream(site)));
  }
}

@QueryHandler(GetMonthlyBalance)
export class GetMonthlyBalanceHandler implements IQueryHandler<GetMonthlyBalance, MonthlyBalance[]> {
  constructor(private readonly streams: Streams) {}

  async execute({ site, month }: GetMonthlyBalance): Promise<MonthlyBalance[]> {
    return monthlyBalance(registerEntries(await this.streams.events(registerStream(site))), month);
  }
}
