/**
 * Where the warehouse and the raw store live under the data directory (`paths.dataDir`).
 */
import { join } from 'node:path';

export const databasePath = (dataDir: string): string => join(dataDir, 'nianbao.duckdb');
export const rawStoreDir = (dataDir: string): string => join(dataDir, 'raw');
