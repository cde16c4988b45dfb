import type Redis from 'ioredis';
import type { DocumentNode } from 'graphql';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';

export interface PersistedQuerySettings {
  /** Documents kept in memory (without Redis). */
  maxEntries: number;
  /** Their bytes, all together (without Redis). */
  maxBytes: number;
  /** How long a registered document is kept after its registration. */
  ttlSeconds: number;
  /** The largest document registered (its text, in characters); a larger one runs but is not kept. */
  maxDocumentLength: number;
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

/** Keeps only documents up to a length: a client may send a large one, not fill the cache with it. */
class SizeCappedCache implements KeyValueCache<string> {
  constructor(
    private readonly inner: KeyValueCache<string>,
    private readonly maxLength: number,
  ) {}

  get(key: string): Promise<string | undefined> {
    return this.inner.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    if (value.length <= this.maxLength) await this.inner.set(key, value);
  }

  delete(key: string): Promise<boolean | void> {
    return this.inner.delete(key);
  }
}

/** Where registered documents are kept: Redis when the instances share one, else a cache bounded in entries and bytes. Documents longer than the cap are not kept. */
export function persistedQueryCache(settings: PersistedQuerySettings, redis?: Redis): KeyValueCache<string> {
  const cache = redis
    ? new RedisDocumentCache(redis, settings.ttlSeconds)
    : new InMemoryLRUCache<string>({ max: settings.maxEntries, maxSize: settings.maxBytes, sizeCalculation: InMemoryLRUCache.sizeCalculation, ttl: settings.ttlSeconds * 1000 });
  return new SizeCappedCache(cache, settings.maxDocumentLength);
}

/**
 * Apollo's cache of parsed documents, bounded by what it really holds: a parsed document keeps
 * its whole source text (comments and blanks too, which are not tokens and pass the token
 * limit), which Apollo's own size estimate leaves out, so padded documents could fill memory.
 */
export function parsedDocumentCache(maxBytes: number): KeyValueCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: maxBytes,
    sizeCalculation: (document) => InMemoryLRUCache.sizeCalculation(document) + 2 * (document.loc?.source.body.length ?? 0),
  });
}
