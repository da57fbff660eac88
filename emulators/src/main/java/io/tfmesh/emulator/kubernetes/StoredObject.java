package io.tfmesh.emulator.kubernetes;

import org.jspecify.annotations.Nullable;

/**
 * An object of the emulated API as its store keeps it.
 *
 * @param plural of the collection it was created in, which the store keys it by
 * @param json the object
 */
record StoredObject(@Nullable String plural, String json) {

}
