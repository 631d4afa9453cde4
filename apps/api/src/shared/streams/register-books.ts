import { Injectable } from '@nestjs/common';
import {
  addMonths,
  bookOpensAt,
  bookOpening,
  fold,
  DomainError,
  legacyRegisterStream,
  monthOf,
  organisationStream,
  parisDate,
  REGISTER_BOOK_CLOSED,
  registerBookStream,
  registerDecider,
  type Month,
  type RegisterCommand,
  type RegisterEvent,
  type RegisterState,
} from '#domain';
import type { Role } from '#auth';
import type { CommandContext } from './command-context.js';
import { nameBasedId } from './event-ids.js';
import { Streams, type CommandResult } from './streams.js';

/** What a register command answers: the command's answer and its events. */
export type RegisterCommandResult = CommandResult & { events: RegisterEvent[] };

export interface Book {
  stream: string;
  /** null for the legacy single-stream register. */
  month: Month | null;
}

/** A book found with its state: what queries read. */
export interface BookState extends Book {
  state: RegisterState;
}

/** The last months looked at, back from the current one, when a site's books are not known in this process. */
const MAX_MONTHS_BACK = 600;

/**
 * Runs register commands in a site's current monthly book, opening it when the month turns: the previous book
 * is closed (so no late write can slip into it), then the new one opens with what the old one carried. Both are
 * appends of events whose ids and content derive from the book alone, so any number of processes may race to
 * open the same book: the first append stands and the others replay it.
 */
@Injectable()
export class RegisterBooks {
  /** The month each site was registered in: no book is older. */
  private readonly registered = new Map<string, Month>();

  constructor(private readonly streams: Streams) {}

  async decide(
    site: string,
    command: (book: Book) => RegisterCommand | Promise<RegisterCommand>,
    context: CommandContext,
    batchKeys: string[] = [],
  ): Promise<RegisterCommandResult> {
    return this.streams.serially(`books:${site}`, async () => {
      const written = await this.streams.written<RegisterEvent>(
        registerBookStream(site, monthOf(parisDate(context.now))),
        context,
      );
      if (written) return written;
      for (let attempt = 1; ; attempt++) {
        const book = await this.locate(site, monthOf(parisDate(context.now)));
        if (book.opening) {
          // Decided first on the book as it will open: a refused command writes nothing, not even the opening.
          const opening = bookOpening(
            book.month as Month,
            book.opening.previous?.stream ?? null,
            book.opening.previous?.state,
          );
          const events = registerDecider.decide(await command(book), fold(registerDecider, [opening]));
          if (events.length === 0) return { eventIds: [], stream: book.stream, revision: -1, events };
          if (!(await this.open(site, book, book.opening.previous))) continue;
        }
        try {
          return await this.streams.decideUnwritten(
            book.stream,
            registerDecider,
            () => command(book),
            context,
            batchKeys,
          );
        } catch (error) {
          // Another process closed the book while we decided: the command goes to the next one.
          if (!(error instanceof DomainError && error.rule === REGISTER_BOOK_CLOSED) || attempt >= 3) throw error;
        }
      }
    });
  }

  /** The book holding the site's register at `month`: that month's, or the newest before it. */
  async at(site: string, month: Month): Promise<BookState | undefined> {
    const own = await this.streams.current(registerBookStream(site, month), registerDecider);
    if (own.revision >= 0) return { stream: registerBookStream(site, month), month, state: own.state };
    return this.before(site, month);
  }

  /** The site's newest book: the one of `month` (or before it), then every book that took over from it. */
  async newest(site: string, month: Month): Promise<BookState | undefined> {
    let book = await this.at(site, month);
    while (book?.state.book.closed && book.state.book.nextMonth !== null) {
      const stream = registerBookStream(site, book.state.book.nextMonth);
      const next = await this.streams.current(stream, registerDecider);
      if (next.revision < 0) break;
      book = { stream, month: book.state.book.nextMonth, state: next.state };
    }
    return book;
  }

  /**
   * The site's books in order, oldest first: what the whole register is made of. Each closed book names the one
   * that took over, so only the first monthly book is looked for (from the site's registration to `until`).
   */
  async all(site: string, until: Month): Promise<Book[]> {
    const books: Book[] = [];
    let next: Month | null = null;
    const legacy = await this.streams.current(legacyRegisterStream(site), registerDecider);
    if (legacy.revision >= 0) {
      books.push({ stream: legacyRegisterStream(site), month: null });
      next = legacy.state.book.nextMonth;
    } else {
      for (
        let month = await this.firstMonth(site, until);
        month <= until && next === null;
        month = addMonths(month, 1)
      ) {
        if ((await this.streams.current(registerBookStream(site, month), registerDecider)).revision >= 0) next = month;
      }
    }
    while (next !== null) {
      const stream = registerBookStream(site, next);
      const { revision, state } = await this.streams.current(stream, registerDecider);
      if (revision < 0) break;
      books.push({ stream, month: next });
      next = state.book.nextMonth;
    }
    return books;
  }

  /** The newest book before `month` (a monthly one, else the legacy register), or undefined for a new site. */
  async before(site: string, month: Month): Promise<BookState | undefined> {
    const floor = await this.firstMonth(site, month);
    for (let candidate = addMonths(month, -1); candidate >= floor; candidate = addMonths(candidate, -1)) {
      const stream = registerBookStream(site, candidate);
      const { revision, state } = await this.streams.current(stream, registerDecider);
      if (revision >= 0) return { stream, month: candidate, state };
    }
    const legacy = await this.streams.current(legacyRegisterStream(site), registerDecider);
    return legacy.revision >= 0 ? { stream: legacyRegisterStream(site), month: null, state: legacy.state } : undefined;
  }

  /**
   * The book for a command dated in `month`: that month's, or a later one when it is closed or was never opened
   * because a later one exists already (a command dated in the past never forks the register). Writes nothing:
   * a book still to open comes with the book it opens from.
   */
  private async locate(site: string, month: Month): Promise<Book & { opening?: { previous: BookState | undefined } }> {
    let current = month;
    // The book this process saw open is taken as open: the command's own read of it confirms, and a book closed
    // meanwhile refuses the command, which is then written in the next one.
    const known = this.streams.cached(registerBookStream(site, month), registerDecider).state;
    if (known.book.opened && !known.book.closed) return { stream: registerBookStream(site, month), month };
    for (;;) {
      const stream = registerBookStream(site, current);
      const { state } = await this.streams.current(stream, registerDecider);
      if (state.book.opened && !state.book.closed) return { stream, month: current };
      if (state.book.closed) {
        current = state.book.nextMonth ?? addMonths(current, 1);
        continue;
      }
      const previous = await this.before(site, current);
      if (previous?.state.book.closed && previous.state.book.nextMonth !== current) {
        current = previous.state.book.nextMonth as Month;
        continue;
      }
      return { stream, month: current, opening: { previous } };
    }
  }

  /** Closes the previous book into this one and opens it; false when another process closed it into another. */
  private async open(site: string, book: Book, previous: BookState | undefined): Promise<boolean> {
    const month = book.month as Month;
    if (previous) {
      await this.streams.decide(
        previous.stream,
        registerDecider,
        () => ({ type: 'CloseBook' as const, nextMonth: month }),
        bookContext(site, previous.stream, 'close', month),
      );
    }
    const closed = previous && (await this.streams.current(previous.stream, registerDecider)).state;
    if (closed && closed.book.nextMonth !== month) return false;
    await this.streams.decide(
      book.stream,
      registerDecider,
      () => ({ type: 'OpenBook' as const, month, previousBook: previous?.stream ?? null, previous: closed }),
      bookContext(site, book.stream, 'open', month),
    );
    return true;
  }

  /** No book is older than the month the site was registered in (the month asked, for an unknown site). */
  private async firstMonth(site: string, month: Month): Promise<Month> {
    let registered = this.registered.get(site);
    if (registered === undefined) {
      const [registration] = await this.streams.firstEvents(organisationStream(site), 1);
      if (!registration) return month;
      registered = monthOf(parisDate(new Date(registration.metadata.occurredAt)));
      this.registered.set(site, registered);
    }
    return registered < addMonths(month, -MAX_MONTHS_BACK) ? addMonths(month, -MAX_MONTHS_BACK) : registered;
  }
}

/** Books open and close at midnight of the month's first day, by cannatrace itself: the same content every time. */
function bookContext(site: string, stream: string, action: 'open' | 'close', month: Month): CommandContext {
  const commandId = nameBasedId(`${stream}/${action}`);
  return {
    // Not a role anyone signs in with: the events are cannatrace's own bookkeeping.
    principal: { sub: 'cannatrace', role: 'system' as Role, org: site },
    commandId,
    correlationId: commandId,
    now: bookOpensAt(month),
  };
}
