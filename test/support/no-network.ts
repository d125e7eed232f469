import nock from 'nock';
import { afterEach } from 'vitest';

// Tests reach loopback only: every other host must be mocked with nock, or the call fails.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

afterEach(() => {
  nock.cleanAll();
});
