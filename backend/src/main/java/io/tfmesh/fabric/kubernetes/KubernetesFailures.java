package io.tfmesh.fabric.kubernetes;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import org.jspecify.annotations.Nullable;

/** Turns fabric8's exceptions into {@link FabricException}s, with messages free of the token. */
final class KubernetesFailures {

	static final String SOURCE = "kubernetes";

	private final List<String> secrets;

	/** @param secrets the bearer tokens in use, never to appear in a message */
	KubernetesFailures(@Nullable String... secrets) {
		this.secrets = Arrays.stream(secrets).filter(secret -> secret != null && !secret.isBlank()).toList();
	}

	<T> T call(String action, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (KubernetesClientException ex) {
			throw translate(action, ex);
		}
	}

	FabricException translate(String action, KubernetesClientException ex) {
		int code = ex.getCode();
		if (code > 0) {
			return failure(kindOf(code), code, action + ": HTTP " + code + statusMessage(ex.getStatus()), ex);
		}
		if (causedBy(ex, TimeoutException.class) || causedBy(ex, SocketTimeoutException.class)
				|| causedBy(ex, HttpTimeoutException.class)) {
			return failure(Kind.TIMEOUT, 0, action + ": no answer in time", ex);
		}
		if (causedBy(ex, InterruptedException.class) || causedBy(ex, InterruptedIOException.class)) {
			Thread.currentThread().interrupt();
			return failure(Kind.TIMEOUT, 0, action + ": interrupted while waiting for the answer", ex);
		}
		IOException io = cause(ex, IOException.class);
		if (io != null) {
			return failure(Kind.UNREACHABLE, 0, action + ": " + messageOf(io), ex);
		}
		return failure(Kind.INVALID_RESPONSE, 0, action + ": " + rootMessage(ex), ex);
	}

	FabricException failure(Kind kind, int status, String message, @Nullable Throwable cause) {
		return new FabricException(SOURCE, kind, status, redact(message), cause);
	}

	private String redact(String message) {
		String redacted = message;
		for (String secret : secrets) {
			redacted = redacted.replace(secret, "[token]");
		}
		return redacted;
	}

	static Kind kindOf(int code) {
		return switch (code) {
			case 401 -> Kind.UNAUTHORIZED;
			case 403 -> Kind.FORBIDDEN;
			case 404 -> Kind.NOT_FOUND;
			case 409 -> Kind.CONFLICT;
			// too many requests: the server is overloaded, as with a 5xx
			default -> (code >= 500 || code == 429) ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
		};
	}

	private static String statusMessage(@Nullable Status status) {
		if (status == null || status.getMessage() == null || status.getMessage().isBlank()) {
			return "";
		}
		return " (" + status.getMessage() + ")";
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		return cause(ex, type) != null;
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return messageOf(root);
	}

	private static String messageOf(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
