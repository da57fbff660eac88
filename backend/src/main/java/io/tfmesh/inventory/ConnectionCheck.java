package io.tfmesh.inventory;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * How one of a cluster's APIs answered when its registration tested it.
 *
 * @param connection {@code kubernetes}, {@code tungsten-fabric} or {@code introspect}
 * @param target what was asked: the API's URL, or the introspect address and port
 * @param status {@code ok}, {@code failed}, {@code timeout} (no answer in time, within the registration's
 * bound) or {@code skipped} (nothing to ask)
 * @param failure the failure's kind ({@code UNREACHABLE}, {@code UNAUTHORIZED}, ...), when it
 * failed
 * @param message what was read, or why nothing was
 */
public record ConnectionCheck(String connection, String target, String status, @Nullable String failure,
		String message) implements Serializable {

	public static final String OK = "ok";

	public boolean ok() {
		return OK.equals(status);
	}

}
