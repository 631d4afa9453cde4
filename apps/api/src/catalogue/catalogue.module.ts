import { Module } from '@nestjs/common';
import { StreamsModule } from '../shared/streams/streams.module.js';
import { AuthoriseProductHandler, ChangeSpecificationHandler } from './product.commands.js';
import { GetProductHandler } from './product.queries.js';
import { ProductsController } from './products.controller.js';

@Module({
  imports: [StreamsModule],
  controllers: [ProductsController],
  providers: [AuthoriseProductHandler, ChangeSpecificationHandler, GetProductHandler],
})
export class CatalogueModule {}
