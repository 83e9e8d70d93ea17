import { restCollection } from './restCollection.ts';
import { restletsCollection } from './restletsCollection.ts';
import type { CollectionDef } from './types.ts';

/** Every generated collection, in the order the generator writes them. */
export const COLLECTIONS: readonly CollectionDef[] = [restCollection, restletsCollection];
export type { CollectionDef, FolderDef, RequestDef } from './types.ts';

