package io.tfmesh.fabric;

/**
 * A cluster's API did not give what was asked. Connectors throw only this, so that callers
 * can report each source's failure by kind without knowing the client library.
 */
public class FabricException extends RuntimeException {

	/** Why the call failed. */
	public enum Kind {

		/** No connection: refused, unknown host, TLS failure. */
		UNREACHABLE,
		/** No answer within the time bound. */
		TIMEOUT,
		/** 401: credentials missing, wrong or expired. */
		UNAUTHORIZED,
		/** 403: the credentials lack the rights. */
		FORBIDDEN,
		/** 404: no such object (or type). */
		NOT_FOUND,
		/** 409: the object exists already, is still in use, or changed since it was read. */
		CONFLICT,
		/** 400: the request was refused as malformed. */
		BAD_REQUEST,
		/** 5xx: the server failed. */
		SERVER_ERROR,
		/** The answer could not be understood. */
		INVALID_RESPONSE

	}

	private final String source;

	private final Kind kind;

	private final int status;

	/**
	 * @param source which API failed: {@code kubernetes}, {@code tungsten-fabric} or
	 * {@code introspect}
	 * @param status the HTTP status, or 0 when there was none
	 */
	public FabricException(String source, Kind kind, int status, String message, Throwable cause) {
		super(message, cause);
		this.source = source;
		this.kind = kind;
		this.status = status;
	}

	public FabricException(String source, Kind kind, int status, String message) {
		this(source, kind, status, message, null);
	}

	public String source() {
		return source;
	}

	public Kind kind() {
		return kind;
	}

	public int status() {
		return status;
	}

}
