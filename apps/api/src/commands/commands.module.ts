import { Module } from '@nestjs/common';
import { Streams } from './streams.js';

@Module({ providers: [Streams], exports: [Streams] })
export class CommandsModule {}
