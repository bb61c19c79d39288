import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { fnv1a } from '../util/hash.js';

/**
 * Partitioned queues (the events, the Karoo calls): a key always lands in the same partition,
 * and each partition runs one job at a time across all processes, in FIFO order.
 */

/** A key's partition: stable across processes and restarts. */
export function partitionOf(key: string, partitions: number): number {
  return fnv1a(key) % partitions;
}

/** `name-00` … : the queue of one partition. */
export function partitionName(base: string, partition: number): string {
  return `${base}-${String(partition).padStart(2, '0')}`;
}

/**
 * The queues of a partitioned set (events, Karoo calls): one per partition, each to be given a
 * global concurrency of 1 (`initPartitions`) so a partition runs one job at a time across all
 * processes, in FIFO order.
 */
export function partitionQueues<T>(base: string, partitions: number, connection: Redis, prefix: string, defaultJobOptions: DefaultJobOptions): Queue<T>[] {
  return Array.from({ length: partitions }, (_, i) => new Queue<T>(partitionName(base, i), { connection, prefix, defaultJobOptions }));
}

export async function initPartitions(queues: Queue[]): Promise<void> {
  await Promise.all(queues.map((q) => q.setGlobalConcurrency(1)));
}
