import type Redis from 'ioredis';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';

export interface PersistedQuerySettings {
  /** Documents kept in memory (without Redis). */
  maxEntries: number;
  /** Their bytes, all together (without Redis). */
  maxBytes: number;
  /** How long a registered document is kept after its registration. */
  ttlSeconds: number;
}

/**
 * Apollo's automatic persisted queries, in Redis for every instance: a miss while Redis is away
 * (the client sends the document again, as after any miss) rather than an error, and each entry
 * expires after `ttlSeconds`; Redis's own memory policy bounds the rest.
 */
class RedisDocumentCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`caregraph:apq:${key}`).catch(() => null)) ?? undefined;
  }

  async set(key: string, value: string): Promise<void> {
    await this.redis.set(`caregraph:apq:${key}`, value, 'EX', this.ttlSeconds).catch(() => undefined);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(`caregraph:apq:${key}`).catch(() => 0)) > 0;
  }
}

/** Where registered documents are kept: Redis when the instances share one, else a cache bounded in entries and bytes. */
export function persistedQueryCache(settings: PersistedQuerySettings, redis?: Redis): KeyValueCache<string> {
  if (redis) return new RedisDocumentCache(redis, settings.ttlSeconds);
  return new InMemoryLRUCache<string>({ max: settings.maxEntries, maxSize: settings.maxBytes, sizeCalculation: InMemoryLRUCache.sizeCalculation, ttl: settings.ttlSeconds * 1000 });
}
