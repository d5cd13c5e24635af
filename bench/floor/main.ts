/**
 * Baseline (c): the framework floor. A bare NestJS 11 app, no model, on the adapter FLOOR_ADAPTER
 * names (express | fastify): what the framework alone costs for the MLP's 1.3 KB JSON body.
 * Like Perch, Nest's body parser is off and the route gets the raw Buffer (any Content-Type).
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import * as express from 'express';
import type { AddressInfo } from 'node:net';
import { FloorModule } from './floor.module';

const LIMIT = 64 * 1024 * 1024;

async function create(adapter: string): Promise<INestApplication> {
  const options = { bodyParser: false, logger: ['error', 'warn'] as ('error' | 'warn')[] };
  if (adapter === 'express') {
    const app = await NestFactory.create(FloorModule, new ExpressAdapter(), options);
    app.use(express.raw({ type: () => true, limit: LIMIT }));
    return app;
  }
  if (adapter === 'fastify') {
    const fastify = new FastifyAdapter({ bodyLimit: LIMIT });
    fastify.getInstance().removeAllContentTypeParsers();
    fastify
      .getInstance()
      .addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    return NestFactory.create(FloorModule, fastify, options);
  }
  throw new Error(`FLOOR_ADAPTER must be express or fastify, not '${adapter}'`);
}

async function main(): Promise<void> {
  const app = await create(process.env.FLOOR_ADAPTER ?? 'express');
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  console.log(
    `floor listening on http://127.0.0.1:${port} (${process.env.FLOOR_ADAPTER ?? 'express'})`,
  );
}

main().catch((e: unknown) => {
  console.error(`floor failed to start: ${String(e)}`);
  process.exit(1);
});
