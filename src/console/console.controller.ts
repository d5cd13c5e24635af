import { Controller, Get, Headers, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OpenRoute } from '../auth/route-access.decorator';
import { clientText } from '../common/client-text';
import { EncodedBody } from '../protocol/shared/encoded-body';
import { ConsoleEnabledGuard } from './console-enabled.guard';
import { CONSOLE_CSP, consoleAsset } from './console-assets';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Rebuilt in place (no hashed names): the browser asks again rather than run an old script.
  'Cache-Control': 'no-cache',
};

/**
 * The console's static files (open: the page holds no data; what it shows comes from the API,
 * with the keys the user gives it), and `GET /`, which sends a browser there.
 */
@Controller()
@ApiExcludeController()
@OpenRoute()
@UseGuards(ConsoleEnabledGuard)
export class ConsoleController {
  @Get()
  root(@Headers('accept') accept: string | undefined): EncodedBody {
    if (!accept?.includes('text/html'))
      throw new NotFoundException(
        'nothing at /: the API is under /v2 (see /docs); a browser is sent to /console',
      );
    return new EncodedBody(Buffer.alloc(0), 'text/plain', 302, { Location: '/console' });
  }

  @Get('console')
  page(): EncodedBody {
    return this.file('index.html');
  }

  @Get('console/:asset')
  asset(@Param('asset') name: string): EncodedBody {
    return this.file(name);
  }

  private file(name: string): EncodedBody {
    const asset = consoleAsset(name);
    if (!asset) throw new NotFoundException(`no console file '${clientText(name)}'`);
    return new EncodedBody(asset.body, asset.contentType, 200, SECURITY_HEADERS);
  }
}
