import { Module } from '@nestjs/common';
import { RegisterBooks } from './register-books.js';
import { Streams } from './streams.js';

@Module({ providers: [Streams, RegisterBooks], exports: [Streams, RegisterBooks] })
export class StreamsModule {}
