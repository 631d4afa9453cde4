import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  bookBalance,
  monthlyBalance,
  monthOf,
  parisDate,
  registerEntries,
  unchangedBalance,
  type Line,
  type MonthlyBalance,
  type RegisterEntry,
} from '#domain';
import { CLOCK, type Clock } from '../clock/clock.js';
import { RegisterBooks } from '../shared/streams/register-books.js';
import { Streams } from '../shared/streams/streams.js';

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

/** The stock of the site's newest book: folded incrementally, never the whole history. */
@QueryHandler(GetStock)
export class GetStockHandler implements IQueryHandler<GetStock, Line[]> {
  constructor(
    private readonly books: RegisterBooks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ site }: GetStock): Promise<Line[]> {
    const book = await this.books.newest(site, monthOf(parisDate(this.clock())));
    return book ? [...book.state.stock.values()].filter((line) => line.quantity > 0).map((line) => ({ ...line })) : [];
  }
}

/** Every entry of the register, book after book, with the running balance of each batch. */
@QueryHandler(GetRegister)
export class GetRegisterHandler implements IQueryHandler<GetRegister, RegisterEntry[]> {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ site }: GetRegister): Promise<RegisterEntry[]> {
    const events = [];
    for (const book of await this.books.all(site, monthOf(parisDate(this.clock()))))
      events.push(...(await this.streams.events(book.stream)));
    return registerEntries(events);
  }
}

/** A month's balance from its book alone; a month without a book closes as the book before it stands. */
@QueryHandler(GetMonthlyBalance)
export class GetMonthlyBalanceHandler implements IQueryHandler<GetMonthlyBalance, MonthlyBalance[]> {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
  ) {}

  async execute({ site, month }: GetMonthlyBalance): Promise<MonthlyBalance[]> {
    const book = await this.books.at(site, month);
    if (!book) return [];
    if (book.month === month) return bookBalance(await this.streams.events(book.stream));
    if (book.month === null) return monthlyBalance(registerEntries(await this.streams.events(book.stream)), month);
    return unchangedBalance(book.state.stock.values());
  }
}
