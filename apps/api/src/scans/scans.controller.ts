import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Gs1ParseError, parsePackCode } from '#gs1';
import { problem, ProblemException } from '../problem/problem.js';
import { ReadScanDto } from './scan.dto.js';

/** Reads a pack's code the way receipts and dispensations do, for a desk that shows a count as packs are scanned. */
@ApiTags('scans')
@ApiBearerAuth()
@Controller('v1/scans')
export class ScansController {
  @Post('read')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What a scanned pack code says (GTIN, lot, serial, expiry, every AI), or why it cannot be read; writes nothing',
  })
  read(@Body() body: ReadScanDto) {
    try {
      const { gtin, lot, serial, expiry, elements } = parsePackCode(body.scan);
      return {
        gtin,
        lot: lot ?? null,
        serial: serial ?? null,
        expiry: expiry ?? null,
        elements: elements.map(({ ai, value }) => ({ ai, value })),
      };
    } catch (error) {
      if (!(error instanceof Gs1ParseError)) throw error;
      throw new ProblemException(
        problem(400, 'unreadable_scan', `The scan is not a readable pack code: ${error.message}.`, {
          reason: error.code,
          position: error.position,
          errors: [{ field: 'scan', message: error.message }],
        }),
      );
    }
  }
}
