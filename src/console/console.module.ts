import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';
import { ConsoleEnabledGuard } from './console-enabled.guard';

/** The console page and its files (the page itself is built from console/ by console/build.js). */
@Module({
  controllers: [ConsoleController],
  providers: [ConsoleEnabledGuard],
})
export class ConsoleModule {}
