package io.tfmesh.preflight;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A rule's new value as clients send it: {@code allowed} for a rule of versions,
 * {@code minimumGib} for a rule of sizes.
 *
 * @param key which rule, when several are sent at once; the path names it otherwise
 * @param version the version the change is based on (or send it in {@code If-Match})
 */
public record RuleRequest(@Nullable String key, @Nullable List<@Nullable String> allowed,
		@Nullable Integer minimumGib, @Nullable Long version) {
}
