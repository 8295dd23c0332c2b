/**
 * Internal: main's persistence, snapshots and an append-only log in a directory it locks, and
 * the restore from them on start. Not API.
 *
 * <p>Files, all made of checksummed records ({@link io.sharedmemory.core.internal.persistence.RecordBuffer}):
 * {@code snapshot.bin}, an image of the store tagged with a generation, replaced atomically;
 * {@code log-<generation>.bin}, the writes after the image of that generation (and later ones);
 * {@code lock}, held by the live main.
 */
package io.sharedmemory.core.internal.persistence;
