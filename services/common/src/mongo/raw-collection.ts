import type { Model, mongo } from 'mongoose';

/**
 * The driver's collection behind a model, typed by the model's documents (string `_id`s included).
 * For writes that must bypass mongoose's middleware (no timestamps, no casting): bulk writes of
 * already-decided updates. mongoose types `model.collection` with the driver's default document
 * (ObjectId ids); this is the one place that type is narrowed to what the collection holds.
 */
export function rawCollection<T extends mongo.Document>(model: Model<T>): mongo.Collection<T> {
  return model.collection as unknown as mongo.Collection<T>;
}
