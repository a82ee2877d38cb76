export { FakeMeshAdvisorApi } from './FakeMeshAdvisorApi';
export type { FakeCall, FakeMeshAdvisorApiOptions } from './FakeMeshAdvisorApi';
export * from './fixtures';
export * from './testEntities';
export { fakePermissionApi } from './permissionApi';
export { responseError, errorBody } from './responseError';
