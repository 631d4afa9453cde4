import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '#auth';
import { forbid, notFound } from '#domain';
import { ShipmentRecord, type ShipmentView } from './shipment-record.js';

export class GetShipment {
  constructor(
    readonly shipmentId: string,
    readonly principal: Principal,
  ) {}
}

/** A shipment, for its sender, its receiver, or ANSM. */
@QueryHandler(GetShipment)
export class GetShipmentHandler implements IQueryHandler<GetShipment, ShipmentView> {
  constructor(private readonly shipments: ShipmentRecord) {}

  async execute({ shipmentId, principal }: GetShipment): Promise<ShipmentView> {
    const view = await this.shipments.view(shipmentId);
    if (!view) throw notFound('shipment_unknown', `no shipment ${shipmentId}`);
    if (principal.role !== 'ansm' && principal.org !== view.from && principal.org !== view.to) {
      throw forbid('not_shipment_party', 'only the sender, the receiver or ANSM may read a shipment');
    }
    return view;
  }
}
