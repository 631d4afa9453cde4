import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound, productDecider, productStream, type ProductSpecification } from '#domain';
import { Streams } from '../shared/streams/streams.js';

export class GetProduct {
  constructor(readonly gtin: string) {}
}

@QueryHandler(GetProduct)
export class GetProductHandler implements IQueryHandler<GetProduct, ProductSpecification> {
  constructor(private readonly streams: Streams) {}

  async execute({ gtin }: GetProduct): Promise<ProductSpecification> {
    const { status, ...product } = await this.streams.state(productStream(gtin), productDecider);
    if (status !== 'authorised') throw notFound('product_unknown', `GTIN ${gtin} is not in the catalogue`);
    return product as ProductSpecification;
  }
}
