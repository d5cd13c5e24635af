import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';

/** A constant the size and shape of Perch's MLP batch-1 answer, so both write the same bytes. */
const ANSWER = JSON.stringify({
  model_name: 'mlp',
  model_version: '1',
  outputs: [
    {
      name: 'probabilities',
      datatype: 'FP32',
      shape: [1, 10],
      data: Array.from({ length: 10 }, (_, i) => 0.0987654321 + i / 1e9),
    },
  ],
});

/** The framework floor: one route that reads the raw body, parses it as JSON and answers a constant. */
@Controller()
export class FloorController {
  @Post('v2/models/:model/infer')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  infer(@Body() body: Buffer): string {
    JSON.parse(body.toString());
    return ANSWER;
  }
}
