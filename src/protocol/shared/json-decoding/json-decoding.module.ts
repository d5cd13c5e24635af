import { Module } from '@nestjs/common';
import { JsonDecodeThread } from './json-decode-thread';

/** The one JSON decode thread, shared by the protocols that decode with it and by /metrics. */
@Module({ providers: [JsonDecodeThread], exports: [JsonDecodeThread] })
export class JsonDecodingModule {}
