// Collection-level pre-request script: runs before every request of the collection.
import { collectionPrerequest } from '../pm/collectionPrerequest';

collectionPrerequest(Date.now());
