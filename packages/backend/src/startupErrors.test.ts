import { explainStartupError } from './startupErrors';

describe('explainStartupError', () => {
  it('names the busy port', () => {
    const e = new Error('listen EADDRINUSE: address already in use :::7007');
    expect(explainStartupError(e)).toBe(
      "Port 7007 is busy: stop what runs there (e.g. `fuser -k 7007/tcp` or another 'yarn start'), then start again.",
    );
  });

  it('names an unreachable PostgreSQL and the variables to fix', () => {
    const e = new Error(
      "Plugin 'catalog' startup failed; caused by Error: Failed to connect to the database to make sure that 'backstage_plugin_catalog' exists, Error: connect ECONNREFUSED 127.0.0.1:5432",
    );
    expect(explainStartupError(e)).toMatch(
      /^PostgreSQL at 127\.0\.0\.1:5432 is unreachable \(ECONNREFUSED\): start it, or set POSTGRES_HOST/,
    );
  });

  it('leaves other errors alone', () => {
    expect(
      explainStartupError(
        new Error('Invalid config meshAdvisor.platform.currentMesh'),
      ),
    ).toBeUndefined();
  });
});
