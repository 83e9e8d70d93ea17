// Collection-level test script: runs after every response of the collection.
import { collectionTest } from '../pm/collectionTest';

collectionTest(Date.now());
