import '@testing-library/jest-dom';

// Component tests drive a whole page with user events; on a busy 2-core CI
// machine that can take longer than jest's 5 s default.
jest.setTimeout(30_000);
