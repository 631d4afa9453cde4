import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { AuthoriseProductHandler, ChangeSpecificationHandler } from './product.commands.js';
import { GetProductHandler } from './product.queries.js';
import { ProductsController } from './products.controller.js';

@Module({
  imports: [CommandsModule],
  controllers: [ProductsController],
  providers: [AuthoriseProductHandler, ChangeSpecificationHandler, GetProductHandler],
})
export class CatalogueModule {}
