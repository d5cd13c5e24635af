import { Module } from '@nestjs/common';
import { JsonThread } from './json-thread';

/** The one JSON decode thread, shared by the protocols that decode with it and by /metrics. */
@Module({ providers: [JsonThread], exports: [JsonThread] })
export class JsonThreadModule {}
