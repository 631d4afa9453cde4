import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandOperation, ReadOperation } from '../openapi/operations.js';
import { GtinParam } from '../openapi/parameters.js';
import { Roles } from '../auth/access.decorators.js';
import { CommandMetadata, type CommandContext } from '../shared/streams/command-context.js';
import { commandAnswer } from '../shared/streams/streams.js';
import { AuthoriseProduct, ChangeSpecification } from './product.commands.js';
import { AuthoriseProductDto, ChangeSpecificationDto } from './product.dto.js';
import { GetProduct } from './product.queries.js';
import { ProductAnswerResponse, ProductResponse } from './product.responses.js';
import { plain } from '../validation/plain.js';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('v1/products')
export class ProductsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('ansm')
  @CommandOperation({
    summary: 'Authorise a product and its specification (ANSM)',
    type: ProductAnswerResponse,
    description: 'The product is in the catalogue',
  })
  async authorise(@Body() body: AuthoriseProductDto, @CommandMetadata() context: CommandContext) {
    const result = await this.commands.execute(new AuthoriseProduct(plain(body), context));
    return { ...commandAnswer(result), gtin: body.gtin };
  }

  @Put(':gtin/specification')
  @HttpCode(200)
  @Roles('ansm')
  @GtinParam()
  @CommandOperation({
    summary: "Change a product's tolerance, contaminant limits or narcotic status (ANSM)",
    type: ProductAnswerResponse,
    description: 'The specification is changed',
    status: 200,
    idempotencyKey: false,
  })
  async changeSpecification(
    @Param('gtin') gtin: string,
    @Body() body: ChangeSpecificationDto,
    @CommandMetadata() context: CommandContext,
  ) {
    const result = await this.commands.execute(new ChangeSpecification(gtin, plain(body), context));
    return { ...commandAnswer(result), gtin };
  }

  @Get(':gtin')
  @GtinParam()
  @ReadOperation({
    summary: 'A product of the catalogue with its specification',
    type: ProductResponse,
    description: 'The product',
  })
  product(@Param('gtin') gtin: string) {
    return this.queries.execute(new GetProduct(gtin));
  }
}
