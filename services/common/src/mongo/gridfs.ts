import mongoose, { type Connection } from 'mongoose';

type DriverBucket = InstanceType<typeof mongoose.mongo.GridFSBucket>;

/**
 * A GridFS bucket whose files have string ids (ours: deterministic, tenant-checked ids). GridFS stores
 * any `_id`, on MongoDB and on the local Mongo-wire engine; the driver's types only name ObjectId.
 */
export interface StringIdBucket {
  openUploadStreamWithId(
    id: string,
    filename: string,
    options?: Parameters<DriverBucket['openUploadStreamWithId']>[2],
  ): ReturnType<DriverBucket['openUploadStreamWithId']>;
  openDownloadStream(id: string): ReturnType<DriverBucket['openDownloadStream']>;
  delete(id: string): Promise<void>;
}

/** The bucket of an open connection, with string ids (`what` names the user in the error when not open yet). */
export function stringIdBucket(conn: Connection, bucketName: string, chunkSizeBytes: number, what: string): StringIdBucket {
  if (!conn.db) throw new Error(`${what} used before the connection is open`);
  const bucket = new mongoose.mongo.GridFSBucket(conn.db, { bucketName, chunkSizeBytes });
  // The one place the id type is widened: the driver passes the id through to `_id` / `files_id` unchanged.
  const id = (value: string) => value as unknown as mongoose.mongo.ObjectId;
  return {
    openUploadStreamWithId: (value, filename, options) => bucket.openUploadStreamWithId(id(value), filename, options),
    openDownloadStream: (value) => bucket.openDownloadStream(id(value)),
    delete: (value) => bucket.delete(id(value)),
  };
}
