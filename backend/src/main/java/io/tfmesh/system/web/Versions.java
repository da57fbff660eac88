package io.tfmesh.system.web;

import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.PreconditionRequiredException;
import org.jspecify.annotations.Nullable;

/**
 * Optimistic locking over HTTP: resources carry their version in the body and as a strong
 * ETag; writes name the version they are based on, in {@code If-Match} or the body.
 */
public final class Versions {

	private Versions() {
	}

	public static String etag(long version) {
		return "\"" + version + "\"";
	}

	/** The version a write is based on; If-Match wins over the body. */
	public static long expected(@Nullable String ifMatch, @Nullable Long bodyVersion) {
		Long fromHeader = parse(ifMatch);
		if (fromHeader != null) {
			return fromHeader;
		}
		if (bodyVersion != null) {
			return bodyVersion;
		}
		throw new PreconditionRequiredException();
	}

	/** The version of an optional If-Match header, for deletions. */
	public static @Nullable Long parse(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String tag = ifMatch.strip();
		if (tag.equals("*") || tag.startsWith("W/")) {
			throw new InvalidInputException("If-Match",
					"must be the resource's strong ETag, such as \"3\"; tfmesh does not overwrite blindly");
		}
		if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
			tag = tag.substring(1, tag.length() - 1);
		}
		try {
			return Long.parseLong(tag);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("If-Match", "must be the ETag of the resource, such as \"3\"");
		}
	}

}
