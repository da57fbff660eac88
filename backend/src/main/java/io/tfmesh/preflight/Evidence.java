package io.tfmesh.preflight;

import org.jspecify.annotations.Nullable;

/**
 * One reading a verdict rests on.
 *
 * @param node the node it was read from, null for a reading of the whole cluster
 * @param value what was read, null when it could not be read
 * @param source where it was read, for people
 * @param wanted what the rule wanted
 * @param verdict what this reading alone says
 */
public record Evidence(@Nullable String node, @Nullable String value, String source, String wanted,
		Verdict verdict) {
}
