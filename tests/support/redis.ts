// A throwaway Redis for tests (see server/cluster/local-redis.ts): one per test file, stopped in afterAll.
export { startLocalRedis, type LocalRedis } from '../../server/cluster/local-redis';
