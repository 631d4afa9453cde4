import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Principal } from '#auth';
import { batchAccess, forbid, massBalance, needsLinks, notFound, type Viewer } from '#domain';
import { BatchRow, listMassBalances, readMassBalance } from '#read-models';
import { BatchLinksReader } from '../batches/batch-links.js';

export class GetMassBalance {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly principal: Principal,
  ) {}
}

export class ListMassBalances {
  constructor(readonly imbalancedOnly: boolean) {}
}

/**
 * A batch's mass balance from the read models: the terms of its equation, every site's figures, and the sites
 * whose figures disagree. ANSM, and whoever the batch's rule (`batchAccess`) gives its full view: its supplier,
 * its exploitant of record, an exploitant that holds or held it. Anyone without a link is answered as for a batch
 * that does not exist.
 */
@QueryHandler(GetMassBalance)
export class GetMassBalanceHandler implements IQueryHandler<GetMassBalance> {
  constructor(
    private readonly readModels: DataSource,
    private readonly links: BatchLinksReader,
  ) {}

  async execute({ gtin, lot, principal }: GetMassBalance) {
    const batch = await this.readModels.getRepository(BatchRow).findOneBy({ gtin, lot });
    const unknown = () => notFound('batch_unknown', `no lot ${lot} of GTIN ${gtin}`);
    if (!batch) throw unknown();
    const viewer: Viewer = { role: principal.role, organisation: principal.org };
    const links = needsLinks(viewer, batch)
      ? await this.links.linksOf(gtin, lot, viewer.organisation)
      : { sites: new Set<string>() };
    const access = batchAccess(viewer, batch, links);
    if (access === 'none') throw unknown();
    if (access !== 'full')
      throw forbid('balance_not_allowed', "a batch's mass balance is for ANSM, its supplier and its exploitants");
    const balance = (await readMassBalance(this.readModels, gtin, lot)) ?? {
      ...massBalance(gtin, lot, null, [], []),
      siteFigures: [],
    };
    const disagreeing = new Set(balance.sites);
    return {
      gtin,
      lot,
      terms: balance.terms,
      difference: balance.difference,
      balanced: balance.balanced,
      sites: balance.sites,
      disagreements: balance.disagreements,
      evidence: balance.evidence,
      siteFigures: balance.siteFigures.map((s) => ({
        organisationId: s.site,
        entered: s.entered,
        received: s.received,
        shipped: s.shipped,
        dispensed: s.dispensed,
        lost: s.lost,
        destroyed: s.destroyed,
        adjusted: s.adjusted,
        onHand: s.onHand,
        stated: s.stated,
        statedExpected: s.statedExpected,
        statedEventId: s.statedEventId,
        agrees: !disagreeing.has(s.site),
      })),
    };
  }
}

/** Batches' balances as the projection recorded them, out of balance only when asked (ANSM; 500 at most). */
@QueryHandler(ListMassBalances)
export class ListMassBalancesHandler implements IQueryHandler<ListMassBalances> {
  constructor(private readonly readModels: DataSource) {}

  execute({ imbalancedOnly }: ListMassBalances) {
    return listMassBalances(this.readModels, imbalancedOnly);
  }
}
