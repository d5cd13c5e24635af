// Validates the OpenAPI document on stdin with @apidevtools/swagger-parser: prints "valid", or the
// reason and exits 1. A separate process because the parser loads ES modules, which Node's own
// require() handles and Jest's module sandbox does not.
const SwaggerParser = require('@apidevtools/swagger-parser');

let text = '';
process.stdin.on('data', (chunk) => (text += chunk));
process.stdin.on('end', () => {
  SwaggerParser.validate(JSON.parse(text)).then(
    () => console.log('valid'),
    (e) => {
      console.log(e.message);
      process.exit(1);
    },
  );
});
