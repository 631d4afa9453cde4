import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdempotencyKeyHeader, ReadOperation } from '../openapi/operations.js';
import { Gs1ParseError, parsePackCode } from '#gs1';
import { problem, ProblemException } from '../problem/problem.js';
import { ReadScanDto } from './scan.dto.js';
import { ScanReadResponse } from './scan.responses.js';

/** Reads a pack's code the way receipts and dispensations do, for a desk that shows a count as packs are scanned. */
@ApiTags('scans')
@ApiBearerAuth()
@Controller('v1/scans')
export class ScansController {
  @Post('read')
  @HttpCode(200)
  @ReadOperation({
    summary:
      'What a scanned pack code says (GTIN, lot, serial, expiry, every AI), or why it cannot be read; writes nothing',
    type: ScanReadResponse,
    description: 'What the code says',
    // A POST: its Idempotency-Key may be reused with another body (409); nothing it names can be missing (404).
    errors: [400, 401, 403, 409, 429],
  })
  @IdempotencyKeyHeader()
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
